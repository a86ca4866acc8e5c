import { createHash } from 'node:crypto';
import { secretKeys } from '../auth/credentialStore';
import type { ApiKeySource, SlotConfig } from '../config/types';
import { slotCredentialOf } from '../providers/descriptors';
import type { HandedOverKey } from './keyRing';
import type { SlotHealth } from './types';

/** One slot's health as a router hands it over, with the identity it was earned under. */
export interface HandedOverSlot {
  identity: string;
  health: SlotHealth;
  /** Cooldowns in a row without a success (the backoff exponent). */
  strikes: number;
  /** A slot with several keys: each key's own health, which survives changes to the slot's other keys. */
  keys?: HandedOverKey[];
}

/**
 * What a router hands to the one built to replace it (VS Code rebuilds on every skynet.toml save and
 * Secret Storage change): each slot's health, keyed by slot id. Plain data; the old router keeps working.
 */
export interface HealthHandover {
  slots: ReadonlyMap<string, HandedOverSlot>;
  /** Secret Storage keys written or deleted since the old router was built: their slots start fresh. */
  changedSecrets?: ReadonlySet<string>;
}

/**
 * Whether two slots with the same id are the same slot, as far as health goes: the same kind, endpoint
 * (base URL and chat path), model and credentials (where the key or token comes from, and a literal key's
 * value). A cooldown or a rejected key earned under one of these says nothing once it changed: the user may
 * just have fixed the problem. Everything else (display name, free-tier flag, where in the file the slot is
 * written, router timeouts, other slots) is not identity, and an edit there keeps the health.
 * A literal key enters only as a hash, so the identity string never holds a secret.
 */
export function slotIdentity(slot: SlotConfig): string {
  // Headers and query may hold literal credentials: they enter as a hash, like a literal key.
  const extras =
    slot.headers || slot.query
      ? {
          extras: createHash('sha256')
            .update(JSON.stringify([slot.headers, slot.query]))
            .digest('hex'),
        }
      : {};
  return JSON.stringify({
    kind: slot.kind,
    baseUrl: slot.baseUrl,
    model: slot.model,
    ...slotCredentialOf(slot).identity(slot),
    ...extras,
  });
}

/**
 * The Secret Storage keys whose change means a slot's credentials may have changed (key, token, approved origins):
 * every stored key the slot reads (its 2nd, 3rd…, or its workspace's own), not only the first.
 */
export function secretKeysOfSlot(slot: SlotConfig): string[] {
  const keys = [secretKeys.apiKey(slot.id), secretKeys.githubToken(slot.id)];
  const all = [...keys, ...keys.map((key) => secretKeys.allowedOrigins(key))];
  if ('apiKey' in slot) all.push(...(slot.apiKeys ?? [slot.apiKey]).flatMap((key) => secretKeysOfKey(slot.id, key)));
  if (slot.kind === 'copilot' && slot.tokenPath) all.push(secretKeys.allowedOrigins(`file:${slot.tokenPath}`));
  return [...new Set(all)];
}

/** The Secret Storage entries one key of a slot reads (its value and its approved origins); none for a key from the file or the environment. */
export function secretKeysOfKey(slotId: string, key: ApiKeySource): string[] {
  if (key.type !== 'store') return [];
  const stored = secretKeys.apiKey(slotId, key.position, key.workspace);
  return [stored, secretKeys.allowedOrigins(stored)];
}

/** What the old router knew about this slot, when it is still the same slot (same id and identity) and no secret of it changed. */
export function inheritedHealth(slot: SlotConfig, handover: HealthHandover | undefined): HandedOverSlot | undefined {
  const previous = handover?.slots.get(slot.id);
  if (!previous || previous.identity !== slotIdentity(slot)) return undefined;
  const changed = handover?.changedSecrets;
  if (changed && secretKeysOfSlot(slot).some((key) => changed.has(key))) return undefined;
  return previous;
}
