import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { MemoryCredentialStore } from '../../../src/auth/credentialStore';
import { DEFAULT_ROUTER_SETTINGS, type OpenAICompatSlot, type RouterSettings } from '../../../src/config/types';
import type { ChatRequest } from '../../../src/providers/types';
import { buildRouter } from '../../../src/router/buildRouter';
import type { RoutedEvent } from '../../../src/router/types';
import { ProviderError } from '../../../src/util/errors';
import { createHttpClient, type HttpClient } from '../../../src/util/http';
import { createLogger } from '../../../src/util/logger';
import { Redactor } from '../../../src/util/redact';
import type { FaultId } from './faults';
import { eventually } from '../../fakes/fakeServer';
import { SOURCE, type Family } from './family';
import { HEALTHY_TEXT, withFaultScene, type FaultScene } from './faultScene';
import { allSecrets, findLeaks } from './secrets';

/** Small timeouts: a stall costs a few hundred milliseconds, and the test's own timeout catches a hang. */
/** A 3 s first cooldown: well below the 7 s Retry-After case, so the two are told apart even on a slow machine. */
export const FAULT_SETTINGS: RouterSettings = {
  ...DEFAULT_ROUTER_SETTINGS,
  connectTimeoutMs: 300,
  firstByteTimeoutMs: 300,
  idleTimeoutMs: 200,
  cooldownBaseMs: 3000,
};

export const REQUEST: ChatRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Say something.' }] }],
};

export function healthySlot(baseUrl: string, id = 'healthy'): OpenAICompatSlot {
  return {
    id,
    kind: 'openai-compat',
    displayName: 'Healthy',
    model: 'healthy-model',
    baseUrl,
    source: SOURCE,
    apiKey: { type: 'literal', value: 'healthy-key-not-secret' },
    chatPath: '/chat/completions',
    freeTier: false,
    local: false,
    supportsStreamOptions: true,
  };
}

export interface CaseReport {
  events: RoutedEvent[];
  error?: unknown;
  logLines: string[];
}

function textOf(events: RoutedEvent[]): string {
  return events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
}

function causeChain(error: unknown): string[] {
  const messages: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 6; current = current.cause, depth++)
    messages.push(String(current), current.stack ?? '');
  return messages;
}

/**
 * One fault case: the faulty slot FIRST, a healthy OpenAI-compatible slot SECOND, through the real router
 * built by buildRouter. Checks the outcome, that every socket closes, and that nothing written leaks a secret.
 */
export async function runFaultCase(family: Family, faultId: FaultId): Promise<CaseReport> {
  return withFaultScene(family, faultId, async (scene) => {
    const http = createHttpClient({
      connectTimeoutMs: FAULT_SETTINGS.connectTimeoutMs,
      firstByteTimeoutMs: FAULT_SETTINGS.firstByteTimeoutMs,
      idleTimeoutMs: FAULT_SETTINGS.idleTimeoutMs,
    });
    try {
      return await routeThroughFault(family, scene, http);
    } finally {
      await http.close();
    }
  });
}

