import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import OpenAI from 'openai';
import { DEFAULT_ROUTER_SETTINGS, type OpenAICompatSlot } from '../../../../src/config/types';
import { collectChat } from '../../../../src/providers/collect';
import { copilotModule } from '../../../../src/providers/copilot/module';
import type { ChatEvent, ChatRequest } from '../../../../src/providers/types';
import { buildRouter } from '../../../../src/router/buildRouter';
import type { RoutedEvent } from '../../../../src/router/types';
import { replaySse, sseFromPayloads } from '../../../fakes/wire';
import { DEFAULT_MODELS, fakeCopilot, GITHUB_TOKEN, copilotResponsesPayloads } from '../../../fakes/fakeCopilot';
import {
  collectEvents,
  copilotSlot,
  fakeTime,
  providerErrorOf,
  replyJson,
  tempDir,
  testDeps,
  testHttp,
  useFakeServer,
} from '../../../fakes/signinHarness';

const CODEX = 'gpt-5.3-codex';
const MODELS = [...DEFAULT_MODELS, { id: CODEX, object: 'model', supported_endpoints: ['/responses'] }];
const request: ChatRequest = {
  model: CODEX,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'How many r in strawberry?' }] }],
};

type Json = Record<string, any>;

/** The events the recording should become, derived from its payloads: deltas in order, then usage and finish. */
function expectedEventsOf(payloads: Json[]): ChatEvent[] {
  const events: ChatEvent[] = [];
  for (const payload of payloads) {
    if (payload.type === 'response.reasoning_summary_text.delta')
      events.push({ type: 'reasoning-delta', text: payload.delta });
    if (payload.type === 'response.output_text.delta') events.push({ type: 'text-delta', text: payload.delta });
  }
  const usage = payloads.find((payload) => payload.type === 'response.completed')!.response.usage;
  events.push({
    type: 'usage',
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    totalTokens: usage.total_tokens,
    reasoningTokens: usage.output_tokens_details.reasoning_tokens,
    cachedInputTokens: usage.input_tokens_details.cached_tokens,
  });
  events.push({ type: 'finish', reason: 'stop', rawReason: 'completed' });
  return events;
}

/** A synthetic stream: two function calls whose deltas interleave, every event with a new item id. */
function functionCallStream(): string[] {
  let id = 0;
  const item = () => `rotated-${++id}`;
  const events: Json[] = [
    { type: 'response.created', response: { id: 'resp_1', status: 'in_progress', output: [] } },
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { id: item(), type: 'function_call', call_id: 'call_weather', name: 'get_weather', arguments: '' },
    },
    { type: 'response.function_call_arguments.delta', output_index: 0, item_id: item(), delta: '{"ci' },
    {
      type: 'response.output_item.added',
      output_index: 1,
      item: { id: item(), type: 'function_call', call_id: 'call_time', name: 'get_time', arguments: '' },
    },
    { type: 'response.function_call_arguments.delta', output_index: 1, item_id: item(), delta: '{"zone":' },
    { type: 'response.function_call_arguments.delta', output_index: 0, item_id: item(), delta: 'ty":"Paris",' },
    { type: 'response.function_call_arguments.delta', output_index: 0, item_id: item(), delta: '"unit":"°C"}' },
    { type: 'response.function_call_arguments.delta', output_index: 1, item_id: item(), delta: '"CET"}' },
    {
      type: 'response.function_call_arguments.done',
      output_index: 0,
      item_id: item(),
      arguments: '{"city":"Paris","unit":"°C"}',
    },
    {
      type: 'response.output_item.done',
      output_index: 0,
      item: {
        id: item(),
        type: 'function_call',
        status: 'completed',
        call_id: 'call_weather',
        name: 'get_weather',
        arguments: '{"city":"Paris","unit":"°C"}',
      },
    },
    { type: 'response.function_call_arguments.done', output_index: 1, item_id: item(), arguments: '{"zone":"CET"}' },
    {
      type: 'response.output_item.done',
      output_index: 1,
      item: {
        id: item(),
        type: 'function_call',
        status: 'completed',
        call_id: 'call_time',
        name: 'get_time',
        arguments: '{"zone":"CET"}',
      },
    },
    {
      type: 'response.completed',
      response: {
        id: 'resp_1',
        status: 'completed',
        usage: {
          input_tokens: 50,
          output_tokens: 30,
          total_tokens: 80,
          output_tokens_details: { reasoning_tokens: 10 },
          input_tokens_details: { cached_tokens: 20 },
        },
      },
    },
  ];
  return events.map((event, sequence) => JSON.stringify({ ...event, sequence_number: sequence }));
}

