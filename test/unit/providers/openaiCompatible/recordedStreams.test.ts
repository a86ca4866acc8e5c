import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ChatEvent, Usage } from '../../../../src/providers/types';
import { describeRecorded, listFixtures, readChunks } from '../../../fakes/fixtures';
import { replaySse, sseFromPayloads, type WriteOptions } from '../../../fakes/wire';
import { HELLO, TEST_KEY, collectEvents, createTestClient, textOfEvents, useFakeServer } from './openaiTestKit';

/** Tool calls as they stand in each recording (read off the fixture files by hand). */
const EXPECTED_TOOL_CALLS: Record<string, Array<{ id: string; name: string; arguments: Record<string, unknown> }>> = {
  'alibaba-tool-call': [
    { id: 'call_eee11723464a4b9eb8cee71d', name: 'weather', arguments: { location: 'San Francisco' } },
  ],
  'deepseek-tool-call': [
    { id: 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF', name: 'weather', arguments: { location: 'San Francisco' } },
  ],
  'groq-tool-call': [{ id: 'tk85n1k4m', name: 'weather', arguments: {} }],
  'mistral-tool-call': [{ id: 'gSIMJiOkT', name: 'weather', arguments: { location: 'San Francisco' } }],
  'xai-tool-call': [{ id: 'call_55117580', name: 'weather', arguments: { location: 'San Francisco' } }],
};

const FINISH: Record<string, ChatEvent> = {
  stop: { type: 'finish', reason: 'stop', rawReason: 'stop' },
  tool_calls: { type: 'finish', reason: 'tool-calls', rawReason: 'tool_calls' },
};

/** The events a recording must produce, derived from its lines without the client's code. */
function expectedEvents(name: string, lines: string[]): ChatEvent[] {
  const events: ChatEvent[] = [];
  let usage: any;
  let finish: string | undefined;
  for (const line of lines) {
    const chunk = JSON.parse(line);
    if (chunk.usage) usage = chunk.usage;
    else if (chunk.x_groq?.usage) usage = chunk.x_groq.usage;
    for (const choice of chunk.choices ?? []) {
      const delta = choice.delta ?? {};
      if (delta.reasoning_content) events.push({ type: 'reasoning-delta', text: delta.reasoning_content });
      if (delta.content) events.push({ type: 'text-delta', text: delta.content });
      if (delta.refusal) events.push({ type: 'text-delta', text: delta.refusal });
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  for (const call of EXPECTED_TOOL_CALLS[name] ?? []) events.push({ type: 'tool-call', ...call });
  const mapped: Usage = {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
  };
  if (usage.completion_tokens_details?.reasoning_tokens !== undefined)
    mapped.reasoningTokens = usage.completion_tokens_details.reasoning_tokens;
  if (usage.prompt_tokens_details?.cached_tokens !== undefined)
    mapped.cachedInputTokens = usage.prompt_tokens_details.cached_tokens;
  events.push({ type: 'usage', ...mapped });
  events.push(FINISH[finish!]);
  return events;
}

const RECORDINGS = [...listFixtures('openai-compatible'), 'openai/openai-text.chunks.txt'];

const VARIANTS: Array<{ label: string; crlf: boolean; write: WriteOptions }> = [
  { label: 'uneven LF writes', crlf: false, write: {} },
  { label: 'CRLF, uneven writes down to single bytes', crlf: true, write: { chunkSizes: [1, 2, 3, 61, 7] } },
];

describeRecorded('OpenAI-compatible client: recorded streams', function () {
  const { server, http } = useFakeServer();

  it('finds every recording it should replay', function () {
    assert.ok(RECORDINGS.length >= 9, `only ${RECORDINGS.length} recordings found`);
    for (const name of Object.keys(EXPECTED_TOOL_CALLS))
      assert.ok(RECORDINGS.includes(`openai-compatible/${name}.chunks.txt`), name);
  });

  for (const recording of RECORDINGS) {
    const name = recording.replace(/^.*\//, '').replace(/\.chunks\.txt$/, '');
    for (const variant of VARIANTS) {
      it(`${name}: exact events over ${variant.label}`, async function () {
        const lines = readChunks(recording);
        server.route('POST', '/v1/chat/completions', (_req, res) =>
          replaySse(res, sseFromPayloads(lines, { crlf: variant.crlf }), variant.write),
        );
        const events = await collectEvents(createTestClient(server, http).streamChat(HELLO));
        assert.deepEqual(events, expectedEvents(name, lines));
      });
    }

    it(`${name}: agrees with the official openai SDK on the same bytes`, async function () {
      const lines = readChunks(recording);
      server.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, sseFromPayloads(lines)));
      const sdk = new OpenAI({ apiKey: TEST_KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
      const stream = await sdk.chat.completions.create({
        model: 'test-model',
        messages: [{ role: 'user', content: 'Hello' }],
        stream: true,
      });
      let sdkText = '';
      let sdkReasoning = '';
      const sdkArgs: string[] = [];
      for await (const chunk of stream) {
        const delta: any = chunk.choices[0]?.delta ?? {};
        sdkText += delta.content ?? '';
        sdkReasoning += delta.reasoning_content ?? '';
        for (const fragment of delta.tool_calls ?? []) {
          const slot = fragment.index ?? Math.max(0, sdkArgs.length - 1);
          sdkArgs[slot] = (sdkArgs[slot] ?? '') + (fragment.function?.arguments ?? '');
        }
      }
      const events = await collectEvents(createTestClient(server, http).streamChat(HELLO));
      assert.equal(textOfEvents(events), sdkText);
      assert.equal(textOfEvents(events, 'reasoning-delta'), sdkReasoning);
      const calls = events.filter((event) => event.type === 'tool-call');
      assert.deepEqual(
        calls.map((call) => call.arguments),
        sdkArgs.map((args) => JSON.parse(args)),
      );
    });
  }
});
