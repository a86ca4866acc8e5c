import { ProviderError } from './errors';
import { crc32 } from './eventStreamCrc32';
import { MAX_EVENT_STREAM_FRAME_BYTES } from './limits';

/**
 * Decoder for the AWS binary event stream (`application/vnd.amazon.eventstream`):
 * each frame is a 12-byte prelude (total length, headers length, CRC-32 of those 8 bytes), the headers,
 * the payload, and a CRC-32 of everything before it. Frames may be split anywhere across network chunks.
 */

export type EventStreamHeaderValue =
  | { type: 'boolean'; value: boolean }
  | { type: 'byte' | 'short' | 'integer'; value: number }
  | { type: 'long' | 'timestamp'; value: bigint }
  | { type: 'binary'; value: Uint8Array }
  | { type: 'string'; value: string }
  | { type: 'uuid'; value: string };

export interface EventStreamMessage {
  headers: Record<string, EventStreamHeaderValue>;
  payload: Uint8Array;
}

const PRELUDE_LENGTH = 12;
const MESSAGE_CRC_LENGTH = 4;
const MINIMUM_LENGTH = PRELUDE_LENGTH + MESSAGE_CRC_LENGTH;
/** Frames larger than this are refused rather than buffered. */
const MAXIMUM_LENGTH = MAX_EVENT_STREAM_FRAME_BYTES;

/** Why a frame was refused; `EventStreamFormatError.message` is the reason in plain words. */
export class EventStreamFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStreamFormatError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Short ASCII text (header names and values such as ":event-type") without a TextDecoder call; else undefined. */
function asciiString(bytes: Uint8Array, start: number, length: number): string | undefined {
  let text = '';
  for (let i = start; i < start + length; i++) {
    if (bytes[i] >= 0x80) return undefined;
    text += String.fromCharCode(bytes[i]);
  }
  return text;
}

