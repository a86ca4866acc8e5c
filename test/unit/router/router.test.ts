import * as assert from 'node:assert/strict';
import { DEFAULT_ROUTER_SETTINGS } from '../../../src/config/types';
import { ProviderRouter } from '../../../src/router/router';
import { AllSlotsFailedError } from '../../../src/router/routerError';
import type { RoutedEvent, RouterSlot } from '../../../src/router/types';
import { ProviderError } from '../../../src/util/errors';
import { ScriptedClient, answer, failure, routerSlot, slotConfig } from '../../fakes/scriptedClient';

const prompt = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }] };

async function drain(events: AsyncIterable<RoutedEvent>): Promise<RoutedEvent[]> {
  const seen: RoutedEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

async function drainUntilError(events: AsyncIterable<RoutedEvent>): Promise<{ seen: RoutedEvent[]; error: unknown }> {
  const seen: RoutedEvent[] = [];
  try {
    for await (const event of events) seen.push(event);
  } catch (error) {
    return { seen, error };
  }
  return { seen, error: undefined };
}

function makeRouter(slots: RouterSlot[], clock = { now: 1_000_000 }) {
  return new ProviderRouter(slots, {
    settings: { ...DEFAULT_ROUTER_SETTINGS, cooldownBaseMs: 1000, cooldownMaxMs: 8000 },
    now: () => clock.now,
  });
}

describe('ProviderRouter', () => {
  it('answers from the first slot and tags finish with it', async () => {
    const first = new ScriptedClient('a', answer('hello'));
    const second = new ScriptedClient('b', answer('never'));
    const events = await drain(makeRouter([routerSlot(first), routerSlot(second)]).streamChat(prompt));
    assert.deepEqual(
      events.filter((e) => e.type !== 'slot-answering'),
      [
        { type: 'text-delta', text: 'hello' },
        { type: 'usage', inputTokens: 3, outputTokens: 1 },
        { type: 'finish', reason: 'stop', rawReason: 'stop', slot: 'a' },
      ],
    );
    assert.equal(second.calls, 0);
    assert.equal(first.requests[0].model, 'a-model', 'the slot model is used when the request names none');
  });

  it('fails over on 429 before output, then skips the cooling slot until Retry-After passes', async () => {
    const clock = { now: 1_000_000 };
    const limited = new ScriptedClient('a', [failure('a', 'rate-limit', 429, 6_000)]);
    const backup = new ScriptedClient('b', answer('from b'));
    const router = makeRouter([routerSlot(limited), routerSlot(backup)], clock);

    const events = await drain(router.streamChat(prompt));
    assert.deepEqual(events[0], {
      type: 'failover',
      from: 'a',
      kind: 'rate-limit',
      message: 'rate-limit (HTTP 429)',
      status: 429,
    });
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop', rawReason: 'stop', slot: 'b' });
    const health = router.health().find((h) => h.slotId === 'a')!;
    assert.equal(health.state, 'cooling');
    assert.equal(health.coolingUntil, 1_006_000);
    assert.equal(health.failingSince, 1_000_000, 'the failure streak starts with this failure');

    await drain(router.streamChat(prompt));
    assert.equal(limited.calls, 1, 'no request reaches a cooling slot');

    clock.now += 6_001;
    assert.equal(router.health().find((h) => h.slotId === 'a')!.state, 'ready');
    await drainUntilError(router.streamChat(prompt));
    assert.equal(limited.calls, 2, 'the slot is tried again once its cooldown ends');
    assert.equal(
      router.health().find((h) => h.slotId === 'a')!.failingSince,
      1_000_000,
      'a second failure keeps the streak start',
    );
  });

  it('backs off exponentially without Retry-After, capped at the maximum', async () => {
    const clock = { now: 0 };
    const overloaded = new ScriptedClient('a', [failure('a', 'overloaded', 529)]);
    const backup = new ScriptedClient('b', answer('ok'));
    const router = makeRouter([routerSlot(overloaded), routerSlot(backup)], clock);
    const waits: number[] = [];
    for (let round = 0; round < 5; round++) {
      await drain(router.streamChat(prompt));
      const health = router.health()[0];
      waits.push(health.coolingUntil! - clock.now);
      clock.now = health.coolingUntil! + 1;
    }
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 8000]);
  });

  it('tries cooling slots when every slot is cooling, soonest first', async () => {
    const clock = { now: 0 };
    const a = new ScriptedClient('a', [failure('a', 'rate-limit', 429, 5000)]);
    const b = new ScriptedClient('b', [failure('b', 'rate-limit', 429, 1000)]);
    const router = makeRouter([routerSlot(a), routerSlot(b)], clock);
    const { error } = await drainUntilError(router.streamChat(prompt));
    assert.ok(error instanceof AllSlotsFailedError);
    const { seen } = await drainUntilError(router.streamChat(prompt));
    assert.deepEqual(
      seen.filter((e) => e.type === 'failover').map((e) => (e as { from: string }).from),
      ['b', 'a'],
    );
  });

  for (const [kind, status] of [
    ['timeout', undefined],
    ['network', undefined],
    ['server', 503],
    ['server', 500],
    ['invalid-response', undefined],
    ['not-found', 404],
  ] as const) {
    it(`fails over on ${kind}${status ? ` ${status}` : ''}`, async () => {
      const broken = new ScriptedClient('a', [failure('a', kind, status)]);
      const backup = new ScriptedClient('b', answer('ok'));
      const events = await drain(makeRouter([routerSlot(broken), routerSlot(backup)]).streamChat(prompt));
      assert.equal(events[0].type, 'failover');
      assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop', rawReason: 'stop', slot: 'b' });
    });
  }

  it('marks a slot whose credentials are rejected and lets the next one answer', async () => {
    const rejected = new ScriptedClient('a', [failure('a', 'auth', 401)]);
    const backup = new ScriptedClient('b', answer('ok'));
    const router = makeRouter([routerSlot(rejected), routerSlot(backup)]);
    await drain(router.streamChat(prompt));
    assert.equal(router.health()[0].authFailed, true);
    await drain(router.streamChat(prompt));
    assert.equal(rejected.calls, 1, 'an auth-failed slot is benched while others answer');
  });

  it('does not fail over on a bad request', async () => {
    const first = new ScriptedClient('a', [failure('a', 'bad-request', 400)]);
    const second = new ScriptedClient('b', answer('ok'));
    const { error } = await drainUntilError(makeRouter([routerSlot(first), routerSlot(second)]).streamChat(prompt));
    assert.ok(error instanceof ProviderError);
    assert.equal(error.kind, 'bad-request');
    assert.equal(second.calls, 0);
  });

  it('fails over on context-length errors (a slot with a larger window may take it: capabilityRouting.test.ts), and does not cool the slot', async () => {
    const first = new ScriptedClient('a', [failure('a', 'context-length', 400)]);
    const second = new ScriptedClient('b', answer('ok'));
    const router = makeRouter([routerSlot(first), routerSlot(second)]);
    const events = await drain(router.streamChat(prompt));
    assert.equal((events[0] as { kind: string }).kind, 'context-length');
    assert.equal(second.calls, 1);
    assert.equal(router.health()[0].state, 'ready');
  });

  it('a context-length error from a pinned slot is the answer', async () => {
    const first = new ScriptedClient('a', [failure('a', 'context-length', 400)]);
    const { error } = await drainUntilError(makeRouter([routerSlot(first)]).streamChat(prompt, { slotId: 'a' }));
    assert.equal((error as ProviderError).kind, 'context-length');
  });

  it('stops on cancel without failing over or cooling the slot', async () => {
    const hanging = new ScriptedClient('a', [{ wait: 'abort' }]);
    const second = new ScriptedClient('b', answer('ok'));
    const router = makeRouter([routerSlot(hanging), routerSlot(second)]);
    const controller = new AbortController();
    const pending = drainUntilError(router.streamChat(prompt, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 5);
    const { error } = await pending;
    assert.equal((error as ProviderError).kind, 'cancelled');
    assert.equal(second.calls, 0);
    assert.equal(router.health()[0].state, 'ready');
    assert.equal(router.health()[0].lastError, undefined);
  });

  it('keeps partial output after a mid-stream failure and does not fail over', async () => {
    const flaky = new ScriptedClient('a', [{ type: 'text-delta', text: 'partial ' }, failure('a', 'network')]);
    const second = new ScriptedClient('b', answer('ok'));
    const { seen, error } = await drainUntilError(
      makeRouter([routerSlot(flaky), routerSlot(second)]).streamChat(prompt),
    );
    assert.deepEqual(
      seen.filter((e) => e.type === 'text-delta'),
      [{ type: 'text-delta', text: 'partial ' }],
    );
    assert.equal((error as ProviderError).kind, 'network');
    assert.equal((error as ProviderError).slot, 'a');
    assert.equal(second.calls, 0);
  });

  it('holds usage reported before a failure so failover stays transparent', async () => {
    const early = new ScriptedClient('a', [{ type: 'usage', inputTokens: 9 }, failure('a', 'overloaded', 529)]);
    const second = new ScriptedClient('b', answer('ok'));
    const events = await drain(makeRouter([routerSlot(early), routerSlot(second)]).streamChat(prompt));
    assert.deepEqual(
      events.filter((e) => e.type === 'usage'),
      [{ type: 'usage', inputTokens: 3, outputTokens: 1 }],
    );
  });

  it('lists every slot reason when all fail, unavailable ones included', async () => {
    const slots: RouterSlot[] = [
      { config: slotConfig('nokey'), unavailableReason: 'No API key for nokey' },
      routerSlot(new ScriptedClient('a', [failure('a', 'rate-limit', 429)])),
      routerSlot(new ScriptedClient('b', [failure('b', 'server', 502)])),
    ];
    const { seen, error } = await drainUntilError(makeRouter(slots).streamChat(prompt));
    assert.ok(error instanceof AllSlotsFailedError);
    assert.deepEqual(
      error.attempts.map((a) => [a.slot, a.kind]),
      [
        ['nokey', 'skipped'],
        ['a', 'rate-limit'],
        ['b', 'server'],
      ],
    );
    assert.match(error.message, /nokey: No API key for nokey; a: rate-limit \(HTTP 429\); b: server \(HTTP 502\)/);
    assert.equal(seen.filter((e) => e.type === 'failover').length, 2);
  });

  it('targets one slot without failover when pinned', async () => {
    const a = new ScriptedClient('a', answer('a'));
    const b = new ScriptedClient('b', [failure('b', 'rate-limit', 429)]);
    const router = makeRouter([routerSlot(a), routerSlot(b)]);
    const { seen, error } = await drainUntilError(router.streamChat(prompt, { slotId: 'b' }));
    assert.ok(error instanceof ProviderError && !(error instanceof AllSlotsFailedError));
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.slot, 'b');
    assert.deepEqual(seen, [], 'no failover event when there is nowhere to go');
    assert.equal(a.calls, 0);
    assert.throws(() => router.plan('zzz'), /No slot "zzz"/);
  });

  it('reports health changes to listeners', async () => {
    const router = makeRouter([
      routerSlot(new ScriptedClient('a', [failure('a', 'rate-limit', 429, 1000)])),
      routerSlot(new ScriptedClient('b', answer('ok'))),
    ]);
    const snapshots: string[] = [];
    const unsubscribe = router.onDidChangeHealth((health) =>
      snapshots.push(health.map((h) => `${h.slotId}:${h.state}`).join(',')),
    );
    await drain(router.streamChat(prompt));
    unsubscribe();
    await drain(router.streamChat(prompt));
    assert.deepEqual(snapshots, ['a:cooling,b:ready', 'a:cooling,b:ready']);
    assert.ok(router.health()[1].lastLatencyMs !== undefined);
    assert.equal(router.health()[1].failingSince, undefined, 'a slot that only succeeded is not failing');
  });

  it('send collects the answer and names the slot', async () => {
    const router = makeRouter([
      routerSlot(new ScriptedClient('a', [failure('a', 'server', 500)])),
      routerSlot(new ScriptedClient('b', answer('whole'))),
    ]);
    const result = await router.send(prompt);
    assert.equal(result.text, 'whole');
    assert.equal(result.slot, 'b');
    assert.equal(result.finishReason, 'stop');
  });
});