describe('Copilot Responses API (models that only speak /responses)', function () {
  const http = testHttp();
  const fake = useFakeServer();
  after(async () => http.close());

  function setup(options: Parameters<typeof fakeCopilot>[2] = {}) {
    const { server } = fake;
    const time = fakeTime();
    const state = fakeCopilot(server, time.now, { models: MODELS, ...options });
    const file = path.join(tempDir(), 'copilot-token');
    fs.writeFileSync(file, `${GITHUB_TOKEN}\n`);
    const slot = copilotSlot({ githubApiUrl: server.url }, file);
    const deps = testDeps(http, { now: time.now });
    return { server, state, time, slot, deps, client: () => copilotModule.create(slot, deps) };
  }

  it('replays a gpt-5.3-codex stream with the rotating item ids Copilot sends in uneven pieces: exact reasoning, text, usage, finish', async () => {
    const { state, client } = setup();
    const payloads = copilotResponsesPayloads().map((line) => JSON.parse(line) as Json);
    const textIds = new Set(payloads.filter((p) => p.type === 'response.output_text.delta').map((p) => p.item_id));
    assert.ok(textIds.size > 1, 'the stream rotates item ids within one output item');

    const events = await collectEvents(client().streamChat(request));
    assert.deepEqual(events, expectedEventsOf(payloads));
    const text = payloads
      .filter((p) => p.type === 'response.output_text.done')
      .map((p) => p.text)
      .join('');
    assert.equal(
      events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join(''),
      text,
      'the deltas add up to output_text.done',
    );

    assert.equal(state.chatRequests.length, 0, 'nothing went to /chat/completions');
    const [sent] = state.responsesRequests;
    assert.equal(sent.headers.authorization, 'Bearer tid=copilot-1;exp=1');
    assert.equal(sent.headers['copilot-integration-id'], 'vscode-chat');
    assert.equal(sent.headers['openai-intent'], 'conversation-panel');
    assert.equal(sent.headers['x-github-api-version'], '2025-04-01');
    assert.match(String(sent.headers['editor-version']), /^vscode\/\d/);
    assert.equal(sent.headers.accept, 'text/event-stream');
  });

  it('the openai SDK reads the same bytes to the same text and reasoning (oracle)', async () => {
    const { server, state, client } = setup();
    const ours = await collectChat(client().streamChat(request));
    const sdk = new OpenAI({ apiKey: state.validToken, baseURL: `${server.url}/copilot`, maxRetries: 0 });
    let text = '';
    let reasoning = '';
    let usage: Json | undefined;
    for await (const event of await sdk.responses.create({
      model: CODEX,
      input: 'How many r in strawberry?',
      stream: true,
    })) {
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.reasoning_summary_text.delta') reasoning += event.delta;
      if (event.type === 'response.completed') usage = event.response.usage ?? undefined;
    }
    assert.ok(text.length > 0 && reasoning.length > 0);
    assert.equal(ours.text, text);
    assert.equal(ours.reasoning, reasoning);
    assert.equal(ours.usage.outputTokens, usage?.output_tokens);
    assert.equal(ours.usage.reasoningTokens, usage?.output_tokens_details?.reasoning_tokens);
    assert.equal(ours.finishReason, 'stop');
  });

  it('assembles function calls by output_index while item ids rotate and arguments arrive in pieces', async () => {
    const chunks = functionCallStream();
    const { server, state, client } = setup({
      responsesReply: (response) => replaySse(response, sseFromPayloads(chunks, { eventNames: true, done: false })),
    });
    const events = await collectEvents(client().streamChat(request));
    assert.deepEqual(events, [
      { type: 'tool-call', id: 'call_weather', name: 'get_weather', arguments: { city: 'Paris', unit: '°C' } },
      { type: 'tool-call', id: 'call_time', name: 'get_time', arguments: { zone: 'CET' } },
      { type: 'usage', inputTokens: 50, outputTokens: 30, totalTokens: 80, reasoningTokens: 10, cachedInputTokens: 20 },
      { type: 'finish', reason: 'tool-calls', rawReason: 'completed' },
    ]);
    // Oracle: the SDK's parse of the same bytes names the same calls in its output_item.done events.
    const sdk = new OpenAI({ apiKey: state.validToken, baseURL: `${server.url}/copilot`, maxRetries: 0 });
    const calls: Array<{ id: string; name: string; arguments: unknown }> = [];
    for await (const event of await sdk.responses.create({ model: CODEX, input: 'x', stream: true })) {
      if (event.type === 'response.output_item.done' && event.item.type === 'function_call') {
        calls.push({ id: event.item.call_id, name: event.item.name, arguments: JSON.parse(event.item.arguments) });
      }
    }
    assert.deepEqual(
      events.flatMap((e) => (e.type === 'tool-call' ? [{ id: e.id, name: e.name, arguments: e.arguments }] : [])),
      calls,
    );
  });

  it('sends input items, tools, tool_choice, max_output_tokens, reasoning, stream:true and store:false', async () => {
    const { state, client } = setup();
    const full: ChatRequest = {
      model: CODEX,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather here?' },
            { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'dropped' },
            { type: 'text', text: 'Let me look.' },
            { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'get_weather', content: '18 °C' }],
        },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Weather for a city',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      toolChoice: { name: 'get_weather' },
      maxTokens: 500,
      temperature: 0.2,
      reasoning: { effort: 'high' },
    };
    await collectEvents(client().streamChat(full));
    const [sent] = state.responsesRequests;
    assert.equal(sent.headers['copilot-vision-request'], 'true');
    assert.deepEqual(sent.json, {
      model: CODEX,
      input: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather here?' },
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' },
          ],
        },
        { role: 'assistant', content: [{ type: 'output_text', text: 'Let me look.' }] },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '18 °C' },
      ],
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
          strict: false,
        },
      ],
      tool_choice: { type: 'function', name: 'get_weather' },
      max_output_tokens: 500,
      reasoning: { effort: 'high', summary: 'auto' },
      stream: true,
      store: false,
    });
  });

  it('routes by supported_endpoints: /responses-only to /responses, dual and chat-only models to /chat/completions; /models asked once', async () => {
    const { state, client } = setup();
    const shared = client();
    await collectEvents(shared.streamChat(request));
    await collectEvents(shared.streamChat({ ...request, model: 'gpt-4.1' }));
    await collectEvents(shared.streamChat({ ...request, model: 'claude-sonnet-4' }));
    await collectEvents(shared.streamChat({ ...request, model: undefined })); // the slot's model, gpt-4.1
    assert.deepEqual(
      state.responsesRequests.map((r) => r.json.model),
      [CODEX],
    );
    assert.deepEqual(
      state.chatRequests.map((r) => r.json.model),
      ['gpt-4.1', 'claude-sonnet-4', 'gpt-4.1'],
    );
    assert.equal(state.modelsRequests, 1, 'the /models answer is cached');
  });

  it('without /models: chat completions, except codex models by name; /models is not asked again at once', async () => {
    const { state, client } = setup({
      modelsReply: (response) => replyJson(response, 500, { error: { message: 'down' } }),
    });
    const shared = client();
    await collectEvents(shared.streamChat({ ...request, model: 'gpt-5.1-codex-mini' }));
    await collectEvents(shared.streamChat({ ...request, model: 'gpt-4.1' }));
    assert.deepEqual(
      state.responsesRequests.map((r) => r.json.model),
      ['gpt-5.1-codex-mini'],
    );
    assert.deepEqual(
      state.chatRequests.map((r) => r.json.model),
      ['gpt-4.1'],
    );
    assert.equal(state.modelsRequests, 1);
  });

  it('a 401 on /responses exchanges the token again and retries once, like chat completions', async () => {
    const { state, client } = setup({ forced401: 1 });
    const result = await collectChat(client().streamChat(request));
    assert.equal(result.finishReason, 'stop');
    assert.deepEqual(
      state.responsesRequests.map((r) => r.headers.authorization),
      ['Bearer tid=copilot-1;exp=1', 'Bearer tid=copilot-2;exp=1'],
    );
  });

  it('send() collects the stream', async () => {
    const { client } = setup();
    const result = await client().send(request);
    const payloads = copilotResponsesPayloads().map((line) => JSON.parse(line) as Json);
    assert.equal(
      result.text,
      payloads
        .filter((p) => p.type === 'response.output_text.done')
        .map((p) => p.text)
        .join(''),
    );
    assert.equal(result.finishReason, 'stop');
  });

  it('response.failed with rate_limit_exceeded is a rate-limit error: the router fails over to the next slot and cools Copilot', async () => {
    const { server, state, time, slot, deps } = setup({
      responsesReply: (response) =>
        replaySse(
          response,
          sseFromPayloads(
            [
              '{"type":"response.created","sequence_number":0,"response":{"id":"r1","status":"in_progress"}}',
              '{"type":"response.failed","sequence_number":1,"response":{"id":"r1","status":"failed","error":{"code":"rate_limit_exceeded","message":"Rate limit reached for gpt-5.3-codex"}}}',
            ],
            { eventNames: true, done: false },
          ),
        ),
    });
    server.route('POST', '/backup/chat/completions', (_request, response) =>
      replaySse(
        response,
        sseFromPayloads([
          '{"choices":[{"index":0,"delta":{"content":"From backup"},"finish_reason":null}]}',
          '{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
        ]),
      ),
    );
    const backup: OpenAICompatSlot = {
      id: 'backup',
      kind: 'openai-compat',
      displayName: 'Backup',
      model: 'backup-model',
      baseUrl: `${server.url}/backup`,
      source: slot.source,
      apiKey: { type: 'literal', value: 'backup-key-not-secret' },
      chatPath: '/chat/completions',
      freeTier: false,
      local: false,
      supportsStreamOptions: true,
    };
    const router = await buildRouter(
      {
        file: 'skynet.toml',
        slots: [{ ...slot, model: CODEX }, backup],
        router: { ...DEFAULT_ROUTER_SETTINGS },
        fromEnvironment: false,
      },
      { ...deps, now: time.now },
    );
    const events: RoutedEvent[] = [];
    for await (const event of router.streamChat({ messages: request.messages })) events.push(event);
    const failover = events.find((event) => event.type === 'failover');
    assert.ok(failover && failover.type === 'failover');
    assert.equal(failover.from, 'copilot');
    assert.equal(failover.kind, 'rate-limit');
    assert.match(failover.message, /Rate limit reached/);
    assert.equal(events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join(''), 'From backup');
    assert.equal(state.responsesRequests.length, 1);
    assert.equal(router.health().find((health) => health.slotId === 'copilot')?.state, 'cooling');
  });

  it('in-stream errors and early ends are typed: error event, response.incomplete, truncation', async () => {
    const reply = (payloads: string[]) => (response: import('node:http').ServerResponse) =>
      replaySse(response, sseFromPayloads(payloads, { eventNames: true, done: false }));
    const { state, client } = setup();
    state.responsesReply = reply([
      '{"type":"error","code":"server_error","message":"The server had an error","param":null,"sequence_number":0}',
    ]);
    const serverError = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(serverError.kind, 'server');
    assert.match(serverError.message, /The server had an error/);

    state.responsesReply = reply([
      '{"type":"response.output_text.delta","output_index":0,"item_id":"a","delta":"Cut"}',
      '{"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"usage":{"input_tokens":3,"output_tokens":1}}}',
    ]);
    assert.deepEqual(await collectEvents(client().streamChat(request)), [
      { type: 'text-delta', text: 'Cut' },
      { type: 'usage', inputTokens: 3, outputTokens: 1 },
      { type: 'finish', reason: 'length', rawReason: 'max_output_tokens' },
    ]);

    state.responsesReply = reply([
      '{"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"content_filter"}}}',
    ]);
    assert.deepEqual(await collectEvents(client().streamChat(request)), [
      { type: 'finish', reason: 'content-filter', rawReason: 'content_filter' },
    ]);

    state.responsesReply = reply([
      '{"type":"response.output_text.delta","output_index":0,"item_id":"a","delta":"Half"}',
    ]);
    assert.equal((await providerErrorOf(collectEvents(client().streamChat(request)))).kind, 'invalid-response');
  });
});
