import { describeMissingKey, findApiKey } from '../../auth/apiKey';
import { envVarForSlot } from '../../auth/credentialStore';
import { ProviderError } from '../../util/errors';
import { fallbackHint, fallbackKey } from './keyFallback';
import type { OpenAICompatSlot, SlotConfig } from '../../config/types';
import type { ProviderDeps, ProviderModule } from '../types';
import { slotOfKind } from '../slotOfKind';
import { createCustomApiClient } from '../customEndpoint/createCustomApiClient';
import { createOpenAICompatibleClient } from './client';
import { pathAfterBase } from './endpointPath';
import { wireDialectFor } from './wireDialect';
import type { ModelListFacts } from '../descriptor';
import { findRegistryEntry } from '../registry';

/**
 * Where the server lists its models: beside its chat path (`/v1/chat/completions` → `/v1/models`, as vLLM,
 * LM Studio and llama.cpp serve it), else `/models` under the base URL.
 */
export function modelsPathFor(chatPath: string): string {
  return /\/chat\/completions\/?$/.test(chatPath) ? chatPath.replace(/\/chat\/completions\/?$/, '/models') : '/models';
}

/** A registry row's own way of listing models, while the slot keeps the row's chat path (else: beside the chat path). */
function registryModelList(slot: OpenAICompatSlot): ModelListFacts | undefined {
  const row = slot.registryId ? findRegistryEntry(slot.registryId) : undefined;
  return row && row.chatPath === slot.chatPath ? row.models : undefined;
}

/** `[[providers.openai_compat]]` and registry slots: a Bearer key read per request; local servers may have none. */
export const openaiCompatModule: ProviderModule = {
  create(config: SlotConfig, deps: ProviderDeps) {
    const slot = slotOfKind(config, 'openai-compat');
    const logger = deps.logger.child(slot.id);
    const resolveEndpoint = async (): Promise<{ baseUrl: string; headers: Record<string, string> }> => {
      const key = (await findApiKey(slot.id, slot.apiKey, deps)) ?? (await keyFromElsewhere(slot, deps, logger));
      if (!key && !slot.local) throw missingKeyError(slot);
      const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
      return { baseUrl: slot.baseUrl.replace(/\/+$/, ''), headers };
    };
    if (slot.api) return createCustomApiClient({ ...slot, api: slot.api }, deps, resolveEndpoint);
    const chatPath = pathAfterBase(slot.baseUrl, slot.chatPath);
    return createOpenAICompatibleClient({
      slotId: slot.id,
      chatPath,
      modelsPath: modelsPathFor(chatPath),
      modelList: registryModelList(slot),
      defaultModel: slot.model,
      supportsStreamOptions: slot.supportsStreamOptions,
      dialect: wireDialectFor(slot.registryId),
      http: deps.http,
      logger,
      resolveEndpoint,
      onUnauthorized: async () => {
        await explainRefusedFallback(slot, deps, logger);
        return false;
      },
    });
  },
  async preflight(config: SlotConfig, deps: ProviderDeps) {
    const slot = slotOfKind(config, 'openai-compat');
    if (slot.local) return undefined;
    if ((await findApiKey(slot.id, slot.apiKey, deps)) || (await fallbackKey(slot, deps))) return undefined;
    return `${describeMissingKey(slot.id, slot.apiKey)}${fallbackHint(slot)}`;
  },
};

/** A key from where the slot's registry row also takes one (GitHub Models: GITHUB_TOKEN, the Copilot sign-in). */
async function keyFromElsewhere(
  slot: OpenAICompatSlot,
  deps: ProviderDeps,
  logger: ProviderDeps['logger'],
): Promise<string | undefined> {
  const found = await fallbackKey(slot, deps);
  if (found) logger.debug('no key stored for this slot: using %s', found.from);
  return found?.key;
}

/**
 * A 401 for a key taken from elsewhere: say which one and what to do (GitHub Models refuses a GitHub App token, such
 * as Copilot's sign-in, unless that app holds the models:read permission). Read again here, so nothing is kept per client.
 */
async function explainRefusedFallback(
  slot: OpenAICompatSlot,
  deps: ProviderDeps,
  logger: ProviderDeps['logger'],
): Promise<void> {
  if (await findApiKey(slot.id, slot.apiKey, deps)) return;
  const found = await fallbackKey(slot, deps);
  if (found)
    logger.warn(
      '%s refused %s; store a token it accepts with "Skynet: Set API Key" (CLI: %s)',
      slot.displayName,
      found.from,
      envVarForSlot(slot.id),
    );
}

function missingKeyError(slot: OpenAICompatSlot): ProviderError {
  return new ProviderError({
    kind: 'auth',
    slot: slot.id,
    code: 'missing-key',
    message: `${describeMissingKey(slot.id, slot.apiKey)}${fallbackHint(slot)}`,
  });
}
