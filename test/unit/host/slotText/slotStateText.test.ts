import * as assert from 'node:assert/strict';
import { clockTime, describeHealth, slotStateOf } from '../../../../src/host/slotText/slotStateText';
import type { SlotHealth } from '../../../../src/router/types';

const at = new Date(2026, 11, 5, 20, 41, 5).getTime();
const refused = { kind: 'network' as const, message: 'Connection refused', at };

describe('slot state text (what the router acts on)', () => {
  it('a slot whose last request failed is "unreachable"/"failing" since its first failure, not "ready", and drops the stale latency', () => {
    const health: SlotHealth = {
      slotId: 'a',
      state: 'ready',
      lastLatencyMs: 412,
      lastSuccessAt: at - 60_000,
      lastError: refused,
      failingSince: at - 5_000,
    };
    assert.equal(slotStateOf(health), 'unreachable');
    assert.equal(describeHealth(health), `unreachable since ${clockTime(at - 5_000)} · Connection refused`);
    const server = { ...health, lastError: { kind: 'server' as const, message: 'HTTP 500', at } };
    assert.equal(describeHealth(server), `failing since ${clockTime(at - 5_000)} · HTTP 500`);
  });

  it('ready shows the latency only while it is current', () => {
    assert.equal(
      describeHealth({ slotId: 'a', state: 'ready', lastLatencyMs: 412, lastSuccessAt: at }),
      'ready · 412 ms',
    );
    // An old error followed by a success: ready, with the fresh latency, and the old error no longer shown.
    assert.equal(
      describeHealth({ slotId: 'a', state: 'ready', lastLatencyMs: 90, lastSuccessAt: at + 1, lastError: refused }),
      'ready · 90 ms',
    );
    assert.equal(describeHealth({ slotId: 'a', state: 'ready' }), 'ready');
  });

  it('cooling says until when and why; benched (credentials rejected) says since when; unavailable says why', () => {
    const cooling: SlotHealth = {
      slotId: 'a',
      state: 'cooling',
      coolingUntil: at + 30_000,
      failingSince: at,
      lastError: { kind: 'rate-limit', message: 'HTTP 429', at },
    };
    assert.equal(slotStateOf(cooling), 'cooling');
    assert.equal(
      describeHealth(cooling),
      `cooling until ${clockTime(at + 30_000)} · failing since ${clockTime(at)}: HTTP 429`,
    );
    const benched: SlotHealth = {
      slotId: 'a',
      state: 'ready',
      authFailed: true,
      failingSince: at,
      lastError: { kind: 'auth', message: 'HTTP 401', at },
    };
    assert.equal(slotStateOf(benched), 'benched');
    assert.equal(describeHealth(benched), `benched since ${clockTime(at)}: credentials rejected · HTTP 401`);
    assert.equal(
      describeHealth({ slotId: 'a', state: 'unavailable', unavailableReason: 'No API key for a' }),
      'unavailable: No API key for a',
    );
    assert.equal(describeHealth(undefined), 'unknown');
  });

  it('clockTime is a 24-hour local time', () => {
    assert.equal(clockTime(at), '20:41:05');
  });
});
