import { createHash } from 'node:crypto';
import { MAX_KEYS_PER_SLOT } from '../config/readFields';
import type { ApiKeySource, SkynetConfig, SlotConfig } from '../config/types';
import { secretKeys, type CredentialStore } from './credentialStore';

/**
 * Several stored keys per slot, for all workspaces or for one. A slot's keys sit at consecutive positions
 * (`skynet.apiKey.<slot>`, `…#2`, `…#3`; a workspace's at `…@<scope>`, `…@<scope>#2`), at most MAX_KEYS_PER_SLOT.
 * A window reads only its own workspace's scope, so a key stored for workspace A is never read, let alone sent,
 * from workspace B.
 */

/** Where a stored key lives: all workspaces (`undefined`), or one workspace's scope. */
export type KeyScope = string | undefined;

/**
 * The scope of one workspace: a hash of its identity (the `.code-workspace` file's URI for a saved multi-root
 * workspace, the folder's URI for a single folder; see `src/host/workspaceKeyScope.ts`), so a secret's name holds no path.
 */
export function workspaceKeyScope(identity: string): string {
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}

/** The stored keys of a slot in one scope, in order (reads stop at the first gap). */
export async function readStoredKeys(credentials: CredentialStore, slotId: string, scope: KeyScope): Promise<string[]> {
  const keys: string[] = [];
  for (let position = 0; position < MAX_KEYS_PER_SLOT; position++) {
    const value = await credentials.get(secretKeys.apiKey(slotId, position, scope));
    if (!value) break;
    keys.push(value);
  }
  return keys;
}

/** Adds a key after the scope's others; false when the slot already holds the most keys it may. */
export async function addStoredKey(
  credentials: CredentialStore,
  slotId: string,
  scope: KeyScope,
  value: string,
): Promise<boolean> {
  const count = (await readStoredKeys(credentials, slotId, scope)).length;
  if (count >= MAX_KEYS_PER_SLOT) return false;
  await credentials.set(secretKeys.apiKey(slotId, count, scope), value);
  return true;
}

/** Replaces every key of the scope with this one. */
export async function replaceStoredKeys(
  credentials: CredentialStore,
  slotId: string,
  scope: KeyScope,
  value: string,
): Promise<void> {
  const count = (await readStoredKeys(credentials, slotId, scope)).length;
  for (let position = count - 1; position >= 1; position--)
    await credentials.delete(secretKeys.apiKey(slotId, position, scope));
  await credentials.set(secretKeys.apiKey(slotId, 0, scope), value);
}

/** Removes one key (0-based position); the later keys move up, so positions stay without gaps. */
export async function removeStoredKey(
  credentials: CredentialStore,
  slotId: string,
  scope: KeyScope,
  position: number,
): Promise<void> {
  const keys = await readStoredKeys(credentials, slotId, scope);
  if (position < 0 || position >= keys.length) return;
  for (let index = position; index < keys.length - 1; index++)
    await credentials.set(secretKeys.apiKey(slotId, index, scope), keys[index + 1]);
  await credentials.delete(secretKeys.apiKey(slotId, keys.length - 1, scope));
}

/** Removes every key of the scope. */
export async function clearStoredKeys(credentials: CredentialStore, slotId: string, scope: KeyScope): Promise<void> {
  const count = (await readStoredKeys(credentials, slotId, scope)).length;
  for (let position = count - 1; position >= 0; position--)
    await credentials.delete(secretKeys.apiKey(slotId, position, scope));
}

/**
 * A slot that keeps its key in the credential store, with every stored key it has: the workspace's own keys when
 * it has any (they win in their workspace), else the keys for all workspaces. Other slots as they are.
 */
export async function withStoredKeysOfSlot(
  slot: SlotConfig,
  credentials: CredentialStore,
  workspace: KeyScope,
): Promise<SlotConfig> {
  if (!('apiKey' in slot) || slot.apiKey.type !== 'store' || slot.apiKeys) return slot;
  const own = workspace ? await readStoredKeys(credentials, slot.id, workspace) : [];
  const scope = own.length > 0 ? workspace : undefined;
  const count = own.length > 0 ? own.length : (await readStoredKeys(credentials, slot.id, undefined)).length;
  if (count === 0) return slot;
  const base = slot.apiKey;
  const keys: ApiKeySource[] = Array.from({ length: count }, (_, position) => ({
    ...base,
    ...(position > 0 ? { position } : {}),
    ...(scope ? { workspace: scope } : {}),
  }));
  return { ...slot, apiKey: keys[0], ...(keys.length > 1 ? { apiKeys: keys } : {}) } as SlotConfig;
}

/** Every slot of the config with its stored keys (see `withStoredKeysOfSlot`); read once per router build. */
export async function withStoredKeys(
  config: SkynetConfig,
  credentials: CredentialStore,
  workspace: KeyScope,
): Promise<SkynetConfig> {
  return {
    ...config,
    slots: await Promise.all(config.slots.map((slot) => withStoredKeysOfSlot(slot, credentials, workspace))),
  };
}

/** A slot once per key it has (itself when it has one key): how each key is built, guarded and approved. */
export function slotPerKey(slot: SlotConfig): SlotConfig[] {
  if (!('apiKeys' in slot) || !slot.apiKeys || slot.apiKeys.length < 2) return [slot];
  return slot.apiKeys.map((apiKey) => ({ ...slot, apiKey, apiKeys: undefined }) as SlotConfig);
}
