import * as assert from 'node:assert/strict';
import { MemoryCredentialStore, secretKeys } from '../../../src/auth/credentialStore';
import { parseConfig } from '../../support/config';
import type { SkynetConfig } from '../../../src/config/types';
import type { ProviderDeps } from '../../../src/providers/types';
import { buildRouter } from '../../../src/router/buildRouter';
import { ProviderRouter } from '../../../src/router/router';
import { slotIdentity } from '../../../src/router/healthHandover';
import { withStoredKeys } from '../../../src/auth/storedKeys';
import type { SlotHealth } from '../../../src/router/types';
import { createHttpClient } from '../../../src/util/http';
import { silentLogger } from '../../../src/util/logger';
import { ScriptedClient, answer, failure, routerSlot } from '../../fakes/scriptedClient';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { replaySse, sseFromPayloads } from '../../fakes/wire';

const hello = sseFromPayloads([
  JSON.stringify({ choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }] }),
]);
const prompt = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'q' }] }] };

interface Slots {
  /** The rate-limited slot's table, minus its id (base_url, model, api_key…). */
  limited?: string;
  /** Anything else in the file (other slots, [router]). */
  rest?: string;
}

describe('slot health across a router rebuild (config reload)', () => {
  let limitedServer: FakeServer;
  let otherServer: FakeServer;
  let backupServer: FakeServer;
  const http = createHttpClient();
  const clock = { now: 5_000_000 };
  let credentials: MemoryCredentialStore;

  beforeEach(async () => {
    clock.now = 5_000_000;
    credentials = new MemoryCredentialStore({
      [secretKeys.apiKey('limited')]: 'key-1',
      [secretKeys.apiKey('backup')]: 'key-b',
    });
    limitedServer = await startFakeServer();
    otherServer = await startFakeServer();
    backupServer = await startFakeServer();
    for (const server of [limitedServer, otherServer]) {
      server.route('POST', '/v1/chat/completions', (_request, response) => {
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' });
        response.end(JSON.stringify({ error: { message: 'slow down' } }));
      });
    }
    backupServer.route('POST', '/v1/chat/completions', (_request, response) => replaySse(response, hello));
  });
  afterEach(async () => {
    await Promise.all([limitedServer.close(), otherServer.close(), backupServer.close()]);
  });
  after(() => http.close());

  const deps = (): ProviderDeps => ({
    http,
    logger: silentLogger,
    credentials,
    env: {},
    now: () => clock.now,
    homeDir: '/tmp',
  });

  function config({
    limited = `base_url = "${limitedServer.url}"\nmodel = "m1"`,
    rest = '',
  }: Slots = {}): SkynetConfig {
    const text = [
      rest,
      limited ? `[[providers.openai_compat]]\nid = "limited"\n${limited}\n` : '',
      `[[providers.openai_compat]]\nid = "backup"\nbase_url = "${backupServer.url}"\nmodel = "b1"\n`,
    ].join('\n');
    const parsed = parseConfig(text, 'skynet.toml', {});
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
    return parsed.config;
  }

  const healthOf = (router: ProviderRouter, slotId: string): SlotHealth | undefined =>
    router.health().find((entry) => entry.slotId === slotId);

  /** A router whose `limited` slot just got a 429 with Retry-After: 30 (the request failed over to backup). */
  async function rateLimited(slots: Slots = {}): Promise<ProviderRouter> {
    const router = await buildRouter(config(slots), deps());
    assert.equal((await router.send(prompt)).slot, 'backup');
    const health = healthOf(router, 'limited')!;
    assert.equal(health.state, 'cooling');
    assert.equal(health.coolingUntil, clock.now + 30_000);
    return router;
  }

  it('keeps a 429 cooldown (Retry-After) through an unrelated edit: the rebuilt router sends the slot nothing', async () => {
    const old = await rateLimited();
    assert.equal(limitedServer.requests.length, 1);
    clock.now += 10_000;
    // Unrelated edits: a new slot above it (so its line moves), the router's timeouts.
    const rest = `[router]\nidle_timeout_ms = 30000\n\n[[providers.openai_compat]]\nid = "other"\nbase_url = "${otherServer.url}"\nmodel = "o1"\n`;
    const rebuilt = await buildRouter(config({ rest }), deps(), { previous: old });

    const health = healthOf(rebuilt, 'limited')!;
    assert.equal(health.state, 'cooling');
    assert.equal(health.coolingUntil, 5_030_000, 'the same Retry-After deadline');
    assert.equal(health.lastError?.status, 429, 'the last error is carried');
    assert.match(rebuilt.plan().skipped.find((attempt) => attempt.slot === 'limited')!.message, /cooling down for 20s/);

    assert.equal((await rebuilt.send(prompt)).slot, 'backup', 'other fails over to backup; limited is skipped');
    assert.equal(limitedServer.requests.length, 1, 'no request reached the cooling slot after the reload');
    assert.equal(otherServer.requests.length, 1);

    // The cooldown ends on the injected clock, not on a timer.
    clock.now = 5_030_001;
    assert.equal(healthOf(rebuilt, 'limited')!.state, 'ready');
    await rebuilt.send(prompt);
    assert.equal(limitedServer.requests.length, 2, 'tried again once Retry-After has passed');
  });

  it('carries the last latency and last success of a slot that answered', async () => {
    const old = await rateLimited();
    const before = healthOf(old, 'backup')!;
    assert.equal(typeof before.lastLatencyMs, 'number');
    const rebuilt = await buildRouter(config(), deps(), { previous: old });
    const after = healthOf(rebuilt, 'backup')!;
    assert.equal(after.lastLatencyMs, before.lastLatencyMs);
    assert.equal(after.lastSuccessAt, before.lastSuccessAt);
    assert.equal(after.state, 'ready');
  });

  it('clears the cooldown when the slot’s base_url changes (the user may have moved it off the limited host)', async () => {
    const old = await rateLimited();
    const rebuilt = await buildRouter(config({ limited: `base_url = "${otherServer.url}"\nmodel = "m1"` }), deps(), {
      previous: old,
    });
    assert.deepEqual(healthOf(rebuilt, 'limited'), { slotId: 'limited', state: 'ready', unavailableReason: undefined });
    await rebuilt.send(prompt);
    assert.equal(otherServer.requests.length, 1, 'the moved slot is tried at once');
  });

  it('clears the cooldown when the slot’s model changes', async () => {
    const old = await rateLimited();
    const rebuilt = await buildRouter(config({ limited: `base_url = "${limitedServer.url}"\nmodel = "m2"` }), deps(), {
      previous: old,
    });
    assert.equal(healthOf(rebuilt, 'limited')!.state, 'ready');
    await rebuilt.send(prompt);
    assert.equal(limitedServer.requests.length, 2);
  });

  it('clears the cooldown when the slot’s key changes in Secret Storage, and only that slot’s', async () => {
    const old = await rateLimited();
    await credentials.set(secretKeys.apiKey('limited'), 'key-2');
    const unrelated = await buildRouter(config(), deps(), {
      previous: old,
      changedSecrets: new Set([secretKeys.apiKey('backup'), 'skynet.somethingElse']),
    });
    assert.equal(healthOf(unrelated, 'limited')!.state, 'cooling', "another slot's key change keeps it");

    const rebuilt = await buildRouter(config(), deps(), {
      previous: old,
      changedSecrets: new Set([secretKeys.apiKey('limited')]),
    });
    assert.equal(healthOf(rebuilt, 'limited')!.state, 'ready');
    assert.equal(healthOf(rebuilt, 'limited')!.lastError, undefined, 'a new key starts with a clean slate');
    await rebuilt.send(prompt);
    assert.equal(limitedServer.requests.length, 2);
    assert.equal(limitedServer.requests[1].headers.authorization, 'Bearer key-2');
  });

  it('clears the cooldown when any of the slot’s stored keys changes: its 2nd key, or its workspace-scoped key', async () => {
    const cases: { scope: string | undefined; stored: Record<string, string>; changed: string }[] = [
      {
        scope: undefined,
        stored: { [secretKeys.apiKey('limited', 1)]: 'key-2' },
        changed: secretKeys.apiKey('limited', 1),
      },
      {
        scope: 'ws1',
        stored: { [secretKeys.apiKey('limited', 0, 'ws1')]: 'key-w' },
        changed: secretKeys.apiKey('limited', 0, 'ws1'),
      },
      {
        scope: 'ws1',
        stored: {
          [secretKeys.apiKey('limited', 0, 'ws1')]: 'key-w',
          [secretKeys.apiKey('limited', 1, 'ws1')]: 'key-w2',
        },
        changed: secretKeys.apiKey('limited', 1, 'ws1'),
      },
    ];
    for (const { scope, stored, changed } of cases) {
      for (const [name, value] of Object.entries(stored)) await credentials.set(name, value);
      const withKeys = () => withStoredKeys(config(), credentials, scope);
      const old = await buildRouter(await withKeys(), deps());
      assert.equal((await old.send(prompt)).slot, 'backup');
      assert.equal(healthOf(old, 'limited')!.state, 'cooling', `${changed}: every key of the slot was rate-limited`);

      const unrelated = await buildRouter(await withKeys(), deps(), {
        previous: old,
        changedSecrets: new Set([secretKeys.apiKey('backup', 1), secretKeys.apiKey('limited', 0, 'other-workspace')]),
      });
      assert.equal(
        healthOf(unrelated, 'limited')!.state,
        'cooling',
        `${changed}: another slot's or workspace's key keeps it`,
      );
      const rebuilt = await buildRouter(await withKeys(), deps(), {
        previous: old,
        changedSecrets: new Set([changed]),
      });
      assert.equal(healthOf(rebuilt, 'limited')!.state, 'ready', `${changed}: a changed key starts the slot fresh`);
      for (const name of Object.keys(stored)) await credentials.delete(name);
    }
  });

  it('clears the cooldown when a literal api_key in the file changes, and keeps it when the same key is written again', async () => {
    const old = await rateLimited({
      limited: `base_url = "${limitedServer.url}"\nmodel = "m1"\napi_key = "literal-1"`,
    });
    const same = await buildRouter(
      config({ limited: `model = "m1"\napi_key = "literal-1"\nbase_url = "${limitedServer.url}"` }),
      deps(),
      { previous: old },
    );
    assert.equal(healthOf(same, 'limited')!.state, 'cooling');
    const changed = await buildRouter(
      config({ limited: `base_url = "${limitedServer.url}"\nmodel = "m1"\napi_key = "literal-2"` }),
      deps(),
      { previous: same },
    );
    assert.equal(healthOf(changed, 'limited')!.state, 'ready');
    assert.doesNotMatch(slotIdentity(changed.slots[0].config), /literal-/, 'the identity holds a hash, not the key');
  });

  it('starts a removed-then-re-added slot fresh', async () => {
    const old = await rateLimited();
    const without = await buildRouter(config({ limited: '' }), deps(), { previous: old });
    assert.equal(healthOf(without, 'limited'), undefined);
    const readded = await buildRouter(config(), deps(), { previous: without });
    assert.deepEqual(healthOf(readded, 'limited'), { slotId: 'limited', state: 'ready', unavailableReason: undefined });
    await readded.send(prompt);
    assert.equal(limitedServer.requests.length, 2);
  });

  it('a cooldown that ran out during the rebuild is simply ready', async () => {
    const old = await rateLimited();
    clock.now += 30_001;
    const rebuilt = await buildRouter(config(), deps(), { previous: old });
    const health = healthOf(rebuilt, 'limited')!;
    assert.equal(health.state, 'ready');
    assert.equal(health.coolingUntil, undefined);
    assert.equal(health.lastError?.status, 429);
  });

  it('an unavailable slot (withheld in an untrusted workspace) keeps only its history; no cooldown comes back with it', async () => {
    const old = await rateLimited();
    const withheld = await buildRouter(config(), deps(), {
      previous: old,
      withheld: new Map([['limited', 'untrusted workspace']]),
    });
    const health = healthOf(withheld, 'limited')!;
    assert.equal(health.state, 'unavailable');
    assert.equal(health.unavailableReason, 'untrusted workspace');
    assert.equal(health.coolingUntil, undefined);
    assert.equal(health.lastError?.status, 429);
    const back = await buildRouter(config(), deps(), { previous: withheld });
    assert.equal(healthOf(back, 'limited')!.state, 'ready');
  });

  it('notifies health listeners of the rebuilt router', async () => {
    const old = await rateLimited();
    const rebuilt = await buildRouter(config(), deps(), { previous: old });
    const seen: SlotHealth[][] = [];
    rebuilt.onDidChangeHealth((health) => seen.push(health));
    await rebuilt.send(prompt);
    assert.ok(seen.length > 0);
    assert.equal(seen.at(-1)!.find((entry) => entry.slotId === 'limited')!.state, 'cooling');
  });
});

