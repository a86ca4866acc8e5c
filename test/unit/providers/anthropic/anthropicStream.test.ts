import * as assert from 'node:assert/strict';
import { parseAnthropicStream } from '../../../../src/providers/anthropic/anthropicStream';
import { mapAnthropicStopReason } from '../../../../src/providers/anthropic/mapAnthropicStopReason';
import type { ChatEvent } from '../../../../src/providers/types';
import { ProviderError } from '../../../../src/util/errors';
import { readSseBatches } from '../../../../src/util/sse';
import { describeRecorded, listFixtures } from '../../../fakes/fixtures';
import { anthropicSse, expectedAnthropicChatEvents } from '../../../support/wire/anthropicMessages';
import {
  NO_ARGS_TOOL_CALL,
  REASONING_ANSWER,
  REASONING_TOOL_CALL,
  TEXT_ANSWER,
  TOOL_CALL_ANSWER,
} from '../../../support/wire/samples';
import { anthropicSseOf, expectedAnthropicEvents, recordedAnthropicSse } from './anthropicSse';

/** Bytes in uneven pieces, as a network would deliver them. */
async function* pieces(text: string, sizes = [1, 5, 2, 31, 3, 97, 7]): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0, index = 0; offset < bytes.length; index++) {
    const size = sizes[index % sizes.length];
    yield new Uint8Array(bytes.subarray(offset, offset + size));
    offset += size;
  }
}

async function parse(sse: string): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const event of parseAnthropicStream(readSseBatches(pieces(sse)), 'claude')) events.push(event);
  return events;
}

async function parseError(sse: string): Promise<{ error: ProviderError; events: ChatEvent[] }> {
  const events: ChatEvent[] = [];
  try {
    for await (const event of parseAnthropicStream(readSseBatches(pieces(sse)), 'claude')) events.push(event);
  } catch (error) {
    assert.ok(error instanceof ProviderError, String(error));
    return { error, events };
  }
  assert.fail('expected a ProviderError');
}

const start = { type: 'message_start', message: { usage: { input_tokens: 10, output_tokens: 1 } } };
const textBlock = (text: string) => [
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
  { type: 'content_block_stop', index: 0 },
];

describe('parseAnthropicStream', () => {
  for (const [name, sample] of Object.entries({
    TEXT_ANSWER,
    REASONING_ANSWER,
    TOOL_CALL_ANSWER,
    REASONING_TOOL_CALL,
    NO_ARGS_TOOL_CALL,
  })) {
    it(`${name} with pings (LF and CRLF, uneven splits)`, async () => {
      const withPings = [
        { type: 'ping' } as const,
        ...sample.flatMap((event, index) => (index === 2 ? [{ type: 'ping' } as const, event] : [event])),
      ];
      assert.deepEqual(await parse(anthropicSse(withPings)), expectedAnthropicChatEvents(sample));
      assert.deepEqual(await parse(anthropicSse(withPings, {}, { crlf: true })), expectedAnthropicChatEvents(sample));
    });
  }

  describeRecorded('recorded streams', function () {
    it('has an expectation for every recording in fixtures/anthropic', () => {
      assert.deepEqual(listFixtures('anthropic').sort(), Object.keys(expectedAnthropicEvents).sort());
    });

    for (const fixture of Object.keys(expectedAnthropicEvents)) {
      it(`replays ${fixture} (LF and CRLF, uneven splits)`, async () => {
        assert.deepEqual(await parse(recordedAnthropicSse(fixture)), expectedAnthropicEvents[fixture]);
        assert.deepEqual(await parse(recordedAnthropicSse(fixture, { crlf: true })), expectedAnthropicEvents[fixture]);
      });
    }
  });

  it('counts cache reads and writes in the prompt and reports them apart', async () => {
    const events = await parse(
      anthropicSseOf([
        {
          type: 'message_start',
          message: {
            usage: { input_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 20, output_tokens: 1 },
          },
        },
        ...textBlock('hi'),
        { type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 9 } },
        { type: 'message_stop' },
      ]),
    );
    assert.deepEqual(events.slice(-2), [
      {
        type: 'usage',
        inputTokens: 125,
        outputTokens: 9,
        cachedInputTokens: 100,
        cacheWriteInputTokens: 20,
        totalTokens: 134,
      },
      { type: 'finish', reason: 'length', rawReason: 'max_tokens' },
    ]);
  });

  it('maps every documented stop_reason', () => {
    assert.deepEqual(
      [
        'end_turn',
        'max_tokens',
        'stop_sequence',
        'tool_use',
        'pause_turn',
        'refusal',
        'model_context_window_exceeded',
        null,
        'something_new',
      ].map(mapAnthropicStopReason),
      ['stop', 'length', 'stop', 'tool-calls', 'stop', 'content-filter', 'length', 'other', 'other'],
    );
  });

  for (const [type, kind] of [
    ['overloaded_error', 'overloaded'],
    ['rate_limit_error', 'rate-limit'],
    ['api_error', 'server'],
    ['invalid_request_error', 'bad-request'],
  ] as const) {
    it(`turns an in-stream ${type} into a ${kind} error after the text that came first`, async () => {
      const { error, events } = await parseError(
        anthropicSseOf([start, ...textBlock('partial'), { type: 'error', error: { type, message: 'Overloaded' } }]),
      );
      assert.equal(error.kind, kind);
      assert.equal(error.code, type);
      assert.equal(error.slot, 'claude');
      assert.deepEqual(events, [{ type: 'text-delta', text: 'partial' }]);
    });
  }

  it('marks overloaded errors as ones the router fails over from and cools down', async () => {
    const { error } = await parseError(
      anthropicSseOf([start, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }]),
    );
    assert.equal(error.failsOver, true);
    assert.equal(error.coolsDown, true);
  });

  it('reports a truncated stream (no message_stop) as invalid-response', async () => {
    const { error, events } = await parseError(anthropicSseOf([start, ...textBlock('cut')]));
    assert.equal(error.kind, 'invalid-response');
    assert.deepEqual(events, [{ type: 'text-delta', text: 'cut' }]);
  });

  it('reports a malformed event as invalid-response', async () => {
    const { error } = await parseError('event: message_start\ndata: {"type":"message_start",\n\n');
    assert.equal(error.kind, 'invalid-response');
  });

  it('reports unparsable tool arguments as invalid-response instead of guessing', async () => {
    const { error } = await parseError(
      anthropicSseOf([
        start,
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'tool_use', id: 'toolu_x', name: 'f', input: {} },
        },
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a": ' } },
        { type: 'content_block_stop', index: 0 },
      ]),
    );
    assert.equal(error.kind, 'invalid-response');
  });

  it('assembles interleaved tool calls by block index', async () => {
    const events = await parse(
      anthropicSseOf([
        start,
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'tool_use', id: 'toolu_a', name: 'a', input: {} },
        },
        {
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'tool_use', id: 'toolu_b', name: 'b', input: {} },
        },
        { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"y":' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"x":1}' } },
        { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"é"}' } },
        { type: 'content_block_stop', index: 1 },
        { type: 'content_block_stop', index: 0 },
        { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 3 } },
        { type: 'message_stop' },
      ]),
    );
    assert.deepEqual(events.slice(0, 2), [
      { type: 'tool-call', id: 'toolu_b', name: 'b', arguments: { y: 'é' } },
      { type: 'tool-call', id: 'toolu_a', name: 'a', arguments: { x: 1 } },
    ]);
  });
});
