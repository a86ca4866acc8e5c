import { crc32 } from 'node:zlib';

/**
 * AWS `application/vnd.amazon.eventstream` framing (https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream,
 * and the aws-sdk-go eventstream test vectors, checked 2026-12-05): total length (u32), headers length (u32),
 * prelude CRC32 (of those 8 bytes), headers, payload, message CRC32 (of everything before it). Big-endian throughout.
 * Written here from the spec, independent of the project's decoder and of the SDK's codec, so tests can use one
 * against the other.
 */
export type HeaderValue =
  | { type: 'boolean'; value: boolean }
  | { type: 'byte' | 'short' | 'integer'; value: number }
  | { type: 'long'; value: bigint }
  | { type: 'binary'; value: Uint8Array }
  | { type: 'string'; value: string }
  | { type: 'timestamp'; value: Date }
  | { type: 'uuid'; value: string };

function encodeHeader(name: string, header: HeaderValue): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const head = Buffer.concat([Buffer.from([nameBytes.length]), nameBytes]);
  const typed = (code: number, body: Buffer) => Buffer.concat([head, Buffer.from([code]), body]);
  const fixed = (size: number, write: (buffer: Buffer) => void) => {
    const buffer = Buffer.alloc(size);
    write(buffer);
    return buffer;
  };
  const withLength = (bytes: Buffer) =>
    Buffer.concat([fixed(2, (buffer) => buffer.writeUInt16BE(bytes.length)), bytes]);
  switch (header.type) {
    case 'boolean':
      return typed(header.value ? 0 : 1, Buffer.alloc(0));
    case 'byte':
      return typed(
        2,
        fixed(1, (buffer) => buffer.writeInt8(header.value)),
      );
    case 'short':
      return typed(
        3,
        fixed(2, (buffer) => buffer.writeInt16BE(header.value)),
      );
    case 'integer':
      return typed(
        4,
        fixed(4, (buffer) => buffer.writeInt32BE(header.value)),
      );
    case 'long':
      return typed(
        5,
        fixed(8, (buffer) => buffer.writeBigInt64BE(header.value)),
      );
    case 'binary':
      return typed(6, withLength(Buffer.from(header.value)));
    case 'string':
      return typed(7, withLength(Buffer.from(header.value, 'utf8')));
    case 'timestamp':
      return typed(
        8,
        fixed(8, (buffer) => buffer.writeBigInt64BE(BigInt(header.value.getTime()))),
      );
    case 'uuid':
      return typed(9, Buffer.from(header.value.replace(/-/g, ''), 'hex'));
  }
}

/** One event-stream message with correct prelude and message CRCs. */
export function encodeMessage(headers: Record<string, HeaderValue>, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const headerBytes = Buffer.concat(Object.entries(headers).map(([name, value]) => encodeHeader(name, value)));
  const total = 12 + headerBytes.length + payload.length + 4;
  const prelude = Buffer.alloc(8);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(headerBytes.length, 4);
  const preludeCrc = Buffer.alloc(4);
  preludeCrc.writeUInt32BE(crc32(prelude) >>> 0);
  const body = Buffer.concat([prelude, preludeCrc, headerBytes, Buffer.from(payload)]);
  const messageCrc = Buffer.alloc(4);
  messageCrc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([body, messageCrc]);
}

const text = (value: string): HeaderValue => ({ type: 'string', value });

/** An `event` message (`:event-type`), its payload JSON, as Bedrock's ConverseStream sends each event. */
export function eventMessage(eventType: string, payload: unknown): Buffer {
  return encodeMessage(
    { ':event-type': text(eventType), ':content-type': text('application/json'), ':message-type': text('event') },
    Buffer.from(JSON.stringify(payload), 'utf8'),
  );
}

/** An `exception` message (`:exception-type`, e.g. throttlingException), as Bedrock fails a stream after the 200. */
export function exceptionMessage(exceptionType: string, message: string): Buffer {
  return encodeMessage(
    {
      ':exception-type': text(exceptionType),
      ':content-type': text('application/json'),
      ':message-type': text('exception'),
    },
    Buffer.from(JSON.stringify({ message }), 'utf8'),
  );
}

/** An `error` message (`:error-code`, `:error-message`, no payload). */
export function errorMessage(code: string, message: string): Buffer {
  return encodeMessage({ ':error-code': text(code), ':error-message': text(message), ':message-type': text('error') });
}
