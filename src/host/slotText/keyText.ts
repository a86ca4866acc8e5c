// How the Slots tree names a slot's keys: by number, the last four characters at most, where the key comes from and
// its state. No VS Code API here, so it is unit-tested in plain Node. No other part of a key ever reaches the UI.
import type { SlotConfig } from '../../config/types';
import type { KeyHealth } from '../../router/types';
import { clockTime } from './slotStateText';
import { markdownText } from './slotNames';

const ORIGIN_TEXT: Record<KeyHealth['origin'], string> = {
  file: 'written in skynet.toml',
  env: 'from the environment',
  stored: 'Secret Storage, all workspaces',
  workspace: 'Secret Storage, this workspace only',
};

/** Which key a one-key slot uses, for its tooltip: this workspace's own, the one for all workspaces, a variable, the file's. */
export function keySourceText(slot: SlotConfig): string | undefined {
  if (!('apiKey' in slot)) return undefined;
  const key = slot.apiKey;
  if (key.type === 'literal') return 'API key written in skynet.toml';
  if (key.type === 'env') return `API key from the environment variable ${key.name}`;
  return key.workspace
    ? 'API key for this workspace only (Secret Storage)'
    : 'API key for all workspaces (Secret Storage)';
}

/** One key's state in words: ready, cooling until a time (and why), or rejected (and why). */
export function keyStateText(key: KeyHealth): string {
  if (key.state === 'cooling')
    return `cooling until ${clockTime(key.coolingUntil ?? 0)}${key.lastError?.status ? ` (${key.lastError.status})` : ''}`;
  if (key.state === 'rejected') return `rejected${key.lastError ? `: ${key.lastError.message}` : ''}`;
  return 'ready';
}

/** A key as a tree row: `key 2 …abcd`, its state, and a tooltip with where it comes from. */
export function keyRowText(key: KeyHealth): { label: string; description: string; tooltip: string } {
  return {
    label: `key ${key.key} ${key.hint}`,
    description: keyStateText(key),
    tooltip: `Key ${key.key} (${markdownText(key.hint)}), ${ORIGIN_TEXT[key.origin]}: ${markdownText(keyStateText(key))}`,
  };
}

/** The tooltip lines of a slot's keys (several keys), or of the one key it uses. */
export function keysTooltip(slot: SlotConfig, keys: readonly KeyHealth[] | undefined): string | undefined {
  if (!keys || keys.length === 0) {
    const source = keySourceText(slot);
    return source && markdownText(source);
  }
  return [
    `${keys.length} API keys, tried in order (a 429 cools a key, a 401/403 rejects it):`,
    ...keys.map((key) => `- ${keyRowText(key).tooltip}`),
  ].join('\n');
}
