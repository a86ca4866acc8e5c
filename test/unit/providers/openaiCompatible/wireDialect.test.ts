import * as assert from 'node:assert/strict';
import { buildOpenAIRequestBody } from '../../../../src/providers/openaiCompatible/buildOpenAIRequestBody';
import {
  CUSTOM_ENDPOINT_DIALECT,
  wireDialectFor,
  type WireDialect,
} from '../../../../src/providers/openaiCompatible/wireDialect';
import type {
  ChatEvent,
  ChatMessage,
  ChatRequest,
  ContentPart,
  ProviderClient,
  ToolDefinition,
} from '../../../../src/providers/types';
import {
  strictChat,
  deepseekNeedsReasoningContent,
  geminiNeedsThoughtSignatures,
  kimiNeedsReasoningContent,
  mistralToolCallRules,
  needsMaxCompletionTokens,
  perplexityRefusesTools,
  refusesReasoningEffort,
  refusesStreamOptions,
  textTurn,
  toolCallTurn,
  type WireCheck,
} from '../../../fakes/strictServices';
import { collectEvents, createTestClient, expectProviderError, useFakeServer } from './openaiTestKit';

const WEATHER: ToolDefinition = {
  name: 'weather',
  description: 'Weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
};
const ASK: ChatMessage = { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] };

/** The assistant message a client keeps from a streamed turn: reasoning, text and tool calls (with signatures). */
function assistantFrom(events: ChatEvent[]): ChatMessage {
  const content: ContentPart[] = [];
  const reasoning = events.flatMap((event) => (event.type === 'reasoning-delta' ? [event.text] : [])).join('');
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });
  for (const event of events) {
    if (event.type === 'tool-call')
      content.push({
        type: 'tool-call',
        id: event.id,
        name: event.name,
        arguments: event.arguments,
        ...(event.signature ? { signature: event.signature } : {}),
      });
  }
  return { role: 'assistant', content };
}

/** Two turns of a tool loop: ask, get a tool call, answer it, get the text. Returns the second turn's events. */
async function toolLoop(client: ProviderClient, model: string): Promise<ChatEvent[]> {
  const first = await collectEvents(client.streamChat({ model, messages: [ASK], tools: [WEATHER] }));
  const assistant = assistantFrom(first);
  const call = assistant.content.find((part) => part.type === 'tool-call');
  assert.ok(call && call.type === 'tool-call', 'the first turn asks for a tool');
  const result: ChatMessage = {
    role: 'tool',
    content: [{ type: 'tool-result', toolCallId: call.id, toolName: call.name, content: '18°C, sunny' }],
  };
  return collectEvents(client.streamChat({ model, messages: [ASK, assistant, result], tools: [WEATHER] }));
}

