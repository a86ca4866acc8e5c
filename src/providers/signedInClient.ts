import { createOpenAICompatibleClient } from './openaiCompatible/client';
import type { EndpointSource } from './openaiCompatible/sendOpenAIRequest';
import type { WireDialect } from './openaiCompatible/wireDialect';
import { createOpenAIResponsesClient } from './openaiResponses/client';
import type { ChatRequest, ProviderClient, ProviderDeps, RequestOptions } from './types';
import { batchedClient, chatEventBatches } from './eventBatches';

/** The two OpenAI wire APIs a signed-in slot may speak for a model. */
export type OpenAIApi = 'chat-completions' | 'responses';

/** What a signed-in slot resolves per request: where to go, with which headers, and the token used. */
export interface SignedInEndpoint {
  baseUrl: string;
  headers: Record<string, string>;
  /** The short-lived token this request carried: what a 401 invalidates. */
  token: string;
}

export interface SignedInClientOptions {
  slotId: string;
  defaultModel: string;
  deps: Pick<ProviderDeps, 'http' | 'logger'>;
  /** Called per request (and again on the retry after a 401) so tokens stay fresh. */
  resolve(signal: AbortSignal | undefined, request: ChatRequest | undefined): Promise<SignedInEndpoint>;
  /** The server refused `token`: drop it so the retry gets a new one. */
  invalidate(token: string): void;
  /** Rewrites errors before they leave the client (a provider-specific hint on a refusal). */
  mapError?(error: unknown): unknown;
  /** Which API serves this request; Chat Completions when absent (Copilot's Responses-only models say otherwise). */
  apiFor?(request: ChatRequest, signal: AbortSignal | undefined): Promise<OpenAIApi>;
  /** The service's Chat Completions dialect (wireDialect.ts). */
  dialect?: WireDialect;
}

/**
 * Where one request goes: the endpoint resolved now (fresh token), and on a 401 exactly that token invalidated
 * so `sendOpenAIRequest` retries once with a new one. Both OpenAI clients, and raw calls like Copilot's
 * `/models`, send through it.
 */
export function signedInSource(options: SignedInClientOptions, request?: ChatRequest): EndpointSource {
  let usedToken: string | undefined;
  return {
    slotId: options.slotId,
    http: options.deps.http,
    logger: options.deps.logger.child(options.slotId),
    async resolveEndpoint(signal) {
      const endpoint = await options.resolve(signal, request);
      usedToken = endpoint.token;
      return { baseUrl: endpoint.baseUrl, headers: endpoint.headers };
    },
    async onUnauthorized() {
      if (usedToken) options.invalidate(usedToken);
      return true;
    },
  };
}

/**
 * The OpenAI-compatible client for providers with a sign-in (Copilot, Qwen OAuth): per request it resolves a
 * token, and on a 401 invalidates exactly that token and retries once. Per-request state lives in the closure.
 */
export function createSignedInClient(options: SignedInClientOptions): ProviderClient {
  const forRequest = (request?: ChatRequest, api: OpenAIApi = 'chat-completions'): ProviderClient => {
    const source = signedInSource(options, request);
    return api === 'responses'
      ? createOpenAIResponsesClient({
          ...source,
          defaultModel: options.defaultModel,
          responsesPath: '/responses',
          modelsPath: '/models',
        })
      : createOpenAICompatibleClient({
          ...source,
          chatPath: '/chat/completions',
          modelsPath: '/models',
          defaultModel: options.defaultModel,
          dialect: options.dialect,
        });
  };
  const apiFor = async (request: ChatRequest, signal: AbortSignal | undefined): Promise<OpenAIApi> =>
    options.apiFor ? options.apiFor(request, signal) : 'chat-completions';
  const mapError = options.mapError ?? ((error: unknown) => error);
  return batchedClient({
    slotId: options.slotId,
    async *streamChatBatches(request: ChatRequest, requestOptions?: RequestOptions) {
      try {
        yield* chatEventBatches(
          forRequest(request, await apiFor(request, requestOptions?.signal)),
          request,
          requestOptions,
        );
      } catch (error) {
        throw mapError(error);
      }
    },
    send: (request: ChatRequest, requestOptions?: RequestOptions) =>
      apiFor(request, requestOptions?.signal)
        .then((api) => forRequest(request, api).send(request, requestOptions))
        .catch((error: unknown) => Promise.reject(mapError(error))),
    listModels: (requestOptions?: RequestOptions) =>
      forRequest()
        .listModels(requestOptions)
        .catch((error: unknown) => Promise.reject(mapError(error))),
  });
}
