import * as assert from 'node:assert/strict';
import { parseConfig } from '../../support/config';
import { jsonLineFor } from '../../../src/cli/events';
import { buildRouter } from '../../../src/router/buildRouter';
import type { ProviderRouter } from '../../../src/router/router';
import { KeyRing, type SlotKey } from '../../../src/router/keyRing';
import { secretKeys } from '../../../src/auth/credentialStore';
import type { RoutedEvent } from '../../../src/router/types';
import { fastHttpClient, providerDeps } from '../../fakes/providerHarness';
import { startKeyedServer, type KeyedServer } from '../../fakes/keyedServer';

const prompt = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'q' }] }] };
const KEY_A = 'gsk-alpha-0000000000001111';
const KEY_B = 'gsk-bravo-0000000000002222';
const KEY_C = 'gsk-charlie-000000000003333';
const BACKUP = 'sk-backup-00000000000009999';

async function collect(events: AsyncIterable<RoutedEvent>): Promise<RoutedEvent[]> {
  const all: RoutedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('several keys per slot', () => {
  const http = fastHttpClient();
  let pool: KeyedServer;
  let backup: KeyedServer;
  let time = 1_000_000;
  const env = { POOL_A: KEY_A, POOL_B: KEY_B, POOL_C: KEY_C, BACKUP_KEY: BACKUP };
  beforeEach(async () => {
    time = 1_000_000;
    pool = await startKeyedServer({ [KEY_A]: 'ok', [KEY_B]: 'ok', [KEY_C]: 'ok' }, 'from pool');
    backup = await startKeyedServer({ [BACKUP]: 'ok' }, 'from backup');
  });
  afterEach(async () => {
    await pool.close();
    await backup.close();
  });
  after(() => http.close());

  async function router(keys = ['POOL_A', 'POOL_B', 'POOL_C'], previous?: ProviderRouter, routerEnv = env) {
    const text = [
      '[[providers.openai_compat]]',
      'id = "pool"',
      `base_url = "${pool.url}"`,
      'model = "m"',
      `api_keys = [${keys.map((name) => `"\${env:${name}}"`).join(', ')}]`,
      '',
      '[[providers.openai_compat]]',
      'id = "backup"',
      `base_url = "${backup.url}"`,
      'model = "m"',
      'api_key = "${env:BACKUP_KEY}"',
    ].join('\n');
    const parsed = parseConfig(text, 'skynet.toml', routerEnv);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
    return buildRouter(parsed.config, providerDeps(http, { env: routerEnv, now: () => time }), { previous });
  }

  it('moves the same request to the next key on a 429, before failing over, and cools that key for its Retry-After', async () => {
    pool.answer(KEY_A, { status: 429, retryAfterSeconds: 30 });
    const routed = await router();
    const events = await collect(routed.streamChat(prompt));
    assert.deepEqual(pool.keysSeen(), [KEY_A, KEY_B]);
    assert.equal(backup.requests.length, 0, 'no failover to the next slot');
    const rotated = events.find((event) => event.type === 'key-rotated');
    assert.deepEqual(rotated && { ...rotated, message: undefined }, {
      type: 'key-rotated',
      slot: 'pool',
      fromKey: 1,
      toKey: 2,
      kind: 'rate-limit',
      status: 429,
      message: undefined,
    });
    assert.ok(!events.some((event) => event.type === 'failover'));
    const keys = routed.health()[0].keys!;
    assert.equal(keys[0].state, 'cooling');
    assert.equal(keys[0].coolingUntil, time + 30_000);
    assert.deepEqual(
      keys.map((key) => key.state),
      ['cooling', 'ready', 'ready'],
    );
    assert.equal(routed.health()[0].state, 'ready', 'the slot itself is fine');

    // The next request goes straight to key 2; once the Retry-After has passed, key 1 is first again.
    await routed.send(prompt);
    assert.deepEqual(pool.keysSeen().slice(2), [KEY_B]);
    pool.answer(KEY_A, 'ok');
    time += 30_001;
    await routed.send(prompt);
    assert.deepEqual(pool.keysSeen().slice(3), [KEY_A]);
  });

  it('keeps a key cooling through a rebuild, also when the user adds a key; a key whose value changed starts fresh', async () => {
    pool.answer(KEY_A, { status: 429, retryAfterSeconds: 30 });
    const first = await router(['POOL_A', 'POOL_B']);
    await first.send(prompt);
    const until = first.health()[0].keys![0].coolingUntil;

    // The user adds a third key because the first is rate-limited: the rebuilt ring still knows key 1 is cooling.
    const rebuilt = await router(['POOL_A', 'POOL_B', 'POOL_C'], first);
    assert.deepEqual(
      rebuilt.health()[0].keys!.map((key) => [key.key, key.state, key.coolingUntil]),
      [
        [1, 'cooling', until],
        [2, 'ready', undefined],
        [3, 'ready', undefined],
      ],
    );
    await rebuilt.send(prompt);
    assert.deepEqual(pool.keysSeen().slice(2), [KEY_B], 'the rebuilt router does not send the cooling key');

    // The same position now holds another key (its variable changed): nothing of the old key's health applies.
    const changed = await router(['POOL_A', 'POOL_B'], rebuilt, { ...env, POOL_A: KEY_C });
    assert.equal(changed.health()[0].keys![0].state, 'ready');
  });

  it('benches one rejected key (401) and never sends it again while another key works', async () => {
    pool.answer(KEY_A, { status: 401 });
    const routed = await router();
    const first = await routed.send(prompt);
    assert.equal(first.slot, 'pool');
    assert.equal(first.text, 'from pool');
    for (let index = 0; index < 3; index++) await routed.send(prompt);
    assert.deepEqual(pool.keysSeen(), [KEY_A, KEY_B, KEY_B, KEY_B, KEY_B]);
    const keys = routed.health()[0].keys!;
    assert.equal(keys[0].state, 'rejected');
    assert.equal(keys[0].lastError?.status, 401);
    assert.equal(routed.health()[0].authFailed, undefined, 'one bad key does not bench the slot');
  });

  it('fails over to the next slot only when every key failed, naming the last key by number in --json', async () => {
    for (const key of [KEY_A, KEY_B, KEY_C]) pool.answer(key, { status: 429, retryAfterSeconds: 5 });
    const routed = await router();
    const events = await collect(routed.streamChat(prompt));
    assert.deepEqual(pool.keysSeen(), [KEY_A, KEY_B, KEY_C]);
    assert.equal(backup.requests.length, 1);
    const failover = events.find((event) => event.type === 'failover');
    assert.equal(failover?.type === 'failover' && failover.key, 3);
    const lines = JSON.stringify(events.map(jsonLineFor).filter(Boolean));
    assert.match(lines, /"type":"failover","from":"pool","key":3/);
    assert.match(lines, /"type":"key-rotated","slot":"pool","fromKey":1,"toKey":2/);
    for (const secret of [KEY_A, KEY_B, KEY_C, '1111', '2222', '3333'])
      assert.ok(!lines.includes(secret), `no part of a key in --json: ${secret}`);

    // The slot is now cooling with every key: the next request goes to the backup slot at once.
    await routed.send(prompt);
    assert.equal(pool.keysSeen().length, 3);
    assert.equal(backup.requests.length, 2);
  });

  it('a slot whose keys all cool tries only the soonest one when nothing else is left', async () => {
    pool.answer(KEY_A, { status: 429, retryAfterSeconds: 20 });
    pool.answer(KEY_B, { status: 429, retryAfterSeconds: 10 });
    pool.answer(KEY_C, { status: 401 });
    backup.answer(BACKUP, { status: 401 });
    const routed = await router();
    await assert.rejects(routed.send(prompt));
    assert.deepEqual(pool.keysSeen(), [KEY_A, KEY_B, KEY_C]);
    // Every slot is benched now: the router tries them anyway, and the pool's ring tries only key 2 (out soonest).
    pool.answer(KEY_B, 'ok');
    time += 11_000;
    const answer = await routed.send(prompt);
    assert.equal(answer.slot, 'pool');
    assert.deepEqual(pool.keysSeen().slice(3), [KEY_B]);
  });

  it('shows a key whose variable is unset as rejected under its own number, and uses the others', async () => {
    // A registry service (not a local endpoint, where a key is optional): an unset variable leaves key 1 without a key.
    const text = `[[providers.openai_compat]]\nid = "groq"\nbase_url = "${pool.url}/v1"\nmodel = "m"\napi_keys = ["\${env:UNSET_ONE}", "\${env:POOL_B}"]\n`;
    const parsed = parseConfig(text, 'skynet.toml', env);
    assert.ok(parsed.ok);
    const routed = await buildRouter(parsed.config, providerDeps(http, { env, now: () => time }));
    assert.equal((await routed.send(prompt)).text, 'from pool');
    assert.deepEqual(pool.keysSeen(), [KEY_B]);
    const keys = routed.health()[0].keys!;
    assert.deepEqual(
      keys.map((key) => [key.key, key.state, key.hint]),
      [
        [1, 'rejected', '…'],
        [2, 'ready', '…2222'],
      ],
    );
  });
});

describe('a key ring handed over to a rebuilt router', () => {
  const client = {
    slotId: 'pool',
    streamChat: async function* () {},
    send: async () => ({}),
    listModels: async () => [],
  };
  const stored = (position: number): SlotKey => {
    const secret = secretKeys.apiKey('pool', position);
    return {
      client: client as unknown as SlotKey['client'],
      hint: `…000${position}`,
      origin: 'stored',
      identity: `pool#${position}`,
      secrets: [secret, secretKeys.allowedOrigins(secret)],
    };
  };
  const settings = { cooldownBaseMs: 1_000, cooldownMaxMs: 60_000 };
  const cooling = {
    identity: 'pool#0',
    hint: '…0000',
    strikes: 2,
    health: { key: 1, hint: '…0000', origin: 'stored' as const, state: 'cooling' as const, coolingUntil: 99_000 },
  };

  it('keeps a key’s cooldown and strikes unless that key’s own Secret Storage entries changed', () => {
    const kept = new KeyRing('pool', [stored(0), stored(1)], settings, () => 1_000);
    kept.inherit([cooling], new Set([secretKeys.apiKey('pool', 1)]));
    assert.deepEqual(
      kept.snapshot().map((key) => key.state),
      ['cooling', 'ready'],
    );
    assert.equal(kept.handover()[0].strikes, 2);

    for (const changed of [secretKeys.apiKey('pool', 0), secretKeys.allowedOrigins(secretKeys.apiKey('pool', 0))]) {
      const fresh = new KeyRing('pool', [stored(0), stored(1)], settings, () => 1_000);
      fresh.inherit([cooling], new Set([changed]));
      assert.equal(fresh.snapshot()[0].state, 'ready', `${changed} changed`);
    }
  });
});
