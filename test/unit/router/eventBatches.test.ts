import * as assert from 'node:assert/strict';
import { DEFAULT_ROUTER_SETTINGS } from '../../../src/config/types';
import { parseAnthropicStreamBatches } from '../../../src/providers/anthropic/anthropicStream';
import { batchedClient, flattenBatches, parseBatches } from '../../../src/providers/eventBatches';
import { parseOllamaStreamBatches } from '../../../src/providers/ollama/ollamaStream';
import { parseOpenAIStreamBatches } from '../../../src/providers/openaiCompatible/openaiStream';
import type { ChatEvent, ChatRequest, ProviderClient, RequestOptions } from '../../../src/providers/types';
import { ProviderRouter } from '../../../src/router/router';
import type { RoutedEvent } from '../../../src/router/types';
import { ProviderError, cancelledError } from '../../../src/util/errors';
import { readLineBatches, readSseBatches } from '../../../src/util/sse';
import { failure, slotConfig } from '../../fakes/scriptedClient';

const prompt = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }] };
const text = (value: string): ChatEvent => ({ type: 'text-delta', text: value });
const usage: ChatEvent = { type: 'usage', inputTokens: 3, outputTokens: 2 };
const finish: ChatEvent = { type: 'finish', reason: 'stop' };

/** A client that plays batches (an error ends it); counts its calls and whether it was aborted. */
function batchClient(
  slotId: string,
  script: Array<ChatEvent[] | ProviderError>,
): ProviderClient & { calls: () => number } {
  let calls = 0;
  const client = batchedClient({
    slotId,
    async *streamChatBatches(_request: ChatRequest, options: RequestOptions = {}) {
      calls++;
      for (const step of script) {
        await Promise.resolve();
        if (options.signal?.aborted) throw cancelledError(slotId);
        if (step instanceof ProviderError) throw step;
        yield step;
      }
    },
    send: () => Promise.reject(new Error('not used')),
    listModels: async () => [],
  });
  return Object.assign(client, { calls: () => calls });
}

function routerOf(...clients: ProviderClient[]): ProviderRouter {
  return new ProviderRouter(
    clients.map((client) => ({ config: slotConfig(client.slotId), client })),
    { settings: DEFAULT_ROUTER_SETTINGS },
  );
}

async function drainBatches(
  batches: AsyncIterable<readonly RoutedEvent[]>,
): Promise<{ seen: RoutedEvent[][]; error?: unknown }> {
  const seen: RoutedEvent[][] = [];
  try {
    for await (const batch of batches) seen.push([...batch]);
  } catch (error) {
    return { seen, error };
  }
  return { seen };
}

async function* bytesIn(...reads: string[]): AsyncGenerator<Uint8Array> {
  for (const read of reads) yield new Uint8Array(Buffer.from(read, 'utf8'));
}

