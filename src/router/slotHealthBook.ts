import type { RouterSettings } from '../config/types';
import type { ProviderError } from '../util/errors';
import { inheritedHealth, slotIdentity, type HandedOverSlot, type HealthHandover } from './healthHandover';
import type { KeyRing } from './keyRing';
import type { RouterSlot, SlotHealth } from './types';

interface Entry {
  health: SlotHealth;
  /** Cooldowns in a row without a success: the exponent of the backoff. */
  strikes: number;
}

/** Per-slot health: cooldowns, auth marks, last error and latency. Emits a snapshot on every change. */
export class SlotHealthBook {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(health: SlotHealth[]) => void>();

  /** Slots with several keys: their rings, whose key health each snapshot carries. */
  private readonly rings = new Map<string, KeyRing>();

  /** Slot id → identity (see `slotIdentity`), for the handover to the next book. */
  private readonly identities = new Map<string, string>();

  /** `inherited`: the health of the router this book's router replaces; the same slots keep theirs. */
  constructor(
    slots: readonly RouterSlot[],
    private readonly settings: RouterSettings,
    private readonly now: () => number,
    inherited?: HealthHandover,
  ) {
    const time = now();
    for (const slot of slots) {
      const unavailable = slot.unavailableReason !== undefined || !slot.client;
      const fresh: SlotHealth = {
        slotId: slot.config.id,
        state: unavailable ? 'unavailable' : 'ready',
        unavailableReason: unavailable ? (slot.unavailableReason ?? 'No client for this provider') : undefined,
      };
      this.identities.set(slot.config.id, slotIdentity(slot.config));
      if (slot.keys) {
        slot.keys.inherit(inherited?.slots.get(slot.config.id)?.keys, inherited?.changedSecrets);
        this.rings.set(slot.config.id, slot.keys);
        slot.keys.onDidChange(() => this.emit());
      }
      this.entries.set(slot.config.id, carryOver(fresh, inheritedHealth(slot.config, inherited), time));
    }
  }

  /** Every slot's health, identity and backoff strikes, for a router built to replace this one. */
  handover(changedSecrets?: ReadonlySet<string>): HealthHandover {
    const slots = new Map<string, HandedOverSlot>();
    for (const [slotId, entry] of this.entries) {
      slots.set(slotId, {
        identity: this.identities.get(slotId)!,
        health: { ...entry.health },
        strikes: entry.strikes,
        keys: this.rings.get(slotId)?.handover(),
      });
    }
    return { slots, changedSecrets };
  }

  snapshot(): SlotHealth[] {
    const time = this.now();
    return [...this.entries.values()].map(({ health }) => {
      const ring = this.rings.get(health.slotId);
      return ring ? { ...current(health, time), keys: ring.snapshot() } : current(health, time);
    });
  }

  /** One slot's health; reads only that slot (plan() asks for every slot, so no whole snapshot here). */
  get(slotId: string): SlotHealth | undefined {
    const entry = this.entries.get(slotId);
    return entry && current(entry.health, this.now());
  }

  /** Skipped by auto routing: cooling down, or its credentials were just rejected. */
  isBenched(slotId: string): boolean {
    const health = this.get(slotId);
    return !!health && (health.state === 'cooling' || health.authFailed === true);
  }

  coolingUntil(slotId: string): number {
    return this.entries.get(slotId)?.health.coolingUntil ?? 0;
  }

  recordSuccess(slotId: string, latencyMs: number): void {
    const entry = this.entries.get(slotId);
    if (!entry) return;
    entry.strikes = 0;
    entry.health = {
      ...entry.health,
      state: 'ready',
      coolingUntil: undefined,
      authFailed: undefined,
      failingSince: undefined,
      lastLatencyMs: latencyMs,
      lastSuccessAt: this.now(),
    };
    this.emit();
  }

  recordFailure(slotId: string, error: ProviderError): void {
    const entry = this.entries.get(slotId);
    if (!entry || error.kind === 'cancelled') return;
    const at = this.now();
    entry.health = {
      ...entry.health,
      lastError: {
        kind: error.kind,
        message: error.message,
        status: error.status,
        ...(error.code !== undefined ? { code: error.code } : {}),
        at,
      },
      failingSince: entry.health.failingSince ?? at,
    };
    if (error.kind === 'auth') entry.health.authFailed = true;
    if (error.coolsDown) {
      const backoff = Math.min(this.settings.cooldownMaxMs, this.settings.cooldownBaseMs * 2 ** entry.strikes);
      const wait =
        error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, this.settings.cooldownMaxMs) : backoff;
      entry.strikes++;
      entry.health.state = 'cooling';
      entry.health.coolingUntil = at + wait;
    }
    this.emit();
  }

  onDidChange(listener: (health: SlotHealth[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}

/**
 * A rebuilt slot's first entry: its history (last error, latency, last success) from the same slot before;
 * when it can send, also a cooldown still running, the auth mark and the backoff strikes.
 */
function carryOver(fresh: SlotHealth, previous: HandedOverSlot | undefined, time: number): Entry {
  if (!previous) return { health: fresh, strikes: 0 };
  const health: SlotHealth = { ...fresh };
  for (const field of ['lastError', 'lastLatencyMs', 'lastSuccessAt', 'failingSince'] as const) {
    if (previous.health[field] !== undefined) Object.assign(health, { [field]: previous.health[field] });
  }
  if (fresh.state === 'unavailable' || previous.health.state === 'unavailable') return { health, strikes: 0 };
  const carried = current(previous.health, time);
  if (carried.state === 'cooling') Object.assign(health, { state: 'cooling', coolingUntil: carried.coolingUntil });
  if (carried.authFailed) health.authFailed = true;
  return { health, strikes: previous.strikes };
}

/** A copy of `health` as of `time`: a cooldown that has run out reads as ready. */
function current(health: SlotHealth, time: number): SlotHealth {
  if (health.state === 'cooling' && (health.coolingUntil ?? 0) <= time) {
    return { ...health, state: 'ready', coolingUntil: undefined };
  }
  return { ...health };
}
