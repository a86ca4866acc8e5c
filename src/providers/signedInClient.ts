import { createOpenAICompatibleClient } from './openaiCompatible/client';
import type { ChatRequest, ProviderClient, ProviderDeps } from './types';

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
}

/**
 * The OpenAI-compatible client for providers with a sign-in (Copilot, Qwen OAuth): per request it resolves a
 * token, and on a 401 invalidates exactly that token and retries once. Per-request state lives in the closure.
 */
export function createSignedInClient(options: SignedInClientOptions): ProviderClient {
  const logger = options.deps.logger.child(options.slotId);
  const forRequest = (request?: ChatRequest): ProviderClient => {
    let usedToken: string | undefined;
    return createOpenAICompatibleClient({
      slotId: options.slotId,
      chatPath: '/chat/completions',
      modelsPath: '/models',
      defaultModel: options.defaultModel,
      http: options.deps.http,
      logger,
      async resolveEndpoint(signal) {
        const endpoint = await options.resolve(signal, request);
        usedToken = endpoint.token;
        return { baseUrl: endpoint.baseUrl, headers: endpoint.headers };
      },
      async onUnauthorized() {
        if (usedToken) options.invalidate(usedToken);
        return true;
      },
    });
  };
  const mapError = options.mapError ?? ((error: unknown) => error);
  return {
    slotId: options.slotId,
    async *streamChat(request, requestOptions) {
      try {
        yield* forRequest(request).streamChat(request, requestOptions);
      } catch (error) {
        throw mapError(error);
      }
    },
    send: (request, requestOptions) =>
      forRequest(request)
        .send(request, requestOptions)
        .catch((error: unknown) => Promise.reject(mapError(error))),
    listModels: (requestOptions) =>
      forRequest()
        .listModels(requestOptions)
        .catch((error: unknown) => Promise.reject(mapError(error))),
  };
}