function readString(bytes: Uint8Array, start: number, length: number): string {
  const ascii = length <= 64 ? asciiString(bytes, start, length) : undefined;
  if (ascii !== undefined) return ascii;
  try {
    return utf8.decode(bytes.subarray(start, start + length));
  } catch {
    throw new EventStreamFormatError('Header string is not valid UTF-8');
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Decodes the header block of one frame. */
export function decodeHeaders(bytes: Uint8Array): Record<string, EventStreamHeaderValue> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headers: Record<string, EventStreamHeaderValue> = {};
  let at = 0;
  const need = (count: number): void => {
    if (at + count > bytes.length) throw new EventStreamFormatError('Header block ends inside a header');
  };
  while (at < bytes.length) {
    need(1);
    const nameLength = bytes[at++];
    need(nameLength + 1);
    const name = readString(bytes, at, nameLength);
    at += nameLength;
    const type = bytes[at++];
    let value: EventStreamHeaderValue;
    switch (type) {
      case 0:
      case 1:
        value = { type: 'boolean', value: type === 0 };
        break;
      case 2:
        need(1);
        value = { type: 'byte', value: view.getInt8(at) };
        at += 1;
        break;
      case 3:
        need(2);
        value = { type: 'short', value: view.getInt16(at) };
        at += 2;
        break;
      case 4:
        need(4);
        value = { type: 'integer', value: view.getInt32(at) };
        at += 4;
        break;
      case 5:
      case 8:
        need(8);
        value = { type: type === 5 ? 'long' : 'timestamp', value: view.getBigInt64(at) };
        at += 8;
        break;
      case 6:
      case 7: {
        need(2);
        const length = view.getUint16(at);
        at += 2;
        need(length);
        value =
          type === 6
            ? { type: 'binary', value: bytes.slice(at, at + length) }
            : { type: 'string', value: readString(bytes, at, length) };
        at += length;
        break;
      }
      case 9: {
        need(16);
        const h = hex(bytes.subarray(at, at + 16));
        value = {
          type: 'uuid',
          value: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`,
        };
        at += 16;
        break;
      }
      default:
        throw new EventStreamFormatError(`Unknown header value type ${type} for header "${name}"`);
    }
    headers[name] = value;
  }
  return headers;
}

/** Validates the prelude of the frame at the start of `bytes` and returns its total length. */
function frameLength(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, PRELUDE_LENGTH);
  const total = view.getUint32(0);
  const headersLength = view.getUint32(4);
  if (crc32(bytes, 0, 8) !== view.getUint32(8)) throw new EventStreamFormatError('Prelude checksum mismatch');
  if (total < MINIMUM_LENGTH || total > MAXIMUM_LENGTH)
    throw new EventStreamFormatError(`Frame length ${total} is out of range`);
  if (headersLength > total - MINIMUM_LENGTH) throw new EventStreamFormatError('Headers length exceeds the frame');
  return total;
}

/** Decodes exactly one complete frame. Throws EventStreamFormatError on any inconsistency. */
export function decodeFrame(bytes: Uint8Array): EventStreamMessage {
  if (bytes.length < MINIMUM_LENGTH) throw new EventStreamFormatError('Frame shorter than its prelude');
  const total = frameLength(bytes);
  if (total !== bytes.length)
    throw new EventStreamFormatError(`Frame length ${total} does not match the ${bytes.length} bytes given`);
  return decodeFrameBody(bytes, total);
}

/** The rest of decodeFrame, for a frame whose prelude frameLength() has already checked. */
function decodeFrameBody(bytes: Uint8Array, total: number): EventStreamMessage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (crc32(bytes, 0, total - MESSAGE_CRC_LENGTH) !== view.getUint32(total - MESSAGE_CRC_LENGTH)) {
    throw new EventStreamFormatError('Message checksum mismatch');
  }
  const headersLength = view.getUint32(4);
  const headers = decodeHeaders(bytes.subarray(PRELUDE_LENGTH, PRELUDE_LENGTH + headersLength));
  const payload = bytes.slice(PRELUDE_LENGTH + headersLength, total - MESSAGE_CRC_LENGTH);
  return { headers, payload };
}

/**
 * Splits a byte stream into decoded frames. A corrupted frame or a stream cut inside a frame is a typed
 * `invalid-response` ProviderError; nothing after a bad frame is trusted.
 */
export async function* readEventStream(
  body: AsyncIterable<Uint8Array>,
  provider: string,
): AsyncGenerator<EventStreamMessage> {
  for await (const batch of readEventStreamBatches(body, provider)) yield* batch;
}

/**
 * readEventStream, handing on every frame completed by one network read together: one await per read instead of
 * one per frame for the layer above. Frames decoded before a corrupted one are handed on before the error.
 */
export async function* readEventStreamBatches(
  body: AsyncIterable<Uint8Array>,
  provider: string,
): AsyncGenerator<EventStreamMessage[]> {
  // A growable buffer: bytes [start, end) are unread. Appending amortises to O(1) per byte even for 1-byte chunks.
  let buffer = new Uint8Array(4096);
  let start = 0;
  let end = 0;
  const fail = (message: string, cause?: unknown): ProviderError =>
    new ProviderError({
      kind: 'invalid-response',
      slot: provider,
      message: `Corrupted event stream: ${message}`,
      cause,
    });
  for await (const chunk of body) {
    if (chunk.length === 0) continue;
    if (end + chunk.length > buffer.length) {
      const unread = end - start;
      const grown =
        unread + chunk.length > buffer.length
          ? new Uint8Array(Math.max(buffer.length * 2, unread + chunk.length))
          : buffer;
      grown.set(buffer.subarray(start, end), 0);
      buffer = grown;
      start = 0;
      end = unread;
    }
    buffer.set(chunk, end);
    end += chunk.length;
    const batch: EventStreamMessage[] = [];
    try {
      while (end - start >= PRELUDE_LENGTH) {
        const total = frameLength(buffer.subarray(start, end));
        if (end - start < total) break;
        batch.push(decodeFrameBody(buffer.subarray(start, start + total), total));
        start += total;
      }
    } catch (error) {
      if (batch.length > 0) yield batch;
      throw fail((error as Error).message, error);
    }
    if (batch.length > 0) yield batch;
    if (start === end) start = end = 0;
  }
  if (end > start) throw fail(`the stream ended inside a frame (${end - start} bytes left over)`);
}

/** A header's value as text (string headers), or undefined. */
export function headerText(message: EventStreamMessage, name: string): string | undefined {
  const header = message.headers[name];
  return header?.type === 'string' ? header.value : undefined;
}
