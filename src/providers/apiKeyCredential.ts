import { createHash } from 'node:crypto';
import { secretKeys } from '../auth/credentialStore';
import type { AnthropicSlot, ApiKeySource, AzureKeySlot, OpenAICompatSlot, OpenAISlot } from '../config/types';
import type { SlotCredential } from './descriptor';

type ApiKeySlot = AnthropicSlot | OpenAISlot | AzureKeySlot | OpenAICompatSlot;

/**
 * The credential of a slot with an `api_key`: a literal written in the file is the file's own; `${env:NAME}`
 * and a stored key are the user's, and both are bound to origins (the file chose the address, not the user).
 * A literal key enters the health identity only as a hash, so the identity never holds a secret.
 */
export function apiKeyCredential<S extends ApiKeySlot>(
  moreIdentity: (slot: S) => Record<string, unknown> = () => ({}),
): SlotCredential<S> {
  return {
    userCredential(slot, context) {
      // With several keys, the slot uses the user's credentials when any one of them is the user's.
      const users = (slot.apiKeys ?? [slot.apiKey]).find((key) => key.type !== 'literal');
      if (!users) return undefined;
      if (users.type === 'env') return `your environment variable ${users.name}`;
      // A slot with no stored key would still send whatever is stored later, or the CLI-style env fallback.
      return context.storedKeyLabel?.(slot) ?? `your ${slot.displayName} API key from Secret Storage`;
    },
    secret(slot, ownBaseUrl) {
      const destinations = [{ url: slot.baseUrl, own: ownBaseUrl ? [ownBaseUrl] : [] }];
      // A variable from the user's environment is the user's secret like a stored key: the file chose the address.
      if (slot.apiKey.type === 'env')
        return {
          secretId: `env:${slot.apiKey.name}`,
          secretLabel: `your environment variable ${slot.apiKey.name}`,
          destinations,
        };
      if (slot.apiKey.type !== 'store') return undefined;
      const { position, workspace } = slot.apiKey;
      return {
        secretId: secretKeys.apiKey(slot.id, position, workspace),
        secretLabel: `your ${slot.displayName} API key`,
        destinations,
      };
    },
    identity(slot) {
      const keys = (slot.apiKeys ?? [slot.apiKey]).map(keyIdentity);
      return { apiKey: keys.length === 1 ? keys[0] : keys, ...moreIdentity(slot) };
    },
  };
}

/** One key source as health identity: where it comes from, a literal key only as a hash. */
export function keyIdentity(key: ApiKeySource): unknown {
  return key.type === 'literal'
    ? { type: 'literal', sha256: createHash('sha256').update(key.value).digest('hex') }
    : key;
}
