import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

function concat(frames: Uint8Array[]): Uint8Array {
  const total = frames.reduce((sum, frame) => sum + frame.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const frame of frames) {
    bytes.set(frame, offset);
    offset += frame.length;
  }
  return bytes;
}

/** One `event` frame per recorded line (`{"contentBlockDelta":{...}}` → `:event-type contentBlockDelta`), as Bedrock frames them. */
export function encodeBedrockEvents(lines: string[]): Uint8Array {
  return concat(
    lines.map((line) => {
      const [type, value] = Object.entries(JSON.parse(line) as Record<string, unknown>)[0];
      return codec.encode({
        headers: {
          ':event-type': { type: 'string', value: type },
          ':content-type': { type: 'string', value: 'application/json' },
          ':message-type': { type: 'string', value: 'event' },
        },
        body: fromUtf8(JSON.stringify(value)),
      });
    }),
  );
}

/** An `exception` frame, as Bedrock sends `throttlingException` and friends mid-stream. */
export function encodeBedrockException(type: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

/** An `error` frame (`:error-code`, `:error-message`). */
export function encodeBedrockErrorFrame(code: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':error-code': { type: 'string', value: code },
      ':error-message': { type: 'string', value: message },
      ':message-type': { type: 'string', value: 'error' },
    },
    body: new Uint8Array(0),
  });
}

export { concat as concatFrames };