describe('wire dialects: what each real service demands (fake servers refuse what the service refuses)', () => {
  const { server, http } = useFakeServer();
  const clientFor = (dialect: WireDialect) => createTestClient(server, http, { dialect });
  const serve = (checks: WireCheck[], turns: string[]) =>
    server.route('POST', '/v1/chat/completions', strictChat(checks, turns));
  const text = (events: ChatEvent[]) => events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');

  it('DeepSeek (thinking mode, tool loop): reasoning_content goes back on the tool-call turn; without it, 400', async () => {
    const turns = [
      toolCallTurn({
        id: 'call_00_abc',
        name: 'weather',
        arguments: { city: 'Paris' },
        reasoning: 'Need the weather tool.',
      }),
      textTurn('Sunny, 18°C.'),
    ];
    serve([deepseekNeedsReasoningContent], turns);
    assert.equal(text(await toolLoop(clientFor(wireDialectFor('deepseek')), 'deepseek-reasoner')), 'Sunny, 18°C.');
    const sent = server.requests[1].json.messages[1];
    assert.equal(sent.reasoning_content, 'Need the weather tool.');
    serve([deepseekNeedsReasoningContent], turns);
    const refused = await expectProviderError(toolLoop(clientFor(CUSTOM_ENDPOINT_DIALECT), 'deepseek-reasoner'));
    assert.equal(refused.status, 400);
    assert.match(refused.message, /Missing `reasoning_content`/);
  });

  it('DeepSeek V4: every assistant turn carries reasoning_content ("" when it had none); before V4, finished turns carry none', () => {
    const messages: ChatMessage[] = [
      ASK,
      { role: 'assistant', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'user', content: [{ type: 'text', text: 'again' }] },
    ];
    const v4 = buildOpenAIRequestBody(
      { messages },
      { model: 'deepseek-v4-pro', stream: false, dialect: wireDialectFor('deepseek') },
    );
    assert.deepEqual((v4.messages as any[])[1], { role: 'assistant', content: 'Hi', reasoning_content: '' });
    const r1 = buildOpenAIRequestBody(
      { messages },
      { model: 'deepseek-reasoner', stream: false, dialect: wireDialectFor('deepseek') },
    );
    assert.deepEqual(
      (r1.messages as any[])[1],
      { role: 'assistant', content: 'Hi' },
      'before V4, reasoning of finished turns is left out',
    );
  });

  it('Kimi K2.5+ (moonshot): reasoning_content on assistant tool-call turns; without it, 400', async () => {
    const turns = [
      toolCallTurn({ id: 'weather:0', name: 'weather', arguments: { city: 'Paris' }, reasoning: 'Use the tool.' }),
      textTurn('Sunny.'),
    ];
    serve([kimiNeedsReasoningContent], turns);
    assert.equal(text(await toolLoop(clientFor(wireDialectFor('moonshot')), 'kimi-k2.5')), 'Sunny.');
    assert.equal(server.requests[1].json.messages[1].reasoning_content, 'Use the tool.');
    serve([kimiNeedsReasoningContent], turns);
    assert.equal((await expectProviderError(toolLoop(clientFor(CUSTOM_ENDPOINT_DIALECT), 'kimi-k2.5'))).status, 400);
  });

  it('Gemini 3 (OpenAI-compatible): the thought signature streamed on a tool call comes back in extra_content; without it, 400', async () => {
    const turns = [
      toolCallTurn({
        id: 'function-call-1',
        name: 'weather',
        arguments: { city: 'Paris' },
        signature: 'CqQBAdHtim9sig==',
      }),
      textTurn('Sunny.'),
    ];
    serve([geminiNeedsThoughtSignatures], turns);
    assert.equal(text(await toolLoop(clientFor(wireDialectFor('gemini')), 'gemini-3-pro-preview')), 'Sunny.');
    assert.deepEqual(server.requests[1].json.messages[1].tool_calls[0].extra_content, {
      google: { thought_signature: 'CqQBAdHtim9sig==' },
    });
    serve([geminiNeedsThoughtSignatures], turns);
    assert.equal(
      (await expectProviderError(toolLoop(clientFor(CUSTOM_ENDPOINT_DIALECT), 'gemini-3-pro-preview'))).status,
      400,
    );
  });

  it('Gemini 3: a caller whose history drops the signature (VS Code) still sends it back: the client remembers it by call id', async () => {
    serve(
      [geminiNeedsThoughtSignatures],
      [
        toolCallTurn({ id: 'function-call-7', name: 'weather', arguments: { city: 'Paris' }, signature: 'Sig7==' }),
        textTurn('Sunny.'),
      ],
    );
    const client = clientFor(wireDialectFor('gemini'));
    await collectEvents(client.streamChat({ model: 'gemini-3-flash-preview', messages: [ASK], tools: [WEATHER] }));
    const unsigned: ChatMessage[] = [
      ASK,
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'function-call-7', name: 'weather', arguments: { city: 'Paris' } }],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'function-call-7', content: '18°C' }] },
    ];
    assert.equal(
      text(
        await collectEvents(
          client.streamChat({ model: 'gemini-3-flash-preview', messages: unsigned, tools: [WEATHER] }),
        ),
      ),
      'Sunny.',
    );
    assert.equal(server.requests[1].json.messages[1].tool_calls[0].extra_content.google.thought_signature, 'Sig7==');
  });

  it('Mistral: tool-call ids from another service (or our call_N) become 9 alphanumerics, the same in the call and its result; unfit ids get 400', async () => {
    // The first turn came from another slot (an Anthropic id); the call was answered; Mistral takes over.
    const history: ChatMessage[] = [
      ASK,
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thinking' },
          { type: 'tool-call', id: 'toolu_01A09q90qw90lq917835lq9', name: 'weather', arguments: { city: 'Paris' } },
        ],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'toolu_01A09q90qw90lq917835lq9', content: '18°C' }],
      },
    ];
    serve([mistralToolCallRules], [textTurn('Sunny.')]);
    const request: ChatRequest = { model: 'mistral-large-latest', messages: history, tools: [WEATHER] };
    assert.equal(text(await collectEvents(clientFor(wireDialectFor('mistral')).streamChat(request))), 'Sunny.');
    const [, assistant, tool] = server.requests[0].json.messages;
    assert.match(assistant.tool_calls[0].id, /^[A-Za-z0-9]{9}$/);
    assert.equal(tool.tool_call_id, assistant.tool_calls[0].id);
    assert.equal('reasoning_content' in assistant, false, 'Mistral refuses unknown fields (422)');
    const refused = await expectProviderError(collectEvents(clientFor(CUSTOM_ENDPOINT_DIALECT).streamChat(request)));
    assert.equal(refused.status, 400);
    assert.match(refused.message, /must be a-z, A-Z, 0-9, with a length of 9/);
  });

  it('Perplexity: no tools are sent (it answers 400 to any request with tools)', async () => {
    serve([perplexityRefusesTools], [textTurn('Answer.')]);
    const request: ChatRequest = { model: 'sonar-pro', messages: [ASK], tools: [WEATHER], toolChoice: 'auto' };
    assert.equal(text(await collectEvents(clientFor(wireDialectFor('perplexity')).streamChat(request))), 'Answer.');
    assert.equal('tools' in server.requests[0].json, false);
    assert.equal('tool_choice' in server.requests[0].json, false);
    assert.equal(
      (await expectProviderError(collectEvents(clientFor(CUSTOM_ENDPOINT_DIALECT).streamChat(request)))).status,
      400,
    );
  });

  it('Groq llama and xAI grok-4.20 reasoning get no reasoning_effort (both answer 400); gpt-oss and grok-3-mini do', async () => {
    serve([refusesReasoningEffort], [textTurn('ok')]);
    for (const [id, model] of [
      ['groq', 'llama-3.3-70b-versatile'],
      ['xai', 'grok-4.20-reasoning'],
      ['xai', 'grok-4.20-0309-non-reasoning'],
    ]) {
      await collectEvents(
        clientFor(wireDialectFor(id)).streamChat({ model, messages: [ASK], reasoning: { effort: 'high' } }),
      );
    }
    assert.equal(server.requests.length, 3);
    const effort = (id: string, model: string, reasoning: ChatRequest['reasoning']) =>
      buildOpenAIRequestBody({ messages: [ASK], reasoning }, { model, stream: true, dialect: wireDialectFor(id) })
        .reasoning_effort;
    assert.equal(effort('groq', 'openai/gpt-oss-120b', { effort: 'high' }), 'high');
    assert.equal(effort('groq', 'qwen/qwen3-32b', { effort: 'high' }), 'default', 'qwen3 on Groq takes none|default');
    assert.equal(
      effort('xai', 'grok-3-mini', { effort: 'medium' }),
      'high',
      'grok-3-mini takes low|high: medium rounds up',
    );
    assert.equal(effort('xai', 'grok-4.3', { effort: 'medium' }), 'medium');
  });

  it('thinking switches: DeepSeek/GLM/Z.AI thinking:{type}, Qwen enable_thinking, OpenRouter reasoning:{effort|max_tokens}', () => {
    const body = (id: string, model: string, reasoning: ChatRequest['reasoning']) =>
      buildOpenAIRequestBody({ messages: [ASK], reasoning }, { model, stream: false, dialect: wireDialectFor(id) });
    assert.deepEqual(body('deepseek', 'deepseek-chat', { effort: 'high' }).thinking, { type: 'enabled' });
    assert.deepEqual(body('deepseek', 'deepseek-chat', false).thinking, { type: 'disabled' });
    assert.deepEqual(body('zai', 'glm-4.6', {}).thinking, { type: 'enabled' });
    assert.deepEqual(body('glm', 'glm-4.5-air', {}).thinking, { type: 'enabled' });
    const qwen = body('qwen', 'qwen-plus', { budgetTokens: 4000 });
    assert.equal(qwen.enable_thinking, true);
    assert.equal(qwen.thinking_budget, 4000);
    assert.equal(body('qwen', 'qwen-plus', false).enable_thinking, false);
    assert.deepEqual(body('openrouter', 'anthropic/claude-sonnet-4.5', { effort: 'low' }).reasoning, { effort: 'low' });
    assert.deepEqual(body('openrouter', 'anthropic/claude-sonnet-4.5', { budgetTokens: 3000 }).reasoning, {
      max_tokens: 3000,
    });
    for (const fields of [body('deepseek', 'deepseek-chat', { effort: 'high' }), body('qwen', 'qwen-plus', {})])
      assert.equal('reasoning_effort' in fields, false);
  });

  it('token limit: max_completion_tokens for xAI, Cerebras and OpenAI reasoning models (max_tokens answers 400), max_tokens elsewhere', async () => {
    serve([needsMaxCompletionTokens], [textTurn('ok')]);
    for (const [id, model] of [
      ['xai', 'grok-4.3'],
      ['cerebras', 'llama-3.3-70b'],
      ['openai', 'o3-mini'],
      ['github-models', 'openai/o4-mini'],
    ]) {
      await collectEvents(clientFor(wireDialectFor(id)).streamChat({ model, messages: [ASK], maxTokens: 100 }));
    }
    assert.deepEqual(
      server.requests.map((request) => request.json.max_completion_tokens),
      [100, 100, 100, 100],
    );
    assert.equal(
      buildOpenAIRequestBody(
        { messages: [ASK], maxTokens: 5 },
        { model: 'gpt-4o', stream: true, dialect: wireDialectFor('openai') },
      ).max_tokens,
      5,
    );
    assert.equal(
      buildOpenAIRequestBody(
        { messages: [ASK], maxTokens: 5 },
        { model: 'mistral-large-latest', stream: true, dialect: wireDialectFor('mistral') },
      ).max_tokens,
      5,
      'Mistral refuses max_completion_tokens (422)',
    );
  });

  it('Cohere: no stream_options (400 otherwise)', async () => {
    serve([refusesStreamOptions], [textTurn('ok')]);
    assert.equal(
      text(
        await collectEvents(
          clientFor(wireDialectFor('cohere')).streamChat({ model: 'command-a-03-2025', messages: [ASK] }),
        ),
      ),
      'ok',
    );
    assert.equal(
      (
        await expectProviderError(
          collectEvents(clientFor(CUSTOM_ENDPOINT_DIALECT).streamChat({ model: 'command-a-03-2025', messages: [ASK] })),
        )
      ).status,
      400,
    );
  });

  it("Codestral (codestral.mistral.ai) is Mistral's API: 9-alphanumeric tool-call ids, or 400", async () => {
    const history: ChatMessage[] = [
      ASK,
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'call_1', name: 'weather', arguments: { city: 'Paris' } }],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', content: '18°C' }] },
    ];
    serve([mistralToolCallRules], [textTurn('Sunny.')]);
    const request: ChatRequest = { model: 'codestral-latest', messages: history, tools: [WEATHER] };
    assert.equal(text(await collectEvents(clientFor(wireDialectFor('codestral')).streamChat(request))), 'Sunny.');
    assert.match(server.requests[0].json.messages[1].tool_calls[0].id, /^[A-Za-z0-9]{9}$/);
  });

  it('DeepInfra: reasoning_effort only to its reasoning models (DeepSeek V4, Qwen3, gpt-oss), nothing to Llama', () => {
    const effort = (model: string) =>
      buildOpenAIRequestBody(
        { messages: [ASK], reasoning: { effort: 'high' } },
        { model, stream: true, dialect: wireDialectFor('deepinfra') },
      ).reasoning_effort;
    assert.equal(effort('deepseek-ai/DeepSeek-V4.1-Flash'), 'high');
    assert.equal(effort('Qwen/Qwen3-235B-A22B-Thinking-2507'), 'high');
    assert.equal(effort('openai/gpt-oss-120b'), 'high');
    assert.equal(effort('meta-llama/Llama-3.3-70B-Instruct-Turbo'), undefined);
    assert.equal(effort('Qwen/Qwen3-Coder-480B-A35B-Instruct'), undefined);
  });
});
