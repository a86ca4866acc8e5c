import { createSingleFlight } from '../../util/singleFlight';
import type { Logger } from '../../util/logger';
import type { OpenAIApi } from '../signedInClient';

/** Model id → the paths Copilot's `/models` lists under `supported_endpoints` (e.g. `["/responses"]`). */
export type ModelEndpoints = ReadonlyMap<string, readonly string[]>;

/** Reads `data[].supported_endpoints` from a Copilot `/models` answer; models without the field are left out. */
export function parseModelEndpoints(body: unknown): ModelEndpoints {
  const endpoints = new Map<string, string[]>();
  const list = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(list)) return endpoints;
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const { id, supported_endpoints: supported } = entry as Record<string, unknown>;
    if (typeof id === 'string' && Array.isArray(supported))
      endpoints.set(
        id,
        supported.filter((path): path is string => typeof path === 'string'),
      );
  }
  return endpoints;
}

/** Responses-only models by name, for when `/models` cannot tell (unavailable, or silent about the model). */
const RESPONSES_ONLY_NAME = /codex/i;

/**
 * The API for `model`: `/responses` only when the model lists it and not `/chat/completions`; every other
 * listed model stays on Chat Completions. A model the list does not describe goes by its name (`codex` →
 * Responses).
 */
export function chooseCopilotApi(model: string, endpoints: ModelEndpoints | undefined): OpenAIApi {
  const listed = endpoints?.get(model);
  if (!listed || listed.length === 0) return RESPONSES_ONLY_NAME.test(model) ? 'responses' : 'chat-completions';
  const paths = listed.map((path) => path.replace(/^[a-z]+:/i, '').replace(/^\/+/, ''));
  return !paths.includes('chat/completions') && paths.includes('responses') ? 'responses' : 'chat-completions';
}

export interface ModelEndpointCacheOptions {
  /** GET `/models` through the slot's token flow; resolves the JSON body. */
  fetch(signal: AbortSignal): Promise<unknown>;
  now: () => number;
  logger: Logger;
  provider: string;
  /** How long a good answer is used; default 30 minutes. */
  ttlMs?: number;
  /** How long before a failed fetch is tried again; default 60 s (requests meanwhile go by model name). */
  retryMs?: number;
}

export interface ModelEndpointCache {
  /** The cached endpoints, fetched once (shared by concurrent callers) when stale; undefined when unavailable. */
  get(signal?: AbortSignal): Promise<ModelEndpoints | undefined>;
  /** Stores a `/models` answer fetched elsewhere (listModels). */
  remember(body: unknown): void;
}

/** One client's `/models` answer, kept so each chat picks its endpoint without a round-trip. */
export function createModelEndpointCache(options: ModelEndpointCacheOptions): ModelEndpointCache {
  let value: ModelEndpoints | undefined;
  let expiresAt = 0;
  const flight = createSingleFlight<ModelEndpoints | undefined>(options.provider);

  const store = (endpoints: ModelEndpoints | undefined, forMs: number) => {
    value = endpoints;
    expiresAt = options.now() + forMs;
  };

  // One shared fetch; it is aborted only when every waiting caller has given up, and a cancelled fetch is not
  // remembered as "/models unavailable".
  const refresh = (signal: AbortSignal): Promise<ModelEndpoints | undefined> =>
    options.fetch(signal).then(
      (body) => {
        store(parseModelEndpoints(body), options.ttlMs ?? 30 * 60_000);
        return value;
      },
      (error: unknown) => {
        if (signal.aborted) throw error;
        options.logger.info(
          '/models unavailable (%s): choosing endpoints by model name for a while',
          (error as Error)?.message ?? String(error),
        );
        store(undefined, options.retryMs ?? 60_000);
        return undefined;
      },
    );

  return {
    async get(signal) {
      if (options.now() < expiresAt) return value;
      return flight.run(refresh, signal);
    },
    remember(body) {
      store(parseModelEndpoints(body), options.ttlMs ?? 30 * 60_000);
    },
  };
}
