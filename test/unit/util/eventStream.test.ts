import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { crc32, tableCrc32 } from '../../../src/util/eventStreamCrc32';
import {
  decodeFrame,
  readEventStream,
  readEventStreamBatches,
  type EventStreamMessage,
} from '../../../src/util/eventStream';
import { ProviderError } from '../../../src/util/errors';
import { describeRecorded, fixturePath } from '../../fakes/fixtures';
import { encodeMessage, type HeaderValue } from '../../support/wire/awsEventStream';
import { bedrockEventLines } from '../../support/wire/bedrockConverse';
import { REASONING_ANSWER, REASONING_TOOL_CALL, TEXT_ANSWER, TOOL_CALL_ANSWER } from '../../support/wire/samples';
import { encodeBedrockEvents } from '../providers/bedrock/bedrockFrames';

interface DecodedVector {
  total_length: number;
  headers_length: number;
  prelude_crc: number;
  headers: Array<{ name: string; type: number; value: unknown }>;
  payload: string;
  message_crc: number;
}

const TYPE_NAMES: Record<number, string> = {
  0: 'boolean',
  1: 'boolean',
  2: 'byte',
  3: 'short',
  4: 'integer',
  5: 'long',
  6: 'binary',
  7: 'string',
  8: 'timestamp',
  9: 'uuid',
};

/** Our decoded header value in the vectors' notation (bytes, strings and uuids base64). */
function vectorValue(header: EventStreamMessage['headers'][string]): unknown {
  switch (header.type) {
    case 'long':
    case 'timestamp':
      return Number(header.value);
    case 'binary':
      return Buffer.from(header.value).toString('base64');
    case 'string':
      return Buffer.from(header.value, 'utf8').toString('base64');
    case 'uuid':
      return Buffer.from(header.value.replace(/-/g, ''), 'hex').toString('base64');
    default:
      return header.value;
  }
}

async function* pieces(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

async function decodeAll(bytes: Uint8Array, sizes: number[]): Promise<EventStreamMessage[]> {
  const out: EventStreamMessage[] = [];
  for await (const message of readEventStream(pieces(bytes, sizes), 'bedrock')) out.push(message);
  return out;
}

/** The frame is refused with `reason`, by the frame decoder and as a typed invalid-response from the stream reader. */
async function assertRefused(bytes: Uint8Array, reason: string): Promise<void> {
  assert.throws(
    () => decodeFrame(bytes),
    (error: Error) => error.message === reason,
  );
  await assert.rejects(decodeAll(bytes, [bytes.length]), (error: unknown) => {
    assert.ok(error instanceof ProviderError);
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, new RegExp(reason));
    return true;
  });
}

