// What a slot's health says to people: the state the router acts on, never a stale "ready" or latency.
// No VS Code API here, so every state is unit-tested in plain Node.
import type { SlotHealth } from '../../router/types';

/**
 * The state the router acts on:
 * ready (tried in order), failing / unreachable (its last request failed and no success since; still tried),
 * cooling (skipped until the cooldown ends), benched (its credentials were rejected; skipped until they change or a
 * request through it succeeds), unavailable (never tried: no key, untrusted workspace…).
 */
export type SlotStateLabel = 'ready' | 'failing' | 'unreachable' | 'cooling' | 'benched' | 'unavailable' | 'unknown';

const UNREACHABLE_KINDS: ReadonlySet<string> = new Set(['network', 'timeout']);

export function slotStateOf(health: SlotHealth | undefined): SlotStateLabel {
  if (!health) return 'unknown';
  if (health.state === 'unavailable') return 'unavailable';
  if (health.state === 'cooling') return 'cooling';
  if (health.authFailed) return 'benched';
  if (health.failingSince !== undefined && health.lastError)
    return UNREACHABLE_KINDS.has(health.lastError.kind) ? 'unreachable' : 'failing';
  return 'ready';
}

/** 24-hour local clock time, "20:41:05": stays true in a view that is not redrawn every second. */
export function clockTime(epochMs: number): string {
  const date = new Date(epochMs);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

/**
 * One line of health: "ready · 412 ms", "unreachable since 20:41:05 · Connection refused",
 * "cooling until 20:41:35 · rate limited since 20:41:05: HTTP 429", "benched since …", "unavailable: reason".
 * The latency shows only while it is current (no failure since the success it measured). `shown` formats the parts
 * that came from a server or the file (error message, reason): `markdownText` where the line is Markdown.
 */
export function describeHealth(
  health: SlotHealth | undefined,
  shown: (text: string) => string = (text) => text,
): string {
  const state = slotStateOf(health);
  if (!health || state === 'unknown') return 'unknown';
  if (state === 'unavailable')
    return `unavailable: ${health.unavailableReason === undefined ? 'unknown reason' : shown(health.unavailableReason)}`;
  const error = health.lastError;
  const since = health.failingSince ?? error?.at;
  const failure = error ? shown(error.message) : '';
  switch (state) {
    case 'cooling':
      return `cooling until ${clockTime(health.coolingUntil ?? 0)}${error ? ` · failing since ${clockTime(since ?? error.at)}: ${failure}` : ''}`;
    case 'benched':
      return `benched since ${clockTime(since ?? 0)}: credentials rejected${error ? ` · ${failure}` : ''}`;
    case 'failing':
    case 'unreachable':
      return `${state} since ${clockTime(since ?? 0)} · ${failure}`;
    default: {
      const current =
        health.lastLatencyMs !== undefined && (error === undefined || (health.lastSuccessAt ?? 0) >= error.at);
      return current ? `ready · ${health.lastLatencyMs} ms` : 'ready';
    }
  }
}
