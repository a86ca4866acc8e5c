import { findApiKey } from '../auth/apiKey';
import { slotPerKey } from '../auth/storedKeys';
import type { ApiKeySource, RouterSettings, SlotConfig } from '../config/types';
import { keyIdentity } from '../providers/apiKeyCredential';
import type { ProviderDeps } from '../providers/types';
import { ProviderError } from '../util/errors';
import { secretKeysOfKey } from './healthHandover';
import { KeyRing, type SlotKey } from './keyRing';
import type { RouterSlot } from './types';

/** Keys shorter than this show no characters at all in the tree: four would be too much of them. */
const SHORTEST_HINTED_KEY = 12;

/** `…abcd` for a long enough key, `…` otherwise: the only part of a key that is ever shown. */
export function keyHint(value: string | undefined): string {
  return value && value.length >= SHORTEST_HINTED_KEY ? `…${value.slice(-4)}` : '…';
}

export function keyOrigin(source: ApiKeySource): SlotKey['origin'] {
  if (source.type === 'literal') return 'file';
  if (source.type === 'env') return 'env';
  return source.workspace ? 'workspace' : 'stored';
}

/**
 * A slot with several keys: each key is built as the slot with that key alone (`build`), so its client, origin
 * guard and trust are exactly a one-key slot's, and the ring rotates between them. A key that cannot work (its
 * variable unset) keeps its number and starts rejected with the reason, so `key: 2` always means the second key listed.
 */
export async function buildKeyedSlot(
  slot: SlotConfig & { apiKeys: readonly ApiKeySource[] },
  deps: ProviderDeps,
  settings: Pick<RouterSettings, 'cooldownBaseMs' | 'cooldownMaxMs'>,
  build: (slot: SlotConfig) => Promise<RouterSlot>,
): Promise<RouterSlot> {
  const built = await Promise.all(slotPerKey(slot).map(build));
  if (built.every((one) => !one.client)) return { ...built[0], config: slot };
  const keys = await Promise.all(
    built.map(async (one, index): Promise<SlotKey> => {
      const source = slot.apiKeys[index];
      const hint = keyHint(await findApiKey(slot.id, source, deps).catch(() => undefined));
      if (one.client) {
        const identity = JSON.stringify({ kind: slot.kind, baseUrl: slot.baseUrl, key: keyIdentity(source) });
        return {
          client: one.client,
          hint,
          origin: keyOrigin(source),
          identity,
          secrets: secretKeysOfKey(slot.id, source),
        };
      }
      const reason = one.unavailableReason ?? 'unavailable';
      return {
        client: unusableClient(slot.id, index + 1, reason),
        hint,
        origin: keyOrigin(source),
        unavailable: reason,
      };
    }),
  );
  const ring = new KeyRing(slot.id, keys, settings, deps.now);
  return { config: slot, client: ring.asClient(), keys: ring };
}

/** The client of a key that cannot work: it says why, as a rejected key (the ring never tries it while another is ready). */
function unusableClient(slotId: string, key: number, reason: string): SlotKey['client'] {
  const fail = (): never => {
    throw new ProviderError({ kind: 'auth', slot: slotId, code: 'missing-key', message: `key ${key}: ${reason}` });
  };
  return {
    slotId,
    streamChat: async function* () {
      fail();
    },
    send: async () => fail(),
    listModels: async () => fail(),
  };
}
