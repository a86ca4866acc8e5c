import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { readChunks } from '../test/fakes/fixtures';
import { sseFromPayloads } from '../test/fakes/wire';

/** The families whose stream overhead the bench measures. */
export type Family = 'openai' | 'anthropic' | 'ollama' | 'bedrock' | 'gemini';
export const FAMILIES: readonly Family[] = ['openai', 'anthropic', 'ollama', 'bedrock', 'gemini'];

export interface LongStream {
  family: Family;
  contentType: string;
  bytes: Uint8Array;
  /** Events (SSE events, NDJSON lines or event-stream frames) in the body. */
  chunks: number;
  /** The recording it was built from. */
  source: string;
}

export const MIN_CHUNKS = 10_000;

/**
 * A recording stretched to at least `minChunks` events: the lines before the first text chunk, the text chunks
 * (at least once) repeated in order, then the lines after the last one (finish, usage). Every byte comes from the recording.
 */
export function stretch(lines: string[], isBody: (line: string) => boolean, minChunks: number): string[] {
  const first = lines.findIndex(isBody);
  let last = -1;
  for (let index = lines.length - 1; index >= 0; index--) {
    if (isBody(lines[index])) {
      last = index;
      break;
    }
  }
  if (first < 0) throw new Error('recording has no text chunks to repeat');
  const head = lines.slice(0, first);
  const body = lines.slice(first, last + 1).filter(isBody);
  const tail = lines.slice(last + 1);
  const out = [...head, ...body];
  for (let index = 0; out.length + tail.length < minChunks; index++) out.push(body[index % body.length]);
  return [...out, ...tail];
}

const has = (text: string) => (line: string) => line.includes(text);

function openaiStream(minChunks: number): LongStream {
  const source = 'openai/openai-text.chunks.txt';
  const isText = (line: string) => {
    const chunk = JSON.parse(line) as {
      choices?: Array<{ delta?: { content?: string }; finish_reason?: string | null }>;
    };
    return !!chunk.choices?.[0]?.delta?.content && !chunk.choices[0].finish_reason;
  };
  const lines = stretch(readChunks(source), isText, minChunks);
  return {
    family: 'openai',
    source,
    contentType: 'text/event-stream',
    bytes: Buffer.from(sseFromPayloads(lines)),
    chunks: lines.length + 1,
  };
}

function anthropicStream(minChunks: number): LongStream {
  const source = 'anthropic/anthropic-text.chunks.txt';
  const lines = stretch(readChunks(source), has('"text_delta"'), minChunks);
  const sse = sseFromPayloads(lines, { eventNames: true, done: false });
  return {
    family: 'anthropic',
    source,
    contentType: 'text/event-stream',
    bytes: Buffer.from(sse),
    chunks: lines.length,
  };
}

/** The recording is `/api/generate` lines (`response`); `/api/chat` carries the same text as `message.content`. */
function ollamaStream(minChunks: number): LongStream {
  const source = 'ollama/docs-api-streaming.generate.ndjson';
  const chat = readChunks(source).map((line) => {
    const { response, ...rest } = JSON.parse(line) as { response: string; done: boolean };
    const extra = rest.done ? { prompt_eval_count: 12, eval_count: 7 } : {};
    return JSON.stringify({ ...rest, message: { role: 'assistant', content: response }, ...extra });
  });
  const lines = stretch(chat, has('"done":false'), minChunks);
  return {
    family: 'ollama',
    source,
    contentType: 'application/x-ndjson',
    bytes: Buffer.from(lines.join('\n') + '\n'),
    chunks: lines.length,
  };
}

/** Decoded ConverseStream payloads framed as `application/vnd.amazon.eventstream`, one frame per event. */
function bedrockStream(minChunks: number): LongStream {
  const source = 'bedrock/amazon-bedrock-text.chunks.txt';
  const lines = stretch(readChunks(source), has('"contentBlockDelta"'), minChunks);
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const frames = lines.map((line) => {
    const [eventType, payload] = Object.entries(JSON.parse(line) as Record<string, unknown>)[0];
    return codec.encode({
      headers: {
        ':message-type': { type: 'string', value: 'event' },
        ':event-type': { type: 'string', value: eventType },
        ':content-type': { type: 'string', value: 'application/json' },
      },
      body: fromUtf8(JSON.stringify(payload)),
    });
  });
  return {
    family: 'bedrock',
    source,
    contentType: 'application/vnd.amazon.eventstream',
    bytes: Buffer.concat(frames),
    chunks: lines.length,
  };
}

function geminiStream(minChunks: number): LongStream {
  const source = 'google/google-text.chunks.txt';
  const isText = (line: string) => !line.includes('"finishReason"') && !line.includes('"text":""');
  const lines = stretch(readChunks(source), isText, minChunks);
  return {
    family: 'gemini',
    source,
    contentType: 'text/event-stream',
    bytes: Buffer.from(sseFromPayloads(lines, { done: false })),
    chunks: lines.length,
  };
}

export function buildLongStream(family: Family, minChunks = MIN_CHUNKS): LongStream {
  switch (family) {
    case 'openai':
      return openaiStream(minChunks);
    case 'anthropic':
      return anthropicStream(minChunks);
    case 'ollama':
      return ollamaStream(minChunks);
    case 'bedrock':
      return bedrockStream(minChunks);
    case 'gemini':
      return geminiStream(minChunks);
  }
}

/** The recorded OpenAI stream as it is (302 chunks): the answer of the latency, failover and memory runs. */
export function recordedOpenAISse(): string {
  return sseFromPayloads(readChunks('openai/openai-text.chunks.txt'));
}

/** The recorded Anthropic stream as it is: the answer of the many-slots runs (Anthropic is the first slot). */
export function recordedAnthropicSse(): string {
  return sseFromPayloads(readChunks('anthropic/anthropic-text.chunks.txt'), { eventNames: true, done: false });
}
