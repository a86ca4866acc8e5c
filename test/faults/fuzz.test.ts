import * as assert from 'node:assert/strict';
import { fullSample, parseConfig } from '../support/config';
import { parseAnthropicStream } from '../../src/providers/anthropic/anthropicStream';
import { parseBedrockStream } from '../../src/providers/bedrock/bedrockStream';
import { parseOllamaStream } from '../../src/providers/ollama/ollamaStream';
import { parseOpenAIStream } from '../../src/providers/openaiCompatible/openaiStream';
import { parseResponsesStream } from '../../src/providers/openaiResponses/responsesStream';
import { parseGeminiStream } from '../../src/providers/gemini/geminiStream';
import type { ChatEvent } from '../../src/providers/types';
import { ProviderError } from '../../src/util/errors';
import { readEventStream, readEventStreamBatches } from '../../src/util/eventStream';
import { readLines, readSse, readSseBatches } from '../../src/util/sse';
import { anthropicPayloads } from '../support/wire/anthropicMessages';
import { bedrockEventLines } from '../support/wire/bedrockConverse';
import { geminiPayloads } from '../support/wire/gemini';
import { openaiChatPayloads, type OpenAIChatDialect } from '../support/wire/openaiChat';
import { responsesPayloads } from '../support/wire/openaiResponses';
import {
  NO_ARGS_TOOL_CALL,
  REASONING_ANSWER,
  REASONING_TOOL_CALL,
  TEXT_ANSWER,
  TOOL_CALL_ANSWER,
} from '../support/wire/samples';
import { sseFromPayloads } from '../fakes/wire';
import { encodeBedrockEvents } from '../unit/providers/bedrock/bedrockFrames';
import { ollamaWire } from './support/httpFamilies';
import { Prng, confuseJson, mutateBytes, randomPieces } from './support/mutate';

/** Set SKYNET_FUZZ_SEED to replay a failure; every failure message names the seed and the case. */
const SEED = Number(process.env.SKYNET_FUZZ_SEED ?? 0x5eed);
const CASES = 600;

const encoder = new TextEncoder();
const EVENT_TYPES = new Set(['text-delta', 'reasoning-delta', 'tool-call', 'usage', 'finish']);

/** The events must keep the ChatEvent contract whatever the input: strings where strings belong, objects for arguments. */
function checkEvent(event: ChatEvent): void {
  assert.ok(EVENT_TYPES.has(event.type), `unknown event type ${String(event.type)}`);
  if (event.type === 'text-delta' || event.type === 'reasoning-delta')
    assert.equal(typeof event.text, 'string', 'delta text is a string');
  if (event.type === 'tool-call') {
    assert.equal(typeof event.name, 'string', 'tool name is a string');
    assert.ok(
      event.arguments && typeof event.arguments === 'object' && !Array.isArray(event.arguments),
      'tool arguments are an object',
    );
  }
  if (event.type === 'usage') {
    for (const [key, value] of Object.entries(event))
      if (key !== 'type' && value !== undefined) assert.ok(Number.isFinite(value), `usage ${key} is a number`);
  }
}

/**
 * Runs one decoder over one input: it may yield events and end, or fail with a ProviderError; nothing else.
 * Events that break the ChatEvent contract are added to `violations` (first case of each kind kept).
 */
async function survive(
  label: string,
  index: number,
  run: () => AsyncIterable<unknown>,
  violations?: Map<string, number>,
): Promise<'ok' | 'error'> {
  try {
    for await (const event of run()) {
      if (!violations) continue;
      try {
        checkEvent(event as ChatEvent);
      } catch (error) {
        const message = `${(error as Error).message}: ${JSON.stringify(event)}`.slice(0, 300);
        const kind = (error as Error).message.split(':')[0];
        if (![...violations.keys()].some((known) => known.startsWith(kind))) violations.set(message, index);
      }
    }
    return 'ok';
  } catch (error) {
    if (error instanceof ProviderError) return 'error';
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    assert.fail(`${label}: seed ${SEED} case ${index} threw a non-ProviderError: ${detail}`);
  }
}

/** A valid input of the family, sometimes with one JSON value of the wrong type; then, half the time, byte mutations. */
function input(prng: Prng, payloadSets: string[][], encode: (payloads: string[]) => Uint8Array): Uint8Array {
  const payloads = [...prng.pick(payloadSets)];
  if (prng.int(2) === 0 && payloads.length > 0) {
    const index = prng.int(payloads.length);
    payloads[index] = confuseJson(payloads[index], prng);
  }
  const bytes = encode(payloads);
  return prng.int(2) === 0 ? mutateBytes(bytes, prng) : bytes;
}

interface Decoder {
  name: string;
  payloadSets(): string[][];
  encode(payloads: string[]): Uint8Array;
  decode(body: AsyncIterable<Uint8Array>): AsyncIterable<ChatEvent>;
}