async function routeThroughFault(
  family: Family,
  { fault, wire, setup, faulty, healthy, dir, openAnswers }: FaultScene,
  http: HttpClient,
): Promise<CaseReport> {
  const logLines: string[] = [];
  const redactor = new Redactor();
  for (const secret of setup.knownSecrets) redactor.add(secret);
  const report: CaseReport = { events: [], logLines };
  const logger = createLogger((_level, line) => logLines.push(line), redactor);
  const deps = {
    http,
    logger,
    credentials: new MemoryCredentialStore(),
    env: {},
    now: () => Date.now(),
    homeDir: dir,
    ...setup.deps,
  };
  const slotId = setup.slot.id;
  const router = await buildRouter(
    {
      file: path.join(dir, 'skynet.toml'),
      slots: [setup.slot, healthySlot(healthy.url)],
      router: FAULT_SETTINGS,
      fromEnvironment: false,
    },
    deps,
  );
  assert.equal(router.slots[0].unavailableReason, undefined, `the ${family.label} slot is usable before the fault`);

  const controller = new AbortController();
  try {
    for await (const event of router.streamChat(REQUEST, { signal: controller.signal })) {
      report.events.push(event);
      if (fault.outcome === 'cancel' && event.type === 'text-delta') controller.abort();
    }
  } catch (error) {
    report.error = error;
  }
  const { events, error } = report;
  const failovers = events.flatMap((event) => (event.type === 'failover' ? [event] : []));
  const finish = events.find((event) => event.type === 'finish') as { slot?: string } | undefined;

  if (fault.outcome === 'failover') {
    assert.equal(error, undefined, `the healthy slot should have answered, got ${String(error)}`);
    assert.equal(failovers.length, 1, 'exactly one failover');
    const [failover] = failovers;
    assert.equal(failover.from, slotId, 'the failover names the faulty slot');
    assert.ok(
      fault.kinds.includes(failover.kind),
      `failover kind ${failover.kind}, expected one of ${fault.kinds.join('/')}: ${failover.message}`,
    );
    if (fault.status !== undefined) assert.equal(failover.status, fault.status);
    assert.match(failover.message, fault.cause, 'the failover says why');
    assert.equal(finish?.slot, 'healthy');
    assert.equal(textOf(events), HEALTHY_TEXT);
    const health = router.health().find((entry) => entry.slotId === slotId);
    if (fault.coolsDown) {
      assert.equal(health?.state, 'cooling', 'a rate-limited or overloaded slot cools down');
      if (fault.retryAfterMs !== undefined) {
        const left = (health?.coolingUntil ?? 0) - Date.now();
        assert.ok(
          left > FAULT_SETTINGS.cooldownBaseMs + 1000 && left <= fault.retryAfterMs,
          `cooling for Retry-After, not the default backoff (${left} ms left)`,
        );
      }
      // The next request goes straight to the healthy slot: the cooling one is not asked at all.
      const asked = faulty.requests.length;
      const next: RoutedEvent[] = [];
      for await (const event of router.streamChat(REQUEST)) next.push(event);
      assert.equal(faulty.requests.length, asked, 'a cooling slot gets no request');
      assert.deepEqual(
        next.filter((event) => event.type === 'failover'),
        [],
        'no failover: the cooling slot is skipped',
      );
      assert.equal(textOf(next), HEALTHY_TEXT);
    }
  } else if (fault.outcome === 'surface') {
    assert.ok(error instanceof ProviderError, `expected the slot's ProviderError, got ${String(error)}`);
    assert.equal(error.name, 'ProviderError', 'the slot error itself, not an all-slots-failed summary');
    assert.equal(error.slot, slotId, 'the error names the slot');
    assert.ok(
      fault.kinds.includes(error.kind),
      `error kind ${error.kind}, expected one of ${fault.kinds.join('/')}: ${error.message}`,
    );
    assert.match(error.message, fault.cause, 'the error says why');
    assert.equal(failovers.length, 0, 'no failover after output');
    const text = textOf(events);
    assert.ok(text.length > 0, 'the partial answer reached the caller');
    assert.ok(
      wire.text.startsWith(text) && text.length < wire.text.length,
      `partial text is a strict prefix of the answer: ${JSON.stringify(text)}`,
    );
    assert.equal(healthy.requests.length, 0, 'nothing is sent to the next slot after output');
  } else if (fault.outcome === 'cancel') {
    assert.ok(
      error instanceof ProviderError && error.kind === 'cancelled',
      `expected a cancelled error, got ${String(error)}`,
    );
    assert.equal(failovers.length, 0, 'no failover after a cancel');
    assert.ok(
      textOf(events).length > 0 && wire.text.startsWith(textOf(events)),
      'the words before the cancel were delivered',
    );
    assert.equal(healthy.requests.length, 0, 'a cancel is not retried elsewhere');
    // Before the HTTP client is closed: the abort itself closes the connection the answer was on.
    await eventually(() => openAnswers.size === 0, 2000, 'the server sees the cancelled answer closed');
  } else {
    assert.equal(error, undefined, `the slot should have answered after one refresh, got ${String(error)}`);
    assert.equal(failovers.length, 0, 'no failover: the slot renews its token itself');
    assert.equal(finish?.slot, slotId);
    assert.equal(textOf(events), wire.text);
  }
  setup.verify?.();

  const written = [
    ...logLines.map((line, index) => ({ where: `log line ${index}`, text: line })),
    ...failovers.map((failover) => ({ where: 'failover event', text: JSON.stringify(failover) })),
    ...causeChain(error).map((text) => ({ where: 'error', text })),
    ...(error instanceof ProviderError ? [{ where: 'error JSON', text: JSON.stringify(error) }] : []),
  ];
  assert.deepEqual(findLeaks(written, [...allSecrets(), ...setup.knownSecrets]), [], 'no secret in anything written');
  return report;
}
