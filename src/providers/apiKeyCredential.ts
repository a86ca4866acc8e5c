import { createHash } from 'node:crypto';
import { secretKeys } from '../auth/credentialStore';
import type { AnthropicSlot, OpenAICompatSlot, OpenAISlot } from '../config/types';
import type { SlotCredential } from './descriptor';

type ApiKeySlot = AnthropicSlot | OpenAISlot | OpenAICompatSlot;

/**
 * The credential of a slot with an `api_key`: a literal written in the file is the file's own; `${env:NAME}`
 * and a stored key are the user's. Only a stored key is bound to origins (the others are the file's choice).
 * A literal key enters the health identity only as a hash, so the identity never holds a secret.
 */
export function apiKeyCredential<S extends ApiKeySlot>(moreIdentity: (slot: S) => Record<string, unknown> = () => ({})): SlotCredential<S> {
  return {
    userCredential(slot) {
      if (slot.apiKey.type === 'literal') return undefined;
      if (slot.apiKey.type === 'env') return `your environment variable ${slot.apiKey.name}`;
      // A slot with no stored key would still send whatever is stored later, or the CLI-style env fallback.
      return `your ${slot.displayName} API key from Secret Storage`;
    },
    secret(slot, ownBaseUrl) {
      if (slot.apiKey.type !== 'store') return undefined;
      return { secretId: secretKeys.apiKey(slot.id), secretLabel: `your ${slot.displayName} API key`, destinations: [{ url: slot.baseUrl, own: ownBaseUrl ? [ownBaseUrl] : [] }] };
    },
    identity(slot) {
      const key = slot.apiKey;
      return { apiKey: key.type === 'literal' ? { type: 'literal', sha256: createHash('sha256').update(key.value).digest('hex') } : key, ...moreIdentity(slot) };
    },
  };
}