const SAMPLES = [TEXT_ANSWER, REASONING_ANSWER, TOOL_CALL_ANSWER, REASONING_TOOL_CALL, NO_ARGS_TOOL_CALL];
const CHAT_DIALECTS: OpenAIChatDialect[] = [
  {},
  { toolCalls: 'whole', usage: 'none' },
  { toolCalls: 'no-index', usage: 'with-finish', roleChunk: false },
  { toolCalls: 'repeat-empty-id', usage: 'final-chunk' },
  { usage: 'every-chunk', reasoningField: 'reasoning' },
];

const DECODERS: Decoder[] = [
  {
    name: 'OpenAI SSE (readSse + parseOpenAIStream)',
    // Every sample in every tool-call and usage dialect the services use.
    payloadSets: () => CHAT_DIALECTS.flatMap((dialect) => SAMPLES.map((sample) => openaiChatPayloads(sample, dialect))),
    encode: (payloads) => encoder.encode(sseFromPayloads(payloads)),
    decode: (body) => parseOpenAIStream(readSseBatches(body), 'fuzz'),
  },
  {
    name: 'OpenAI Responses SSE (readSse + parseResponsesStream)',
    // The samples as the writer streams them, and odd shapes it does not write (summary index jumps, a bare error event).
    payloadSets: () => [...SAMPLES.map((sample) => responsesPayloads(sample)), ...RESPONSES_SYNTHETIC],
    encode: (payloads) => encoder.encode(sseFromPayloads(payloads, { eventNames: true, done: false })),
    decode: (body) => parseResponsesStream(readSseBatches(body), 'fuzz'),
  },
  {
    name: 'Anthropic SSE (readSse + parseAnthropicStream)',
    payloadSets: () => SAMPLES.map((sample) => anthropicPayloads([sample[0], { type: 'ping' }, ...sample.slice(1)])),
    encode: (payloads) => encoder.encode(sseFromPayloads(payloads, { eventNames: true, done: false })),
    decode: (body) => parseAnthropicStream(readSseBatches(body), 'fuzz'),
  },
  {
    name: 'Ollama NDJSON (readLines + parseOllamaStream)',
    payloadSets: () => [
      ollamaWire().frames.map((frame) => frame.toString('utf8').trim()),
      ['{"error":"an error was encountered while running the model"}'],
    ],
    encode: (payloads) => encoder.encode(payloads.map((payload) => `${payload}\n`).join('')),
    decode: (body) => parseOllamaStream(readLines(body), 'fuzz'),
  },
  {
    name: 'Gemini SSE (readSse + parseGeminiStream)',
    payloadSets: () => SAMPLES.map((sample) => geminiPayloads(sample)),
    encode: (payloads) => encoder.encode(sseFromPayloads(payloads, { done: false })),
    decode: (body) => parseGeminiStream(readSseBatches(body), 'fuzz'),
  },
  {
    name: 'Bedrock event stream (readEventStream + parseBedrockStream)',
    payloadSets: () => SAMPLES.map((sample) => bedrockEventLines(sample)),
    encode: (payloads) => encodeBedrockEvents(payloads.filter((payload) => isObjectWithOneKey(payload))),
    decode: (body) => parseBedrockStream(readEventStreamBatches(body, 'fuzz'), 'fuzz'),
  },
];

/**
 * Responses API shapes the recording does not hold: a function call (added, argument deltas, done, output item
 * done) ending in response.completed with usage; a response.incomplete; a response.failed; an error event.
 */
const RESPONSES_SYNTHETIC: string[][] = [
  [
    { type: 'response.created', sequence_number: 0, response: { id: 'r1', status: 'in_progress', output: [] } },
    {
      type: 'response.reasoning_summary_text.delta',
      sequence_number: 1,
      output_index: 0,
      summary_index: 0,
      delta: 'Look up.',
    },
    {
      type: 'response.reasoning_summary_text.delta',
      sequence_number: 2,
      output_index: 0,
      summary_index: 1,
      delta: 'Then answer.',
    },
    {
      type: 'response.output_item.added',
      sequence_number: 3,
      output_index: 1,
      item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'read_file', arguments: '' },
    },
    {
      type: 'response.function_call_arguments.delta',
      sequence_number: 4,
      output_index: 1,
      item_id: 'fc_2',
      delta: '{"path":',
    },
    {
      type: 'response.function_call_arguments.delta',
      sequence_number: 5,
      output_index: 1,
      item_id: 'fc_3',
      delta: '"a.ts"}',
    },
    {
      type: 'response.function_call_arguments.done',
      sequence_number: 6,
      output_index: 1,
      item_id: 'fc_4',
      arguments: '{"path":"a.ts"}',
    },
    {
      type: 'response.output_item.done',
      sequence_number: 7,
      output_index: 1,
      item: {
        id: 'fc_5',
        type: 'function_call',
        call_id: 'call_1',
        name: 'read_file',
        arguments: '{"path":"a.ts"}',
        status: 'completed',
      },
    },
    {
      type: 'response.completed',
      sequence_number: 8,
      response: {
        id: 'r1',
        status: 'completed',
        usage: {
          input_tokens: 12,
          input_tokens_details: { cached_tokens: 4 },
          output_tokens: 9,
          output_tokens_details: { reasoning_tokens: 5 },
          total_tokens: 21,
        },
      },
    },
  ],
  [
    { type: 'response.output_text.delta', sequence_number: 1, output_index: 0, content_index: 0, delta: 'Partial' },
    { type: 'response.refusal.delta', sequence_number: 2, output_index: 0, content_index: 1, delta: ' refused' },
    {
      type: 'response.incomplete',
      sequence_number: 3,
      response: {
        id: 'r2',
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
        usage: { input_tokens: 3, output_tokens: 2 },
      },
    },
  ],
  [
    { type: 'response.output_text.delta', sequence_number: 1, output_index: 0, delta: 'Hi' },
    {
      type: 'response.failed',
      sequence_number: 2,
      response: { id: 'r3', status: 'failed', error: { code: 'rate_limit_exceeded', message: 'Slow down' } },
    },
  ],
  [{ type: 'error', sequence_number: 1, code: 'server_error', message: 'The server had an error', param: null }],
].map((events) => events.map((event) => JSON.stringify(event)));

