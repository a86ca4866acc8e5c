import * as assert from 'node:assert/strict';
import { collectChat } from '../../../../src/providers/collect';
import type { ChatEvent, ChatRequest } from '../../../../src/providers/types';
import { createVertexClient } from '../../../../src/providers/vertex/client';
import { vertexModelUrl } from '../../../../src/providers/vertex/vertexUrl';
import { describeRecorded, listFixtures, readChunks } from '../../../fakes/fixtures';
import { anthropicPayloads } from '../../../support/wire/anthropicMessages';
import { argumentFragments, type WireEvent } from '../../../support/wire/events';
import { geminiPayloads } from '../../../support/wire/gemini';
import {
  NESTED_TOOL_CALL,
  REASONING_ANSWER,
  RECIPE_ARGUMENTS,
  TEXT_ANSWER,
  TOOL_CALL_ANSWER,
} from '../../../support/wire/samples';
import { providerDeps } from '../../../fakes/providerHarness';
import { replaySse, replyError, sseFromPayloads } from '../../../fakes/wire';
import { ProviderError } from '../../../../src/util/errors';
import { PROJECT_ID, geminiPath, serveTokenEndpoint, vertexSlot, useVertexServer } from './vertexWire';

const HI: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };

async function drain(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** What a Gemini recording adds up to, folded independently of the client. */
function foldGemini(lines: string[]): {
  text: string;
  calls: Array<{ name: string; args: unknown }>;
  finish?: string;
  usage?: Record<string, number>;
} {
  const folded: {
    text: string;
    calls: Array<{ name: string; args: unknown }>;
    finish?: string;
    usage?: Record<string, number>;
  } = { text: '', calls: [] };
  for (const line of lines) {
    const chunk = JSON.parse(line);
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      if (part.text && !part.thought) folded.text += part.text;
      if (part.functionCall?.args) folded.calls.push({ name: part.functionCall.name, args: part.functionCall.args });
    }
    if (chunk.candidates?.[0]?.finishReason) folded.finish = chunk.candidates[0].finishReason;
    if (chunk.usageMetadata?.totalTokenCount) folded.usage = chunk.usageMetadata;
  }
  return folded;
}

