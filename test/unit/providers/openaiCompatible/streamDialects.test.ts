import * as assert from 'node:assert/strict';
import { convertToOpenAIMessages } from '../../../../src/providers/openaiCompatible/convertToOpenAIMessages';
import { replaySse, sseFromPayloads } from '../../../fakes/wire';
import {
  HELLO,
  chunk,
  collectEvents,
  createTestClient,
  expectProviderError,
  textOfEvents,
  useFakeServer,
} from './openaiTestKit';

/** Shapes seen in the wild but not in the recordings: written here from the Chat Completions format. */
describe('OpenAI-compatible client: stream dialects beyond the recordings', () => {
  const { server, http } = useFakeServer();

  async function replay(
    payloads: string[],
    options: Parameters<typeof sseFromPayloads>[1] = {},
    chunkSizes?: number[],
  ) {
    server.route('POST', '/v1/chat/completions', (_req, res) =>
      replaySse(res, sseFromPayloads(payloads, options), { chunkSizes }),
    );
    return collectEvents(createTestClient(server, http).streamChat(HELLO));
  }

  for (const crlf of [false, true]) {
    it(`keeps multi-byte characters whole across single-byte writes (${crlf ? 'CRLF' : 'LF'})`, async () => {
      const texts = ['Grüße, ', '日本語の', 'テキスト ', '🚀🔥', ' — fin'];
      const reasoning = ['Überlegung ', '思考'];
      const payloads = [
        ...reasoning.map((text) => chunk({ reasoning_content: text })),
        ...texts.map((text) => chunk({ content: text })),
        chunk({}, 'stop'),
      ];
      const events = await replay(payloads, { crlf }, [1]);
      assert.equal(textOfEvents(events), texts.join(''));
      assert.equal(textOfEvents(events, 'reasoning-delta'), reasoning.join(''));
      assert.equal(events.filter((event) => event.type === 'text-delta').length, texts.length);
    });
  }

  it('assembles parallel tool calls whose fragments interleave by index', async () => {
    const events = await replay([
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '' } }],
      }),
      chunk({
        tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'time', arguments: '{"zone"' } }],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"location":' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: ':"CET"}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    assert.deepEqual(events, [
      { type: 'tool-call', id: 'call_a', name: 'weather', arguments: { location: 'Paris' } },
      { type: 'tool-call', id: 'call_b', name: 'time', arguments: { zone: 'CET' } },
      { type: 'finish', reason: 'tool-calls', rawReason: 'tool_calls' },
    ]);
  });

  it('keeps index-less calls apart by id, and an index-less continuation on the latest call', async () => {
    const events = await replay([
      chunk({ tool_calls: [{ id: 'one', function: { name: 'a', arguments: '{"x":' } }] }),
      chunk({ tool_calls: [{ function: { arguments: '1}' } }] }),
      chunk({ tool_calls: [{ id: 'two', function: { name: 'b', arguments: '' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    assert.deepEqual(events.slice(0, 2), [
      { type: 'tool-call', id: 'one', name: 'a', arguments: { x: 1 } },
      { type: 'tool-call', id: 'two', name: 'b', arguments: {} },
    ]);
  });

  it('reads `reasoning` (OpenRouter), `refusal`, the legacy function_call, and ignores other choices', async () => {
    const events = await replay([
      chunk({ reasoning: 'thinking' }),
      chunk({ refusal: "I can't help with that." }),
      JSON.stringify({ choices: [{ index: 1, delta: { content: 'second choice' }, finish_reason: null }] }),
      chunk({ function_call: { name: 'lookup', arguments: '{"q":"x"}' } }),
      chunk({}, 'function_call'),
    ]);
    assert.deepEqual(events, [
      { type: 'reasoning-delta', text: 'thinking' },
      { type: 'text-delta', text: "I can't help with that." },
      { type: 'tool-call', id: 'call_1', name: 'lookup', arguments: { q: 'x' } },
      { type: 'finish', reason: 'tool-calls', rawReason: 'function_call' },
    ]);
  });

  it("reads Mistral's content parts: thinking chunks as reasoning, text chunks as text", async () => {
    const events = await replay([
      chunk({ role: 'assistant', content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Half of 4' }] }] }),
      chunk({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: ' by 2 is 2' }] }] }),
      chunk({ content: [{ type: 'text', text: 'It is 2.' }] }),
      chunk({ content: '' }, 'stop'),
    ]);
    assert.deepEqual(events, [
      { type: 'reasoning-delta', text: 'Half of 4' },
      { type: 'reasoning-delta', text: ' by 2 is 2' },
      { type: 'text-delta', text: 'It is 2.' },
      { type: 'finish', reason: 'stop', rawReason: 'stop' },
    ]);
  });

  it('[DONE] without any finish_reason still completes, with the calls it has and reason other', async () => {
    const events = await replay([
      chunk({ content: 'hi' }),
      chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{}' } }] }),
      JSON.stringify({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }),
    ]);
    assert.deepEqual(events, [
      { type: 'text-delta', text: 'hi' },
      { type: 'tool-call', id: 'c', name: 'f', arguments: {} },
      { type: 'usage', inputTokens: 1, outputTokens: 2, totalTokens: 3 },
      { type: 'finish', reason: 'other' },
    ]);
  });

  it('maps content_filter and length', async () => {
    for (const [raw, reason] of [
      ['content_filter', 'content-filter'],
      ['length', 'length'],
    ]) {
      const events = await replay([chunk({ content: 'x' }), chunk({}, raw)]);
      assert.deepEqual(events.at(-1), { type: 'finish', reason, rawReason: raw });
    }
  });
});

describe('convertToOpenAIMessages', () => {
  it('puts tool results carried in a user turn before its text, and drops empty turns', () => {
    assert.deepEqual(
      convertToOpenAIMessages([
        { role: 'system', content: [] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'only thoughts' }] },
        {
          role: 'user',
          content: [
            { type: 'tool-result', toolCallId: 'a', content: 'one' },
            { type: 'tool-result', toolCallId: 'b', content: 'two', isError: true },
            { type: 'text', text: 'and now?' },
          ],
        },
      ]),
      [
        { role: 'tool', tool_call_id: 'a', content: 'one' },
        { role: 'tool', tool_call_id: 'b', content: 'two' },
        { role: 'user', content: 'and now?' },
      ],
    );
  });
});

describe('OpenAI-compatible client: servers that answer a stream request with JSON', () => {
  const { server, http } = useFakeServer();

  function answerJson(body: unknown): void {
    server.route('POST', '/v1/chat/completions', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    });
  }

  it('turns a whole chat.completion into the events a stream would give', async () => {
    answerJson({
      choices: [{ index: 0, message: { role: 'assistant', content: 'Bonjour' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    });
    assert.deepEqual(await collectEvents(createTestClient(server, http).streamChat(HELLO)), [
      { type: 'text-delta', text: 'Bonjour' },
      { type: 'usage', inputTokens: 3, outputTokens: 1, totalTokens: 4 },
      { type: 'finish', reason: 'stop', rawReason: 'stop' },
    ]);
  });

  it('types a JSON error body sent with status 200', async () => {
    answerJson({ error: { message: 'Rate limit reached for requests', code: 'rate_limit_exceeded' } });
    const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
    assert.equal(error.kind, 'rate-limit');
    assert.match(error.message, /Rate limit reached/);
  });
});
