import type { OllamaSlot } from '../../config/types';
import { ProviderError } from '../../util/errors';
import { errorFromResponse, type HttpRequest, type HttpResponse } from '../../util/http';
import { readLineBatches } from '../../util/sse';
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
import { convertToOllamaRequest } from './convertToOllamaMessages';
import { contextLengthOfShow, ollamaContextSize } from './ollamaContextSize';
import { requestNeeds } from '../modelCapabilities';
import { ollamaTransportError } from './ollamaError';
import { parseOllamaStream, parseOllamaStreamBatches } from './ollamaStream';
import { batchedClient } from '../eventBatches';
import { ollamaDescriptor } from './descriptor';

/** `{base}/api/<path>`; a base given with `/api` or the OpenAI-compatible `/v1` is reduced to the server root. */
function apiUrl(baseUrl: string, path: string): string {
  const base = (baseUrl || ollamaDescriptor.baseUrl).replace(/\/+$/, '').replace(/\/(api|v1)$/, '');
  return `${base}/api/${path}`;
}

interface TagsResponse {
  models?: Array<{ name?: string; model?: string }>;
}

async function* oneLine(text: string): AsyncGenerator<string> {
  yield text;
}

/** Native Ollama client (`/api/chat` NDJSON, `/api/tags`). No auth. */
export function createOllamaClient(slot: OllamaSlot, deps: ProviderDeps): ProviderClient {
  const provider = slot.id;
  const baseUrl = slot.baseUrl || ollamaDescriptor.baseUrl;
  const log = deps.logger.child(provider);

  async function call(request: Omit<HttpRequest, 'provider'>): Promise<HttpResponse> {
    let response: HttpResponse;
    log.debug('%s %s', request.method, request.url);
    try {
      response = await deps.http.request({ ...request, provider });
    } catch (error) {
      throw ollamaTransportError(error, baseUrl, provider);
    }
    if (response.status < 200 || response.status >= 300)
      throw await errorFromResponse(response, provider, undefined, deps.now());
    return response;
  }

  // Each model's context length from /api/show, asked once per client and only when a prompt outgrows the default.
  const contextLengths = new Map<string, Promise<number | undefined>>();
  function modelContext(model: string, signal: AbortSignal | undefined): Promise<number | undefined> {
    let known = contextLengths.get(model);
    if (!known) {
      const body = JSON.stringify({ model });
      known = call({
        method: 'POST',
        url: apiUrl(baseUrl, 'show'),
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
        signal,
      })
        .then(async (response) => contextLengthOfShow(await response.json()))
        .catch(() => undefined);
      contextLengths.set(model, known);
    }
    return known;
  }

  async function chat(request: ChatRequest, stream: boolean, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const model = request.model ?? slot.model;
    const body = convertToOllamaRequest(request, model, stream);
    const promptTokens = requestNeeds(request).inputTokens;
    if (ollamaContextSize(promptTokens, request.maxTokens, undefined) !== undefined) {
      const numCtx = ollamaContextSize(promptTokens, request.maxTokens, await modelContext(model, signal));
      body.options = { ...body.options, num_ctx: numCtx };
      log.info(
        'num_ctx %d for a prompt of about %d tokens (the server default %d would cut it)',
        numCtx,
        promptTokens,
        4096,
      );
    }
    return call({
      method: 'POST',
      url: apiUrl(baseUrl, 'chat'),
      headers: { 'content-type': 'application/json', accept: stream ? 'application/x-ndjson' : 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  }

  return batchedClient({
    slotId: provider,

    async *streamChatBatches(request: ChatRequest, options: RequestOptions = {}): AsyncGenerator<ChatEvent[]> {
      const response = await chat(request, true, options.signal);
      try {
        yield* parseOllamaStreamBatches(readLineBatches(response.body, provider), provider);
      } finally {
        response.close();
      }
    },

    async send(request: ChatRequest, options: RequestOptions = {}): Promise<ChatResult> {
      const response = await chat(request, false, options.signal);
      // A `stream:false` answer is the final chunk alone: one object with the whole message and done:true.
      return collectChat(parseOllamaStream(oneLine(await response.text()), provider));
    },

    async listModels(options: RequestOptions = {}): Promise<ModelInfo[]> {
      const response = await call({ method: 'GET', url: apiUrl(baseUrl, 'tags'), signal: options.signal });
      const body = await response.json<TagsResponse>();
      if (!body || !Array.isArray(body.models))
        throw new ProviderError({
          kind: 'invalid-response',
          slot: provider,
          message: 'Ollama listed models without a models array',
        });
      const models: ModelInfo[] = [];
      for (const model of body.models) {
        const id = model.name ?? model.model;
        if (id) models.push({ id });
      }
      return models;
    },
  });
}