describe('event-stream decoder', () => {
  it('computes the IEEE CRC-32 (check value of "123456789")', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
  });

  it('gives the same CRC-32 from the native zlib.crc32 and the table fallback, on whole arrays and on ranges', () => {
    assert.equal(tableCrc32(Buffer.from('123456789')), 0xcbf43926);
    let seed = 7;
    for (let round = 0; round < 200; round++) {
      const bytes = new Uint8Array(round * 3);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      const from = Math.min(round, bytes.length);
      assert.equal(crc32(bytes, from, bytes.length), tableCrc32(bytes, from, bytes.length), `round ${round}`);
    }
  });

  describe('frames from the spec-written encoder (test/support/wire/awsEventStream)', () => {
    const headers: Record<string, HeaderValue> = {
      t: { type: 'boolean', value: true },
      f: { type: 'boolean', value: false },
      b: { type: 'byte', value: -5 },
      s: { type: 'short', value: -300 },
      i: { type: 'integer', value: 70000 },
      l: { type: 'long', value: -(2n ** 40n) },
      bin: { type: 'binary', value: new Uint8Array([1, 2, 255]) },
      str: { type: 'string', value: 'héllo' },
      ts: { type: 'timestamp', value: new Date(1764979200123) },
      uuid: { type: 'uuid', value: '01020304-0506-0708-090a-0b0c0d0e0f10' },
    };
    const frame = () => encodeMessage(headers, Buffer.from('{"foo":"bar"}'));

    it('decodes every header type and the payload exactly; the SDK codec (oracle) reads the same frame', () => {
      const bytes = frame();
      const message = decodeFrame(bytes);
      assert.equal(Buffer.from(message.payload).toString('utf8'), '{"foo":"bar"}');
      assert.deepEqual(Object.keys(message.headers), Object.keys(headers));
      for (const name of ['t', 'f', 'b', 's', 'i', 'str', 'uuid'])
        assert.deepEqual(message.headers[name], headers[name], name);
      assert.equal(message.headers.bin.type, 'binary');
      assert.deepEqual([...(message.headers.bin.value as Uint8Array)], [1, 2, 255]);
      assert.equal(Number(message.headers.l.value), -(2 ** 40));
      assert.equal(
        Number(
          message.headers.ts.value instanceof Date ? message.headers.ts.value.getTime() : message.headers.ts.value,
        ),
        1764979200123,
      );
      const oracle = new EventStreamCodec(toUtf8, fromUtf8).decode(bytes);
      assert.equal(toUtf8(oracle.body), '{"foo":"bar"}');
      assert.deepEqual(oracle.headers.str, { type: 'string', value: 'héllo' });
      assert.equal(oracle.headers.i.value, 70000);
    });

    it('an empty message and a payload without headers decode', () => {
      const empty = decodeFrame(encodeMessage({}));
      assert.deepEqual(empty.headers, {});
      assert.equal(empty.payload.length, 0);
      assert.equal(Buffer.from(decodeFrame(encodeMessage({}, Buffer.from('abc'))).payload).toString(), 'abc');
    });

    // The four corruptions of the AWS negative vectors, applied to our own frame: length and header length are
    // guarded by the prelude CRC, headers and payload by the message CRC.
    for (const [name, offset, reason] of [
      ['corrupted_length', 3, 'Prelude checksum mismatch'],
      ['corrupted_header_len', 7, 'Prelude checksum mismatch'],
      ['corrupted_headers', 14, 'Message checksum mismatch'],
      ['corrupted_payload', -6, 'Message checksum mismatch'],
    ] as const) {
      it(`refuses a frame with ${name.replace('corrupted_', 'a corrupted ')} with a typed invalid-response error`, async () => {
        const bytes = frame();
        bytes[offset < 0 ? bytes.length + offset : offset] ^= 0x01;
        await assertRefused(bytes, reason);
      });
    }
  });

  describeRecorded('AWS vectors', function () {
    for (const name of [
      'all_headers',
      'empty_message',
      'int32_header',
      'payload_no_headers',
      'payload_one_str_header',
    ]) {
      it(`decodes positive/${name} exactly`, () => {
        const bytes = fs.readFileSync(fixturePath(`eventstream/encoded/positive/${name}`));
        const expected = JSON.parse(
          fs.readFileSync(fixturePath(`eventstream/decoded/positive/${name}`), 'utf8'),
        ) as DecodedVector;
        const message = decodeFrame(bytes);
        assert.equal(bytes.length, expected.total_length);
        assert.equal(crc32(bytes, 0, 8) | 0, expected.prelude_crc);
        assert.equal(crc32(bytes, 0, bytes.length - 4) | 0, expected.message_crc);
        assert.equal(Buffer.from(message.payload).toString('base64'), expected.payload);
        assert.deepEqual(
          Object.entries(message.headers).map(([headerName, header]) => ({
            name: headerName,
            type: TYPE_NAMES[expected.headers.find((h) => h.name === headerName)!.type],
            value: vectorValue(header),
          })),
          expected.headers.map((h) => ({ name: h.name, type: TYPE_NAMES[h.type], value: h.value })),
        );
        for (const h of expected.headers) assert.equal(message.headers[h.name].type, TYPE_NAMES[h.type]);
      });
    }

    for (const name of ['corrupted_header_len', 'corrupted_headers', 'corrupted_length', 'corrupted_payload']) {
      it(`refuses negative/${name} with a typed invalid-response error`, async () => {
        const bytes = fs.readFileSync(fixturePath(`eventstream/encoded/negative/${name}`));
        const reason = fs.readFileSync(fixturePath(`eventstream/decoded/negative/${name}`), 'utf8').trim();
        await assertRefused(bytes, reason);
      });
    }
  });

  describe('frames encoded by @smithy/eventstream-codec from the sample answers', function () {
    const codec = new EventStreamCodec(toUtf8, fromUtf8);

    for (const [name, sample] of Object.entries({
      TEXT_ANSWER,
      REASONING_ANSWER,
      TOOL_CALL_ANSWER,
      REASONING_TOOL_CALL,
    })) {
      it(`${name}: decodes the same frames when split at every byte boundary`, async () => {
        const lines = bedrockEventLines(sample);
        const bytes = encodeBedrockEvents(lines);
        const expected = lines.map((line) => {
          const [type, value] = Object.entries(JSON.parse(line) as Record<string, unknown>)[0];
          return { type, payload: value };
        });
        // The oracle decodes our input the same way.
        let offset = 0;
        for (const item of expected) {
          const length = new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0);
          const decoded = codec.decode(bytes.subarray(offset, offset + length));
          assert.equal(decoded.headers[':event-type'].value, item.type);
          offset += length;
        }
        const check = (messages: EventStreamMessage[]): void => {
          assert.deepEqual(
            messages.map((m) => ({
              type: (m.headers[':event-type'] as { value: string }).value,
              payload: JSON.parse(Buffer.from(m.payload).toString('utf8')),
            })),
            expected,
          );
          assert.deepEqual(messages[0].headers[':message-type'], { type: 'string', value: 'event' });
        };
        check(await decodeAll(bytes, [bytes.length]));
        check(await decodeAll(bytes, [1]));
        for (let cut = 1; cut < bytes.length; cut++) {
          const messages: EventStreamMessage[] = [];
          const twoPieces = async function* (): AsyncGenerator<Uint8Array> {
            yield bytes.subarray(0, cut);
            yield bytes.subarray(cut);
          };
          for await (const message of readEventStream(twoPieces(), 'bedrock')) messages.push(message);
          assert.equal(messages.length, expected.length, `split at byte ${cut}`);
        }
        check(await decodeAll(bytes, [3, 1, 17, 5, 64, 2]));
      });
    }

    it('a flipped payload byte in a middle frame fails after the good frames, never yields garbage', async () => {
      const lines = bedrockEventLines(TEXT_ANSWER);
      const bytes = Buffer.from(encodeBedrockEvents(lines));
      const first = bytes.readUInt32BE(0);
      const second = bytes.readUInt32BE(first);
      bytes[first + second - 6] ^= 0x20;
      const seen: EventStreamMessage[] = [];
      await assert.rejects(
        (async () => {
          for await (const message of readEventStream(pieces(bytes, [7, 3]), 'bedrock')) seen.push(message);
        })(),
        (error: unknown) =>
          error instanceof ProviderError &&
          error.kind === 'invalid-response' &&
          /Message checksum mismatch/.test(error.message),
      );
      assert.equal(seen.length, 1);
    });

    it('the same corruption arriving in one network read: the good frame before it is still handed on first', async () => {
      const lines = bedrockEventLines(TEXT_ANSWER);
      const bytes = Buffer.from(encodeBedrockEvents(lines));
      const first = bytes.readUInt32BE(0);
      const second = bytes.readUInt32BE(first);
      bytes[first + second - 6] ^= 0x20;
      const batches: EventStreamMessage[][] = [];
      await assert.rejects(
        (async () => {
          for await (const batch of readEventStreamBatches(pieces(bytes, [bytes.length]), 'bedrock'))
            batches.push(batch);
        })(),
        (error: unknown) =>
          error instanceof ProviderError &&
          error.kind === 'invalid-response' &&
          /Message checksum mismatch/.test(error.message),
      );
      assert.deepEqual(
        batches.map((batch) => batch.length),
        [1],
      );
    });

    it('hands on every frame one network read completes as one batch', async () => {
      const bytes = encodeBedrockEvents(bedrockEventLines(TEXT_ANSWER));
      const whole: EventStreamMessage[][] = [];
      for await (const batch of readEventStreamBatches(pieces(bytes, [bytes.length]), 'bedrock')) whole.push(batch);
      assert.equal(whole.length, 1);
      assert.deepEqual(whole[0], await decodeAll(bytes, [1]));
    });

    it('a stream cut inside a frame is a truncation error', async () => {
      const bytes = encodeBedrockEvents(bedrockEventLines(TEXT_ANSWER));
      await assert.rejects(
        decodeAll(bytes.subarray(0, bytes.length - 5), [13]),
        (error: unknown) =>
          error instanceof ProviderError &&
          error.kind === 'invalid-response' &&
          /ended inside a frame/.test(error.message),
      );
    });
  });

  it('decodes every header type the codec can encode', () => {
    const codec = new EventStreamCodec(toUtf8, fromUtf8);
    const bytes = codec.encode({
      headers: {
        t: { type: 'boolean', value: true },
        f: { type: 'boolean', value: false },
        b: { type: 'byte', value: -5 },
        s: { type: 'short', value: -300 },
        i: { type: 'integer', value: 70000 },
        bin: { type: 'binary', value: new Uint8Array([1, 2, 255]) },
        str: { type: 'string', value: 'héllo' },
        uuid: { type: 'uuid', value: '01020304-0506-0708-090a-0b0c0d0e0f10' },
      },
      body: fromUtf8('{}'),
    });
    const message = decodeFrame(bytes);
    assert.deepEqual(message.headers.t, { type: 'boolean', value: true });
    assert.deepEqual(message.headers.f, { type: 'boolean', value: false });
    assert.deepEqual(message.headers.b, { type: 'byte', value: -5 });
    assert.deepEqual(message.headers.s, { type: 'short', value: -300 });
    assert.deepEqual(message.headers.i, { type: 'integer', value: 70000 });
    assert.deepEqual(message.headers.bin, { type: 'binary', value: new Uint8Array([1, 2, 255]) });
    assert.deepEqual(message.headers.str, { type: 'string', value: 'héllo' });
    assert.deepEqual(message.headers.uuid, { type: 'uuid', value: '01020304-0506-0708-090a-0b0c0d0e0f10' });
  });
});
