import type { ApiKeySource } from '../config/types';
import { ProviderError } from '../util/errors';
import { envVarForSlot, secretKeys, type CredentialStore } from './credentialStore';

export interface ApiKeyContext {
  credentials: CredentialStore;
  env: Readonly<Record<string, string | undefined>>;
}

/** Reads a slot's key where its config says it lives. Read per request, so a changed key needs no rebuild. */
export async function findApiKey(
  slotId: string,
  source: ApiKeySource,
  context: ApiKeyContext,
): Promise<string | undefined> {
  switch (source.type) {
    case 'literal':
      return source.value || undefined;
    case 'env':
      return context.env[source.name] || undefined;
    case 'store':
      return (await context.credentials.get(secretKeys.apiKey(slotId, source.position, source.workspace))) || undefined;
  }
}

/** How to give a slot its key, for messages. */
export function describeMissingKey(slotId: string, source: ApiKeySource): string {
  switch (source.type) {
    case 'literal':
      return `The api_key of [${slotId}] in skynet.toml is empty.`;
    case 'env':
      return `No API key for ${slotId}: the environment variable ${source.name} is not set.`;
    case 'store':
      return `No API key for ${slotId}: run "Skynet: Set API Key" (CLI: set ${envVarForSlot(slotId)}).`;
  }
}

export async function requireApiKey(slotId: string, source: ApiKeySource, context: ApiKeyContext): Promise<string> {
  const key = await findApiKey(slotId, source, context);
  if (!key)
    throw new ProviderError({
      kind: 'auth',
      slot: slotId,
      code: 'missing-key',
      message: describeMissingKey(slotId, source),
    });
  return key;
}
