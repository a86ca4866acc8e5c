import * as assert from 'node:assert/strict';
import { DEFAULT_ROUTER_SETTINGS } from '../../../src/config/types';
import { collectChat } from '../../../src/providers/collect';
import type { ChatEvent, ChatRequest, ProviderClient, RequestOptions } from '../../../src/providers/types';
import { ProviderRouter } from '../../../src/router/router';
import type { RoutedEvent } from '../../../src/router/types';
import { cancelledError, type ProviderError } from '../../../src/util/errors';
import { answer, failure, slotConfig } from '../../fakes/scriptedClient';

const prompt = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }] };

type Step = ChatEvent | ProviderError | { delayMs: number };

/** A client whose script may pause (abortably); it records whether its request was cancelled. */
class PacedClient implements ProviderClient {
  calls = 0;
  cancelled = 0;
  constructor(
    readonly slotId: string,
    private readonly script: Step[],
  ) {}

  async *streamChat(_request: ChatRequest, options: RequestOptions = {}): AsyncGenerator<ChatEvent> {
    this.calls++;
    const signal = options.signal;
    try {
      for (const step of this.script) {
        if ('delayMs' in step) {
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(resolve, step.delayMs);
            signal?.addEventListener('abort', () => (clearTimeout(timer), reject(cancelledError(this.slotId))), {
              once: true,
            });
          });
        } else if (step instanceof Error) {
          throw step;
        } else {
          yield step;
        }
        if (signal?.aborted) throw cancelledError(this.slotId);
      }
    } finally {
      if (signal?.aborted) this.cancelled++;
    }
  }

  send(request: ChatRequest, options?: RequestOptions) {
    return collectChat(this.streamChat(request, options));
  }

  async listModels() {
    return [{ id: 'paced' }];
  }
}

function router(clients: PacedClient[], hedgeAfterMs?: number): ProviderRouter {
  const settings = { ...DEFAULT_ROUTER_SETTINGS, ...(hedgeAfterMs !== undefined ? { hedgeAfterMs } : {}) };
  return new ProviderRouter(
    clients.map((client) => ({ config: slotConfig(client.slotId), client })),
    { settings },
  );
}

async function drain(events: AsyncIterable<RoutedEvent>): Promise<RoutedEvent[]> {
  const seen: RoutedEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

const text = (events: RoutedEvent[]) =>
  events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');

describe('ProviderRouter hedging ([router] hedge_after_ms)', () => {
  it('asks the next slot when the first has sent nothing in time; the first to answer wins and the other is cancelled', async () => {
    const stalled = new PacedClient('a', [{ delayMs: 60_000 }, ...answer('late')]);
    const quick = new PacedClient('b', answer('from b'));
    const hedged = router([stalled, quick], 20);
    const events = await drain(hedged.streamChat(prompt));
    assert.equal(text(events), 'from b');
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop', rawReason: 'stop', slot: 'b' });
    assert.equal(events.filter((event) => event.type === 'failover').length, 0, 'a hedge is not a failover');
    assert.equal(stalled.cancelled, 1, 'the slower request was cancelled');
    const health = Object.fromEntries(hedged.health().map((entry) => [entry.slotId, entry]));
    assert.equal(health.a.state, 'ready');
    assert.equal(health.a.lastError, undefined, 'the cancelled slot is not counted as failing');
    assert.equal(health.b.lastSuccessAt !== undefined, true);
  });

  it('keeps the first slot when it answers before the hedge time, and never asks the second', async () => {
    const first = new PacedClient('a', answer('from a'));
    const second = new PacedClient('b', answer('from b'));
    const events = await drain(router([first, second], 5_000).streamChat(prompt));
    assert.equal(text(events), 'from a');
    assert.equal(second.calls, 0);
  });

  it('the first slot still wins when it answers after the hedge started but before the second', async () => {
    const first = new PacedClient('a', [{ delayMs: 40 }, ...answer('from a')]);
    const second = new PacedClient('b', [{ type: 'usage', inputTokens: 99 }, { delayMs: 60_000 }, ...answer('from b')]);
    const events = await drain(router([first, second], 10).streamChat(prompt));
    assert.equal(text(events), 'from a');
    assert.equal(second.calls, 1);
    assert.equal(second.cancelled, 1);
    const usage = events.filter((event) => event.type === 'usage');
    assert.deepEqual(
      usage,
      [{ type: 'usage', inputTokens: 3, outputTokens: 1 }],
      "the loser's usage is not shown or counted",
    );
  });

  it('fails over at once when the first slot fails before the hedge time', async () => {
    const failing = new PacedClient('a', [failure('a', 'server', 503)]);
    const backup = new PacedClient('b', answer('from b'));
    const events = await drain(router([failing, backup], 60_000).streamChat(prompt));
    assert.equal(events[0].type, 'failover');
    assert.equal(text(events), 'from b');
  });

  it('with no hedge_after_ms a stalling slot is waited for (failover stays sequential)', async () => {
    const slow = new PacedClient('a', [{ delayMs: 30 }, ...answer('from a')]);
    const second = new PacedClient('b', answer('from b'));
    const events = await drain(router([slow, second]).streamChat(prompt));
    assert.equal(text(events), 'from a');
    assert.equal(second.calls, 0);
  });

  it('cancelling the request cancels every attempt in the race', async () => {
    const a = new PacedClient('a', [{ delayMs: 60_000 }]);
    const b = new PacedClient('b', [{ delayMs: 60_000 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 40);
    await assert.rejects(
      drain(router([a, b], 5).streamChat(prompt, { signal: controller.signal })),
      (error: ProviderError) => error.kind === 'cancelled',
    );
    assert.deepEqual([a.cancelled, b.cancelled], [1, 1]);
  });

  it('a pinned slot is never hedged', async () => {
    const a = new PacedClient('a', [{ delayMs: 30 }, ...answer('from a')]);
    const b = new PacedClient('b', answer('from b'));
    const events = await drain(router([a, b], 5).streamChat(prompt, { slotId: 'a' }));
    assert.equal(text(events), 'from a');
    assert.equal(b.calls, 0);
  });

  it('when every racing slot fails, the error lists each one', async () => {
    const a = new PacedClient('a', [{ delayMs: 20 }, failure('a', 'server', 502)]);
    const b = new PacedClient('b', [failure('b', 'rate-limit', 429)]);
    await assert.rejects(drain(router([a, b], 5).streamChat(prompt)), (error: Error) =>
      /Every slot failed\. b: .*; a: /.test(error.message),
    );
  });
});