describe('Vertex client against fake Vertex and Google token servers', function () {
  const ctx = useVertexServer();

  const client = (extra = {}) => createVertexClient(vertexSlot(ctx.server.url, ctx.account.keyFile, extra), ctx.deps);
  const serveGemini = (payloads: string[], path = geminiPath()) =>
    ctx.server.route('POST', path, (_request, response) =>
      replaySse(response, sseFromPayloads(payloads, { done: false })),
    );

  const foldsLikeTheStream = (payloads: () => string[]) => async () => {
    serveGemini(payloads());
    const events = await drain(client().streamChat(HI));
    const folded = foldGemini(payloads());
    const result = await collectChat(
      (async function* () {
        yield* events;
      })(),
    );
    assert.equal(result.text, folded.text);
    if (folded.calls.length > 0)
      assert.deepEqual(
        result.toolCalls.map(({ name, arguments: args }) => ({ name, args })),
        folded.calls,
      );
    assert.equal(result.rawFinishReason, folded.finish);
    if (folded.usage) {
      assert.equal(result.usage.inputTokens, folded.usage.promptTokenCount);
      assert.equal(result.usage.reasoningTokens, folded.usage.thoughtsTokenCount);
      assert.equal(
        result.usage.outputTokens,
        folded.usage.candidatesTokenCount + (folded.usage.thoughtsTokenCount ?? 0),
      );
      assert.equal(result.usage.totalTokens, folded.usage.totalTokenCount);
    }
    assert.equal(events[events.length - 1].type, 'finish');
  };

  for (const [name, sample] of Object.entries({ TEXT_ANSWER, REASONING_ANSWER, TOOL_CALL_ANSWER })) {
    it(
      `${name}: the folded events match the stream`,
      foldsLikeTheStream(() => geminiPayloads(sample)),
    );
  }

  describeRecorded('Gemini recordings', () => {
    for (const file of listFixtures('google')) {
      it(
        `${file}: the folded events match the recording`,
        foldsLikeTheStream(() => readChunks(file)),
      );
    }
  });

  it('a signed tool call: the signature, one whole call with a generated id, usage, finish tool-calls', async () => {
    const signature = 'c2t5bmV0LXNpZ25lZC1jYWxs';
    const answer: WireEvent[] = [
      { type: 'reasoning', text: '', signature },
      { type: 'tool-call', id: 'unused', name: 'weather', arguments: argumentFragments({ location: 'San Francisco' }) },
      { type: 'usage', inputTokens: 29, outputTokens: 60, reasoningTokens: 45 },
      { type: 'finish', reason: 'tool-calls' },
    ];
    serveGemini(geminiPayloads(answer));
    const events = await drain(client().streamChat(HI));
    assert.deepEqual(
      events.map((event) => event.type),
      ['reasoning-delta', 'tool-call', 'usage', 'finish'],
    );
    assert.deepEqual(events[0], { type: 'reasoning-delta', text: '', signature });
    const call = events[1] as Extract<ChatEvent, { type: 'tool-call' }>;
    assert.match(call.id, /^call_[0-9a-f]{24}$/);
    assert.deepEqual(
      { name: call.name, arguments: call.arguments },
      { name: 'weather', arguments: { location: 'San Francisco' } },
    );
    assert.deepEqual(events[2], {
      type: 'usage',
      inputTokens: 29,
      outputTokens: 60,
      reasoningTokens: 45,
      totalTokens: 89,
    });
    assert.deepEqual(events[3], { type: 'finish', reason: 'tool-calls', rawReason: 'STOP' });
  });

  it('streamed partialArgs (gemini-3.1 on Vertex) are assembled into one nested arguments object', async () => {
    serveGemini(geminiPayloads(NESTED_TOOL_CALL, { partialArgs: true }));
    const events = await drain(client().streamChat(HI));
    const calls = events.filter(
      (event): event is Extract<ChatEvent, { type: 'tool-call' }> => event.type === 'tool-call',
    );
    assert.equal(calls.length, 1);
    assert.equal(calls[0].name, 'cookRecipe');
    assert.deepEqual(calls[0].arguments, RECIPE_ARGUMENTS);
    assert.deepEqual(events[events.length - 1], { type: 'finish', reason: 'tool-calls', rawReason: 'STOP' });
  });

  it('sends the Gemini body to the regional endpoint with the minted token', async () => {
    serveGemini(geminiPayloads(TEXT_ANSWER));
    const request: ChatRequest = {
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather?' },
            { type: 'image', mimeType: 'image/png', data: 'iVBO' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: '', signature: 'SIG' },
            { type: 'tool-call', id: 'c1', name: 'weather', arguments: { city: 'SF' } },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', content: '18C' }] },
      ],
      tools: [
        {
          name: 'weather',
          description: 'Weather',
          inputSchema: {
            $schema: 'http://json-schema.org/draft-07/schema#',
            type: 'object',
            additionalProperties: false,
            properties: { city: { type: 'string' } },
          },
        },
      ],
      toolChoice: 'required',
      temperature: 0.5,
      topP: 0.8,
      maxTokens: 256,
      stop: ['###'],
    };
    await collectChat(client().streamChat(request));
    const call = ctx.server.requests.find((recorded) => recorded.url.includes(':streamGenerateContent'))!;
    assert.equal(call.url, `${geminiPath()}?alt=sse`);
    assert.equal(call.headers.authorization, 'Bearer ya29.fake-1');
    assert.deepEqual(call.json, {
      contents: [
        { role: 'user', parts: [{ text: 'Weather?' }, { inlineData: { mimeType: 'image/png', data: 'iVBO' } }] },
        {
          role: 'model',
          parts: [{ functionCall: { name: 'weather', args: { city: 'SF' } }, thoughtSignature: 'SIG' }],
        },
        { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { content: '18C' } } }] },
      ],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      tools: [
        {
          functionDeclarations: [
            {
              name: 'weather',
              description: 'Weather',
              parameters: { type: 'object', properties: { city: { type: 'string' } } },
            },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      generationConfig: {
        temperature: 0.5,
        topP: 0.8,
        maxOutputTokens: 256,
        stopSequences: ['###'],
        thinkingConfig: { includeThoughts: true },
      },
    });
  });

  it('project_id and location from the slot override the key file; GOOGLE_APPLICATION_CREDENTIALS is the fallback key', async () => {
    serveGemini(geminiPayloads(TEXT_ANSWER), geminiPath('gemini-2.5-flash', 'europe-west4', 'other-project'));
    // The suite's clock, as everywhere else: with Date.now the assertion's iat and the fake's check could straddle a second.
    ctx.deps = providerDeps(ctx.http, {
      env: { GOOGLE_APPLICATION_CREDENTIALS: ctx.account.keyFile },
      now: () => ctx.clock,
    });
    ctx.tokenEndpoint = serveTokenEndpoint(ctx.server, ctx.account, ctx.deps.now);
    const vertex = createVertexClient(
      vertexSlot(ctx.server.url, undefined, {
        projectId: 'other-project',
        location: 'europe-west4',
        model: 'gemini-2.5-flash',
      }),
      ctx.deps,
    );
    assert.equal((await collectChat(vertex.streamChat(HI))).finishReason, 'stop');
    assert.equal(ctx.tokenEndpoint.issued.length, 1);
  });

  it('Claude models go to the Anthropic publisher (streamRawPredict) with the Anthropic body and stream parser', async () => {
    const path = `/v1/projects/${PROJECT_ID}/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514:streamRawPredict`;
    ctx.server.route('POST', path, (_request, response) =>
      replaySse(response, sseFromPayloads(anthropicPayloads(TOOL_CALL_ANSWER), { eventNames: true, done: false })),
    );
    const vertex = client({ model: 'claude-sonnet-4@20250514', location: 'us-east5' });
    const result = await collectChat(
      vertex.streamChat({ ...HI, tools: [{ name: 'json', inputSchema: { type: 'object' } }], maxTokens: 100 }),
    );
    const [, call] = ctx.server.requests;
    assert.equal(call.url, path);
    assert.equal(call.headers.authorization, 'Bearer ya29.fake-1');
    assert.equal(call.json.model, undefined);
    assert.equal(call.json.anthropic_version, 'vertex-2023-10-16');
    assert.equal(call.json.stream, true);
    assert.equal(call.json.max_tokens, 100);
    assert.deepEqual(call.json.messages, [
      { role: 'user', content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }] },
    ]);
    assert.equal(result.finishReason, 'tool-calls');
    assert.equal(result.toolCalls.length, 1);
  });

  it('Claude on Vertex: an Anthropic-shaped 529 is overloaded; an error echoing the access token does not repeat it', async () => {
    const path = `/v1/projects/${PROJECT_ID}/locations/us-east5/publishers/anthropic/models/claude-opus-4:streamRawPredict`;
    ctx.server.route('POST', path, (_request, response) =>
      replyError(response, 529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    );
    const claude = createVertexClient(
      vertexSlot(ctx.server.url, ctx.account.keyFile, { model: 'claude-opus-4', location: 'us-east5' }),
      ctx.deps,
    );
    await assert.rejects(
      collectChat(claude.streamChat(HI)),
      (error: unknown) => error instanceof ProviderError && error.kind === 'overloaded' && error.status === 529,
    );
    ctx.server.route('POST', geminiPath(), (request, response) =>
      replyError(response, 400, {
        error: {
          code: 400,
          status: 'INVALID_ARGUMENT',
          message: `Bad request from ${String(request.headers.authorization)}`,
        },
      }),
    );
    await assert.rejects(collectChat(client().streamChat(HI)), (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.equal(error.kind, 'bad-request');
      assert.ok(!error.message.includes('ya29.fake-1'), error.message);
      return true;
    });
  });

  it('global uses the global host; base_url replaces only the scheme and host', () => {
    assert.equal(
      vertexModelUrl({ baseUrl: '' }, 'p', 'global', 'google', 'gemini-2.5-pro', 'streamGenerateContent'),
      'https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse',
    );
    assert.equal(
      vertexModelUrl({ baseUrl: '' }, 'p', 'us-east5', 'anthropic', 'claude-x@1', 'streamRawPredict'),
      'https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-x@1:streamRawPredict',
    );
    assert.equal(
      vertexModelUrl(
        { baseUrl: 'https://{location}-aiplatform.googleapis.com' },
        'p',
        'global',
        'google',
        'm',
        'streamGenerateContent',
      ),
      'https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/models/m:streamGenerateContent?alt=sse',
    );
    assert.equal(
      vertexModelUrl({ baseUrl: 'https://proxy.example/v1/' }, 'p', 'global', 'google', 'm', 'streamGenerateContent'),
      'https://proxy.example/v1/projects/p/locations/global/publishers/google/models/m:streamGenerateContent?alt=sse',
    );
  });

  it('the eu and us multi-regions use aiplatform.{eu,us}.rep.googleapis.com, with the location kept in the path (Claude Code Vertex docs; firebase/genkit#5753)', () => {
    for (const location of ['eu', 'us']) {
      assert.equal(
        vertexModelUrl({ baseUrl: '' }, 'p', location, 'anthropic', 'claude-sonnet-5-5', 'streamRawPredict'),
        `https://aiplatform.${location}.rep.googleapis.com/v1/projects/p/locations/${location}/publishers/anthropic/models/claude-sonnet-5-5:streamRawPredict`,
      );
    }
  });

  it('send() folds the stream; listModels gives the configured model', async () => {
    serveGemini(geminiPayloads(TEXT_ANSWER));
    const result = await client().send(HI);
    assert.equal(result.text, foldGemini(geminiPayloads(TEXT_ANSWER)).text);
    assert.deepEqual(await client().listModels(), [{ id: 'gemini-2.5-pro' }]);
  });
});
