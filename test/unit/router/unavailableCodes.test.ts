import * as assert from 'node:assert/strict';
import { MemoryCredentialStore, secretKeys } from '../../../src/auth/credentialStore';
import { DEFAULT_ROUTER_SETTINGS, type SlotConfig } from '../../../src/config/types';
import { providerModules } from '../../../src/providers';
import type { ProviderDeps } from '../../../src/providers/types';
import { buildRouterSlot } from '../../../src/router/buildRouter';
import { ProviderRouter } from '../../../src/router/router';
import { AllSlotsFailedError } from '../../../src/router/routerError';
import type { RouterSlot } from '../../../src/router/types';
import { ProviderError } from '../../../src/util/errors';
import { createHttpClient } from '../../../src/util/http';
import { silentLogger } from '../../../src/util/logger';
import { ScriptedClient, answer, failure, routerSlot, slotConfig, type ScriptStep } from '../../fakes/scriptedClient';

const prompt = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'q' }] }] };

async function failed(router: ProviderRouter, slotId?: string): Promise<AllSlotsFailedError> {
  try {
    for await (const event of router.streamChat(prompt, { slotId })) void event;
  } catch (error) {
    assert.ok(error instanceof AllSlotsFailedError, String(error));
    return error;
  }
  assert.fail('the request did not fail');
}

describe('unavailable and attempt codes', () => {
  const http = createHttpClient();
  after(() => http.close());
  const deps: ProviderDeps = {
    http,
    logger: silentLogger,
    credentials: new MemoryCredentialStore({}),
    env: {},
    now: Date.now,
    homeDir: '/tmp',
  };

  it('buildRouterSlot sets a code next to every unavailable reason', async () => {
    const untrusted = await buildRouterSlot(slotConfig('groq'), deps, {
      withheld: new Map([['groq', 'workspace not trusted: no']]),
    });
    assert.deepEqual(
      [untrusted.unavailableReason, untrusted.unavailableCode],
      ['workspace not trusted: no', 'untrusted-workspace'],
    );

    const nokey = await buildRouterSlot(slotConfig('nokey'), deps);
    assert.ok(nokey.unavailableReason && !nokey.client);
    assert.equal(nokey.unavailableCode, 'needs-credentials');

    const unknown = await buildRouterSlot({ ...slotConfig('odd'), kind: 'telepathy' } as unknown as SlotConfig, deps);
    assert.match(unknown.unavailableReason!, /not available in this build/);
    assert.equal(unknown.unavailableCode, 'unsupported');

    const original = providerModules['openai-compat'];
    providerModules['openai-compat'] = {
      create() {
        throw new Error('the client would not start');
      },
    };
    try {
      const broken = await buildRouterSlot(slotConfig('broken'), deps);
      assert.deepEqual(
        [broken.unavailableReason, broken.unavailableCode],
        ['the client would not start', 'failed-to-start'],
      );
    } finally {
      providerModules['openai-compat'] = original;
    }

    const stored = await buildRouterSlot(slotConfig('stored'), {
      ...deps,
      credentials: new MemoryCredentialStore({ [secretKeys.apiKey('stored')]: 'sk-1' }),
    });
    assert.ok(stored.client);
    assert.deepEqual(
      [stored.unavailableReason, stored.unavailableCode],
      [undefined, undefined],
      'a usable slot has neither',
    );
  });

  it('the router carries the unavailable code, the request error code, and why a benched slot was skipped', async () => {
    const refusal = new ProviderError({
      kind: 'auth',
      slot: 'refused',
      code: 'origin-not-approved',
      message: 'not sent there until you approve',
    });
    const last: ScriptStep[] = answer('ok');
    const slots: RouterSlot[] = [
      {
        config: slotConfig('untrusted'),
        unavailableReason: 'workspace not trusted: x',
        unavailableCode: 'untrusted-workspace',
      },
      { config: slotConfig('nokey'), unavailableReason: 'No API key for nokey', unavailableCode: 'needs-credentials' },
      routerSlot(new ScriptedClient('refused', [refusal])),
      routerSlot(new ScriptedClient('rejected', [failure('rejected', 'auth', 401)])),
      routerSlot(new ScriptedClient('limited', [failure('limited', 'rate-limit', 429, 60_000)])),
      routerSlot(new ScriptedClient('last', last)),
    ];
    const router = new ProviderRouter(slots, { settings: DEFAULT_ROUTER_SETTINGS, now: () => 1_000_000 });
    const first = (await router.send(prompt)).slot;
    assert.equal(first, 'last');
    // The request errors, through an AllSlotsFailedError: the ProviderError's code, none when it had none.
    last.splice(0, last.length, failure('last', 'server', 502));
    const error = await failed(router);
    assert.deepEqual(
      error.attempts.map((attempt) => [attempt.slot, attempt.kind, attempt.code]),
      [
        ['untrusted', 'skipped', 'untrusted-workspace'],
        ['nokey', 'skipped', 'needs-credentials'],
        ['refused', 'skipped', 'origin-not-approved'],
        ['rejected', 'skipped', 'credentials-rejected'],
        ['limited', 'skipped', 'cooling'],
        ['last', 'server', undefined],
      ],
    );
    assert.ok(!('code' in error.attempts[5]), 'no code key when the error had none');
    assert.match(
      error.message,
      /refused: credentials rejected \(not sent there until you approve\); rejected: credentials rejected \(auth \(HTTP 401\)\); limited: cooling down for 60s/,
    );

    const fresh = new ProviderRouter(
      [
        routerSlot(new ScriptedClient('refused', [refusal])),
        routerSlot(new ScriptedClient('next', [failure('next', 'server', 500)])),
      ],
      {
        settings: DEFAULT_ROUTER_SETTINGS,
      },
    );
    const refusedNow = await failed(fresh);
    assert.deepEqual(
      refusedNow.attempts.map((attempt) => [attempt.slot, attempt.kind, attempt.code]),
      [
        ['refused', 'auth', 'origin-not-approved'],
        ['next', 'server', undefined],
      ],
    );

    const pinned = await failed(router, 'untrusted');
    assert.deepEqual(pinned.attempts, [
      { slot: 'untrusted', kind: 'skipped', message: 'workspace not trusted: x', code: 'untrusted-workspace' },
    ]);
  });
});