describe('ProviderRouter health handover', () => {
  const settings = {
    cooldownBaseMs: 1000,
    cooldownMaxMs: 60_000,
    connectTimeoutMs: 1,
    firstByteTimeoutMs: 1,
    idleTimeoutMs: 1,
  };

  it('keeps an auth mark through a rebuild, and clears it when the key changes', async () => {
    const clock = { now: 1_000 };
    const rejected = new ScriptedClient('a', [failure('a', 'auth', 401)]);
    const backup = new ScriptedClient('b', answer('ok'));
    const old = new ProviderRouter([routerSlot(rejected), routerSlot(backup)], { settings, now: () => clock.now });
    await old.send(prompt);
    assert.equal(old.health()[0].authFailed, true);

    const again = new ScriptedClient('a', answer('never'));
    const kept = new ProviderRouter([routerSlot(again), routerSlot(new ScriptedClient('b', answer('ok')))], {
      settings,
      now: () => clock.now,
      inherited: old.handover(),
    });
    assert.equal(kept.health()[0].authFailed, true);
    assert.equal((await kept.send(prompt)).slot, 'b', 'the benched slot is still skipped');
    assert.equal(again.calls, 0);

    const fixed = new ProviderRouter([routerSlot(again), routerSlot(backup)], {
      settings,
      now: () => clock.now,
      inherited: kept.handover(new Set([secretKeys.apiKey('a')])),
    });
    assert.equal(fixed.health()[0].authFailed, undefined);
    assert.equal((await fixed.send(prompt)).slot, 'a');
  });

  it('carries the backoff strikes: the next 529 after a rebuild waits twice as long', async () => {
    const clock = { now: 0 };
    const overloaded = () => new ScriptedClient('a', [failure('a', 'overloaded', 529)]);
    const old = new ProviderRouter([routerSlot(overloaded()), routerSlot(new ScriptedClient('b', answer('ok')))], {
      settings,
      now: () => clock.now,
    });
    await old.send(prompt);
    assert.equal(old.health()[0].coolingUntil, 1000);
    clock.now = 1001;
    const rebuilt = new ProviderRouter([routerSlot(overloaded()), routerSlot(new ScriptedClient('b', answer('ok')))], {
      settings,
      now: () => clock.now,
      inherited: old.handover(),
    });
    await rebuilt.send(prompt);
    assert.equal(rebuilt.health()[0].coolingUntil, 1001 + 2000);
  });
});
