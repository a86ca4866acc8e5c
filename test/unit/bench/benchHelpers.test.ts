import * as assert from 'node:assert/strict';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { buildLongStream, stretch, MIN_CHUNKS } from '../../../bench/longStreams';
import { summarize } from '../../../bench/stats';
import { describeRecorded, readChunks } from '../../fakes/fixtures';

describe('bench helpers', () => {
  describe('stretch', () => {
    const lines = ['start', 'a', 'ping', 'b', 'stop', 'usage'];
    const isBody = (line: string) => line.length === 1;

    it('keeps the lines before the first and after the last body line, and repeats the body lines in order', () => {
      assert.deepEqual(stretch(lines, isBody, 9), ['start', 'a', 'b', 'a', 'b', 'a', 'b', 'stop', 'usage']);
    });

    it('never drops the head or the tail when the recording is already long enough', () => {
      assert.deepEqual(stretch(lines, isBody, 2), ['start', 'a', 'b', 'stop', 'usage']);
    });

    it('refuses a recording without body lines', () => {
      assert.throws(() => stretch(['start', 'stop'], isBody, 10), /no text chunks/);
    });
  });

  describe('summarize', () => {
    it('takes the middle value of an odd count and the mean of the middle two of an even count', () => {
      assert.deepEqual(summarize([5, 1, 3]), { median: 3, min: 1, max: 5, runs: 3 });
      assert.deepEqual(summarize([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4, runs: 4 });
    });

    it('says there were no runs instead of inventing a number', () => {
      const empty = summarize([]);
      assert.equal(empty.runs, 0);
      assert.ok(Number.isNaN(empty.median));
    });
  });

  describeRecorded('long streams built from the recordings', function () {
    it('the OpenAI stream has at least 10,000 events, starts and ends like the recording, and ends with [DONE]', () => {
      const recorded = readChunks('openai/openai-text.chunks.txt');
      const stream = buildLongStream('openai');
      const text = Buffer.from(stream.bytes).toString('utf8');
      const events = text.split('\n\n').filter(Boolean);
      assert.ok(stream.chunks >= MIN_CHUNKS);
      assert.equal(events.length, stream.chunks);
      assert.equal(events[0], `data: ${recorded[0]}`);
      assert.equal(events.at(-2), `data: ${recorded.at(-1)}`);
      assert.equal(events.at(-1), 'data: [DONE]');
    });

    it('the Anthropic stream names every event after its type and ends with message_stop', () => {
      const stream = buildLongStream('anthropic');
      const events = Buffer.from(stream.bytes).toString('utf8').split('\n\n').filter(Boolean);
      assert.equal(events.length, stream.chunks);
      for (const event of [events[0], events[5000], events.at(-1)!]) {
        const [name, data] = event.split('\n');
        assert.equal(`event: ${(JSON.parse(data.slice('data: '.length)) as { type: string }).type}`, name);
      }
      assert.match(events.at(-1)!, /^event: message_stop\n/);
    });

    it('the Bedrock stream is one valid event-stream frame per recorded event', () => {
      const stream = buildLongStream('bedrock', 20);
      const codec = new EventStreamCodec(toUtf8, fromUtf8);
      const recorded = readChunks('bedrock/amazon-bedrock-text.chunks.txt');
      const frames: string[] = [];
      let offset = 0;
      while (offset < stream.bytes.length) {
        const length = Buffer.from(stream.bytes.subarray(offset, offset + 4)).readUInt32BE(0);
        const message = codec.decode(stream.bytes.subarray(offset, offset + length));
        frames.push(
          JSON.stringify({ [String(message.headers[':event-type'].value)]: JSON.parse(toUtf8(message.body)) }),
        );
        offset += length;
      }
      assert.equal(frames.length, stream.chunks);
      assert.equal(frames[0], recorded[0]);
      assert.equal(frames.at(-1), recorded.at(-1));
    });

    it('the Ollama stream carries the recorded words as /api/chat message content and ends with done', () => {
      const stream = buildLongStream('ollama', 12);
      const lines = Buffer.from(stream.bytes)
        .toString('utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { message: { content: string }; done: boolean });
      assert.deepEqual(
        lines.slice(0, 6).map((line) => line.message.content),
        ['That', "'", 's', ' a', ' fantastic', ' question'],
      );
      assert.equal(lines.at(-1)!.done, true);
      assert.equal(lines.filter((line) => line.done).length, 1);
    });
  });
});