function isObjectWithOneKey(payload: string): boolean {
  try {
    const value = JSON.parse(payload) as unknown;
    return !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
  } catch {
    return false;
  }
}

/** A skynet.toml with a table of every kind, to mutate: the sample the docs show. */
const SAMPLE_TOML = fullSample();

describe('bad input: seeded fuzzing of the stream decoders and the config parser', function () {
  this.timeout(60_000);
  for (const decoder of DECODERS) {
    it(`${decoder.name}: ${CASES} valid, type-confused and mutated streams in random pieces end or fail typed`, async () => {
      const prng = new Prng(SEED);
      const sets = decoder.payloadSets();
      assert.ok(sets.length > 0, 'seed inputs exist');
      const outcomes = { ok: 0, error: 0 };
      const violations = new Map<string, number>();
      for (let index = 0; index < CASES; index++) {
        const bytes = input(prng, sets, (payloads) => decoder.encode(payloads));
        outcomes[await survive(decoder.name, index, () => decoder.decode(randomPieces(bytes, prng)), violations)]++;
      }
      const broken = [...violations].map(([message, index]) => `case ${index}: ${message}`);
      assert.deepEqual(broken, [], `events that break the ChatEvent contract (seed ${SEED})`);
      // Both paths were exercised: some inputs still decode, some are refused.
      assert.ok(outcomes.ok > 0 && outcomes.error > 0, `outcomes ${JSON.stringify(outcomes)}`);
    });
  }

  it('readSse, readLines and readEventStream on random bytes: never throw anything but a typed error', async () => {
    const prng = new Prng(SEED + 1);
    for (let index = 0; index < 300; index++) {
      const bytes = prng.bytes(prng.int(2048));
      await survive('readSse', index, () => readSse(randomPieces(bytes, prng)));
      await survive('readLines', index, () => readLines(randomPieces(bytes, prng)));
      await survive('readEventStream', index, () => readEventStream(randomPieces(bytes, prng), 'fuzz'));
    }
  });

  it(`parseConfig on ${CASES * 2} mutated skynet.toml files: never throws, every error has a place`, () => {
    const prng = new Prng(SEED + 2);
    const env = { HOME: '/home/fuzz', ANTHROPIC_API_KEY: 'x' };
    const decoder = new TextDecoder();
    let refused = 0;
    for (let index = 0; index < CASES * 2; index++) {
      const text = decoder.decode(mutateBytes(encoder.encode(SAMPLE_TOML), prng));
      let result: ReturnType<typeof parseConfig>;
      try {
        result = parseConfig(text, 'skynet.toml', env, '/home/fuzz');
      } catch (error) {
        assert.fail(
          `parseConfig: seed ${SEED + 2} case ${index} threw: ${error instanceof Error ? error.stack : String(error)}\n--- input ---\n${text}`,
        );
      }
      if (!result.ok) {
        refused++;
        assert.ok(result.errors.length > 0, `case ${index}: a refused config says why`);
        for (const diagnostic of result.errors) {
          assert.ok(
            Number.isInteger(diagnostic.line) &&
              diagnostic.line >= 1 &&
              Number.isInteger(diagnostic.column) &&
              diagnostic.column >= 1,
            `case ${index}: error placed at line/column: ${JSON.stringify(diagnostic)}`,
          );
          assert.equal(typeof diagnostic.message, 'string');
        }
      }
    }
    assert.ok(refused > 0 && refused < CASES * 2, `some mutations are refused, some still parse (${refused} refused)`);
  });
});
