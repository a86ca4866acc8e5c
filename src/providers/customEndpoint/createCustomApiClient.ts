import { findApiKey } from '../../auth/apiKey';
import type { OpenAICompatSlot } from '../../config/types';
import type { HttpClient } from '../../util/http';
import { createAnthropicClient } from '../anthropic/client';
import { createOllamaClient } from '../ollama/client';
import type { EndpointSource } from '../openaiCompatible/sendOpenAIRequest';
import { createOpenAIResponsesClient } from '../openaiResponses/client';
import type { ProviderClient, ProviderDeps } from '../types';
import { createGeminiApiKeyClient } from '../gemini/geminiApiKeyClient';

/** Ollama's own API with a key (Ollama Cloud, a server behind a proxy): `Authorization: Bearer` when one is set. */
function withBearerKey(http: HttpClient, slot: OpenAICompatSlot, deps: ProviderDeps): HttpClient {
  return {
    async request(request) {
      const key = await findApiKey(slot.id, slot.apiKey, deps);
      return http.request(
        key ? { ...request, headers: { ...request.headers, authorization: `Bearer ${key}` } } : request,
      );
    },
  };
}

/**
 * A custom endpoint that speaks another protocol than Chat Completions (`api =` in skynet.toml): the existing
 * client of that family, given this slot's address and key. Every family's quirks, errors and streams stay in
 * its own folder; this only maps the slot.
 */
export function createCustomApiClient(
  slot: OpenAICompatSlot & { api: NonNullable<OpenAICompatSlot['api']> },
  deps: ProviderDeps,
  endpoint: EndpointSource['resolveEndpoint'],
): ProviderClient {
  const common = {
    id: slot.id,
    displayName: slot.displayName,
    model: slot.model,
    baseUrl: slot.baseUrl,
    source: slot.source,
    ...(slot.reasoning ? { reasoning: slot.reasoning } : {}),
  };
  switch (slot.api) {
    case 'openai-responses':
      return createOpenAIResponsesClient({
        slotId: slot.id,
        defaultModel: slot.model,
        responsesPath: slot.chatPath,
        modelsPath: slot.chatPath.replace(/\/responses\/?$/, '/models'),
        http: deps.http,
        logger: deps.logger.child(slot.id),
        resolveEndpoint: endpoint,
      });
    case 'anthropic':
      return createAnthropicClient({ ...common, kind: 'anthropic', apiKey: slot.apiKey }, deps);
    case 'gemini':
      return createGeminiApiKeyClient(slot, deps);
    case 'ollama':
      return createOllamaClient({ ...common, kind: 'ollama' }, { ...deps, http: withBearerKey(deps.http, slot, deps) });
  }
}
