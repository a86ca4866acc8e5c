import * as assert from 'node:assert/strict';
import { parseResponsesStream } from '../../../../src/providers/openaiResponses/responsesStream';
import type { ChatEvent } from '../../../../src/providers/types';
import { ProviderError } from '../../../../src/util/errors';
import type { SseEvent } from '../../../../src/util/sse';

async function* sse(payloads: unknown[]): AsyncGenerator<SseEvent[]> {
  for (const payload of payloads) yield [{ data: typeof payload === 'string' ? payload : JSON.stringify(payload) }];
}

async function parse(payloads: unknown[]): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const event of parseResponsesStream(sse(payloads), 'codex')) events.push(event);
  return events;
}

const completed = { type: 'response.completed', response: { usage: { input_tokens: 2, output_tokens: 1 } } };

// Regressions found while fuzzing the parser (test/faults/fuzz.test.ts): wrong-typed fields are read leniently.
describe('parseResponsesStream: wrong-typed fields', () => {
  it('a part index that is an object (even one with a "toString" key) is no index, not a TypeError', async () => {
    const events = await parse([
      { type: 'response.reasoning_summary_text.delta', output_index: 0, summary_index: { toString: 1 }, delta: 'One.' },
      {
        type: 'response.reasoning_text.delta',
        output_index: 0,
        content_index: { toString: {}, valueOf: 1 },
        delta: ' Two.',
      },
      { type: 'response.reasoning_summary_text.delta', output_index: 0, summary_index: 1, delta: 'Three.' },
      completed,
    ]);
    assert.deepEqual(
      events.filter((event) => event.type === 'reasoning-delta'),
      [
        { type: 'reasoning-delta', text: 'One.' },
        { type: 'reasoning-delta', text: ' Two.' },
        { type: 'reasoning-delta', text: '\n\nThree.' },
      ],
    );
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop', rawReason: 'completed' });
  });

  it('ignores deltas that are not strings and a response that is not an object', async () => {
    const events = await parse([
      { type: 'response.output_text.delta', output_index: 0, delta: { text: 'no' } },
      { type: 'response.output_text.delta', output_index: 0, delta: 7 },
      { type: 'response.output_text.delta', output_index: 0, delta: 'yes' },
      { type: 'response.completed', response: 'done' },
    ]);
    assert.deepEqual(events, [
      { type: 'text-delta', text: 'yes' },
      { type: 'finish', reason: 'stop', rawReason: 'completed' },
    ]);
  });

  it('a function call whose name is not a string fails as a typed invalid-response', async () => {
    await assert.rejects(
      parse([
        {
          type: 'response.output_item.added',
          output_index: 1,
          item: { type: 'function_call', call_id: 'call_1', name: 42 },
        },
        {
          type: 'response.output_item.done',
          output_index: 1,
          item: { type: 'function_call', call_id: 'call_1', name: ['x'], arguments: '{}' },
        },
        completed,
      ]),
      (error: unknown) =>
        error instanceof ProviderError && error.kind === 'invalid-response' && /no name/.test(error.message),
    );
  });
});
