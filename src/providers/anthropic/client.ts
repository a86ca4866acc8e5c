import { requireApiKey } from '../../auth/apiKey';
import type { AnthropicSlot } from '../../config/types';
import { ProviderError } from '../../util/errors';
import type { HttpResponse } from '../../util/http';
import { withoutSecrets } from '../../util/redact';
import { readSseBatches } from '../../util/sse';
import type {
  ChatEvent,
  ChatRequest,
  ChatResult,
  ModelInfo,
  ProviderClient,
  ProviderDeps,
  RequestOptions,
} from '../types';
import { anthropicAuth, type AnthropicAuth } from './anthropicAuth';
import { anthropicErrorFromResponse, anthropicStreamError } from './anthropicError';
import { parseAnthropicStreamBatches } from './anthropicStream';
import { batchedClient } from '../eventBatches';
import { anthropicMessageEvents, convertFromAnthropicMessage } from './convertFromAnthropicMessage';
import { convertToAnthropicRequest } from './convertToAnthropicMessages';
import { anthropicDescriptor } from './descriptor';

/** `{base}/v1/<path>`; a base that already ends in `/v1` is not doubled. */
function apiUrl(baseUrl: string, path: string): string {
  const base = (baseUrl || anthropicDescriptor.baseUrl).replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${base}/v1/${path}`;
}

interface ModelsPage {
  data?: Array<{ id?: string; display_name?: string }>;
  has_more?: boolean;
  last_id?: string | null;
}

/** Native Anthropic Messages API client. Reads the key per request; holds no per-request state. */
export function createAnthropicClient(slot: AnthropicSlot, deps: ProviderDeps): ProviderClient {
  const provider = slot.id;
  const log = deps.logger.child(provider);

  async function authFor(): Promise<AnthropicAuth & { key: string }> {
    const key = await requireApiKey(provider, slot.apiKey, deps);
    return { ...anthropicAuth(key), key };
  }

  async function post(
    request: ChatRequest,
    stream: boolean,
    signal: AbortSignal | undefined,
  ): Promise<{ response: HttpResponse; key: string }> {
    const auth = await authFor();
    const body = convertToAnthropicRequest(request, request.model ?? slot.model, {
      stream,
      systemPrefix: auth.systemPrefix,
      promptCaching: slot.promptCaching,
    });
    const url = apiUrl(slot.baseUrl, 'messages');
    log.debug('POST %s model=%s stream=%s auth=%s', url, body.model, stream, auth.oauth ? 'oauth-token' : 'api-key');
    const response = await deps.http.request({
      method: 'POST',
      url,
      headers: {
        ...auth.headers,
        'content-type': 'application/json',
        accept: stream ? 'text/event-stream' : 'application/json',
      },
      body: JSON.stringify(body),
      signal,
      provider,
    });
    if (response.status < 200 || response.status >= 300) {
      throw withoutSecrets(await anthropicErrorFromResponse(response, provider, auth.oauth, deps.now()), [auth.key]);
    }
    return { response, key: auth.key };
  }

  return batchedClient({
    slotId: provider,

    async *streamChatBatches(request: ChatRequest, options: RequestOptions = {}): AsyncGenerator<ChatEvent[]> {
      const { response, key } = await post(request, true, options.signal);
      try {
        if (/^application\/json/i.test(response.headers.get('content-type') ?? '')) {
          // A proxy (or a server) that ignores `stream:true` answers with the whole message, or an error, as JSON.
          const body = await response.json<{ type?: string }>();
          if (body?.type === 'error') throw anthropicStreamError(body, provider);
          yield [...anthropicMessageEvents(convertFromAnthropicMessage(body, provider))];
        } else {
          yield* parseAnthropicStreamBatches(readSseBatches(response.body, provider), provider);
        }
      } catch (error) {
        throw withoutSecrets(error, [key]);
      } finally {
        response.close();
      }
    },

    async send(request: ChatRequest, options: RequestOptions = {}): Promise<ChatResult> {
      const { response, key } = await post(request, false, options.signal);
      try {
        return convertFromAnthropicMessage(await response.json(), provider);
      } catch (error) {
        throw withoutSecrets(error, [key]);
      }
    },

    async listModels(options: RequestOptions = {}): Promise<ModelInfo[]> {
      const auth = await authFor();
      const models: ModelInfo[] = [];
      let after: string | undefined;
      for (let page = 0; page < 20; page++) {
        const query = `models?limit=1000${after ? `&after_id=${encodeURIComponent(after)}` : ''}`;
        const response = await deps.http.request({
          method: 'GET',
          url: apiUrl(slot.baseUrl, query),
          headers: auth.headers,
          signal: options.signal,
          provider,
        });
        if (response.status !== 200)
          throw withoutSecrets(await anthropicErrorFromResponse(response, provider, auth.oauth, deps.now()), [
            auth.key,
          ]);
        const body = await response.json<ModelsPage>();
        if (!body || !Array.isArray(body.data))
          throw new ProviderError({
            kind: 'invalid-response',
            slot: provider,
            message: 'Anthropic listed models without a data array',
          });
        for (const model of body.data)
          if (model.id) models.push({ id: model.id, ...(model.display_name ? { name: model.display_name } : {}) });
        if (!body.has_more || !body.last_id) break;
        after = body.last_id;
      }
      return models;
    },
  });
}
