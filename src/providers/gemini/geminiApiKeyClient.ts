import { findApiKey, requireApiKey } from '../../auth/apiKey';
import type { OpenAICompatSlot } from '../../config/types';
import { ProviderError } from '../../util/errors';
import type { HttpResponse } from '../../util/http';
import { withoutSecrets } from '../../util/redact';
import { readSseBatches } from '../../util/sse';
import { collectChat } from '../collect';
import type {
  ChatEvent,
  ChatRequest,
  ChatResult,
  ModelInfo,
  ProviderClient,
  ProviderDeps,
  RequestOptions,
} from '../types';
import { convertToGeminiRequest } from './convertToGeminiRequest';
import { parseGeminiStreamBatches } from './geminiStream';
import { batchedClient, flattenBatches } from '../eventBatches';
import { vertexErrorFromResponse } from './googleError';

/**
 * The Gemini API with an API key (`api = "gemini"`: Google AI Studio or a gateway in front of it):
 * `POST {base}/v1beta/models/{model}:streamGenerateContent?alt=sse` with `x-goog-api-key`, the same request and
 * chunks as Gemini on Vertex. Source: ai.google.dev/api/generate-content, vercel/ai packages/google
 * google-generative-ai-language-model.ts (checked 2026-12-05). A base ending in `/v1beta` or `/v1` keeps its version.
 */
export const GEMINI_API_BASE_URL = 'https://generativelanguage.googleapis.com';

function versionedBase(baseUrl: string): string {
  const base = (baseUrl || GEMINI_API_BASE_URL).replace(/\/+$/, '');
  return /\/v1(beta|alpha)?$/.test(base) ? base : `${base}/v1beta`;
}

interface ModelsPage {
  models?: Array<{ name?: string; displayName?: string; supportedGenerationMethods?: string[] }>;
  nextPageToken?: string;
}

export function createGeminiApiKeyClient(slot: OpenAICompatSlot, deps: ProviderDeps): ProviderClient {
  const provider = slot.id;
  const log = deps.logger.child(provider);
  const key = () => (slot.local ? findApiKey(provider, slot.apiKey, deps) : requireApiKey(provider, slot.apiKey, deps));
  const headersFor = (value: string | undefined): Record<string, string> => (value ? { 'x-goog-api-key': value } : {});

  async function post(
    request: ChatRequest,
    signal: AbortSignal | undefined,
  ): Promise<{ response: HttpResponse; secret?: string }> {
    const model = (request.model ?? slot.model).replace(/^models\//, '');
    const url = `${versionedBase(slot.baseUrl)}/models/${encodeURIComponent(model)}:streamGenerateContent?alt=sse`;
    const secret = await key();
    log.debug('POST %s', url);
    const response = await deps.http.request({
      method: 'POST',
      url,
      headers: { ...headersFor(secret), 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(convertToGeminiRequest(request, model)),
      signal,
      provider,
    });
    if (response.status < 200 || response.status >= 300)
      throw withoutSecrets(await vertexErrorFromResponse(response, provider, deps.now()), [secret]);
    return { response, secret };
  }

  async function* streamChatBatches(request: ChatRequest, options: RequestOptions = {}): AsyncGenerator<ChatEvent[]> {
    const { response, secret } = await post(request, options.signal);
    try {
      yield* parseGeminiStreamBatches(readSseBatches(response.body, provider), provider);
    } catch (error) {
      throw withoutSecrets(error, [secret]);
    } finally {
      response.close();
    }
  }

  return batchedClient({
    slotId: provider,
    streamChatBatches,
    send: (request: ChatRequest, options: RequestOptions = {}): Promise<ChatResult> =>
      collectChat(flattenBatches(streamChatBatches(request, options))),
    async listModels(options: RequestOptions = {}): Promise<ModelInfo[]> {
      const secret = await key();
      const models: ModelInfo[] = [];
      let pageToken: string | undefined;
      for (let page = 0; page < 20; page++) {
        const url = `${versionedBase(slot.baseUrl)}/models?pageSize=1000${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
        const response = await deps.http.request({
          method: 'GET',
          url,
          headers: headersFor(secret),
          signal: options.signal,
          provider,
        });
        if (response.status !== 200)
          throw withoutSecrets(await vertexErrorFromResponse(response, provider, deps.now()), [secret]);
        const body = await response.json<ModelsPage>();
        if (!body || !Array.isArray(body.models))
          throw new ProviderError({
            kind: 'invalid-response',
            slot: provider,
            message: 'The Gemini API listed models without a models array',
          });
        for (const model of body.models) {
          const methods = model.supportedGenerationMethods;
          if (model.name && (!methods || methods.includes('generateContent')))
            models.push({
              id: model.name.replace(/^models\//, ''),
              ...(model.displayName ? { name: model.displayName } : {}),
            });
        }
        if (!body.nextPageToken) break;
        pageToken = body.nextPageToken;
      }
      return models;
    },
  });
}