describe('event batches: one async step per network read, the same events', () => {
  it('a parser hands on what it produced before a failure, then throws', async () => {
    const input = (async function* () {
      yield ['a', 'b', 'bad', 'c'];
    })();
    const parser = {
      take(item: string, out: string[]) {
        if (item === 'bad') throw new Error('broken');
        out.push(item);
        return false;
      },
      end() {},
    };
    const seen: string[][] = [];
    await assert.rejects(async () => {
      for await (const batch of parseBatches(input, parser)) seen.push(batch);
    }, /broken/);
    assert.deepEqual(seen, [['a', 'b']]);
  });

  it('SSE parsers give one batch per network read (OpenAI-compatible, Anthropic), NDJSON too (Ollama)', async () => {
    const chunk = (content: string) => `data: {"choices":[{"index":0,"delta":{"content":"${content}"}}]}\n\n`;
    const openai = await collect(
      parseOpenAIStreamBatches(
        readSseBatches(
          bytesIn(
            chunk('a') + chunk('b') + chunk('c'),
            chunk('d') + 'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n',
          ),
        ),
        'p',
      ),
    );
    assert.deepEqual(
      openai.map((batch) => batch.length),
      [3, 2],
    );
    assert.deepEqual(
      openai
        .flat()
        .filter((event) => event.type === 'text-delta')
        .map((event) => (event as { text: string }).text)
        .join(''),
      'abcd',
    );

    const delta = (value: string) =>
      `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"${value}"}}\n\n`;
    const anthropic = await collect(
      parseAnthropicStreamBatches(
        readSseBatches(
          bytesIn(delta('x') + delta('y'), delta('z') + 'event: message_stop\ndata: {"type":"message_stop"}\n\n'),
        ),
        'p',
      ),
    );
    assert.deepEqual(
      anthropic.map((batch) => batch.map((event) => event.type)),
      [
        ['text-delta', 'text-delta'],
        ['text-delta', 'usage', 'finish'],
      ],
    );

    const line = (value: string) => `{"message":{"content":"${value}"},"done":false}\n`;
    const ollama = await collect(
      parseOllamaStreamBatches(
        readLineBatches(
          bytesIn(line('1') + line('2') + line('3'), '{"message":{"content":""},"done":true,"done_reason":"stop"}\n'),
        ),
        'p',
      ),
    );
    assert.deepEqual(
      ollama.map((batch) => batch.length),
      [3, 2],
    );
  });

  it('the router holds usage-only batches, puts slot-answering before the first output, and names the slot on finish', async () => {
    const client = batchClient('a', [[usage], [text('x'), text('y')], [finish]]);
    const { seen, error } = await drainBatches(routerOf(client).streamBatches(prompt));
    assert.equal(error, undefined);
    assert.deepEqual(
      seen.map((batch) => batch.map((event) => event.type)),
      [['slot-answering', 'usage', 'text-delta', 'text-delta'], ['finish']],
    );
    assert.deepEqual(seen[1][0], { ...finish, slot: 'a' });
    // streamChat is the same events one at a time.
    const single: RoutedEvent[] = [];
    for await (const event of routerOf(batchClient('a', [[usage], [text('x'), text('y')], [finish]])).streamChat(
      prompt,
    ))
      single.push(event);
    assert.deepEqual(
      single.map((event) => event.type),
      seen.flat().map((event) => event.type),
    );
  });

  it('fails over when a slot fails after a usage-only batch (no output yet), keeps the partial answer after output', async () => {
    const early = batchClient('a', [[usage], failure('a', 'rate-limit', 429)]);
    const next = batchClient('b', [[text('ok'), finish]]);
    const { seen, error } = await drainBatches(routerOf(early, next).streamBatches(prompt));
    assert.equal(error, undefined);
    const flat = seen.flat();
    assert.deepEqual(
      flat.map((event) => event.type),
      ['failover', 'slot-answering', 'text-delta', 'finish'],
    );
    assert.equal(
      flat.some((event) => event.type === 'usage'),
      false,
      "the failed slot's usage is not shown",
    );

    const late = batchClient('a', [[text('partial '), text('answer')], failure('a', 'network')]);
    const spare = batchClient('b', [[text('never'), finish]]);
    const midStream = await drainBatches(routerOf(late, spare).streamBatches(prompt));
    assert.ok(midStream.error instanceof ProviderError && midStream.error.kind === 'network');
    assert.deepEqual(
      midStream.seen
        .flat()
        .filter((event) => event.type === 'text-delta')
        .map((event) => (event as { text: string }).text),
      ['partial ', 'answer'],
    );
    assert.equal(spare.calls(), 0, 'no failover after output');
  });

  it('the hedged race takes the first batch with output as the winner and hands on its held usage first', async () => {
    const client = batchClient('a', [[usage], [text('x'), finish]]);
    const spare = batchClient('b', [[text('never'), finish]]);
    const router = new ProviderRouter(
      [client, spare].map((each) => ({ config: slotConfig(each.slotId), client: each })),
      { settings: { ...DEFAULT_ROUTER_SETTINGS, hedgeAfterMs: 10_000 } },
    );
    const { seen, error } = await drainBatches(router.streamBatches(prompt));
    assert.equal(error, undefined);
    assert.deepEqual(
      seen.flat().map((event) => event.type),
      ['slot-answering', 'usage', 'text-delta', 'finish'],
    );
    assert.deepEqual(seen.flat().at(-1), { ...finish, slot: 'a' });
  });

  it('a client without streamChatBatches (one event at a time) still routes; flattenBatches keeps order', async () => {
    const single: ProviderClient = {
      slotId: 'plain',
      async *streamChat() {
        yield text('p');
        yield finish;
      },
      send: () => Promise.reject(new Error('not used')),
      listModels: async () => [],
    };
    const { seen } = await drainBatches(routerOf(single).streamBatches(prompt));
    assert.deepEqual(
      seen.flat().map((event) => event.type),
      ['slot-answering', 'text-delta', 'finish'],
    );
    const flat: number[] = [];
    for await (const value of flattenBatches(
      (async function* () {
        yield [1, 2];
        yield [3];
      })(),
    ))
      flat.push(value);
    assert.deepEqual(flat, [1, 2, 3]);
  });
});

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const seen: T[][] = [];
  for await (const batch of batches) seen.push(batch);
  return seen;
}
