import { ProviderError, cancelledError } from '../../util/errors';
import { errorFromResponse, type HttpClient } from '../../util/http';
import type { Logger } from '../../util/logger';
import { withoutSecrets } from '../../util/redact';
import { copilotEditorHeaders, trimSlash } from './copilotIdentity';
import { createSingleFlight } from '../../util/singleFlight';

/** A short-lived Copilot API key and where to use it. */
export interface CopilotToken {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms after which the next request fetches a new one. */
  refreshAt: number;
  /** `endpoints.api` from the reply, when given. */
  apiUrl?: string;
  /** The Copilot plan as the exchange names it (`sku`, e.g. `free_limited_copilot`), when given. */
  sku?: string;
}

export interface CopilotExchangeOptions {
  provider: string;
  http: HttpClient;
  /** `https://api.github.com`, or a GitHub Enterprise `…/api/v3`. */
  githubApiUrl: string;
  now: () => number;
}

export interface CopilotTokenSourceOptions extends CopilotExchangeOptions {
  /** Read per request, so a new sign-in or a sign-out takes effect at once; undefined → not signed in. */
  githubToken: (signal?: AbortSignal) => Promise<string | undefined>;
  notSignedInMessage: string;
  logger?: Logger;
}

export interface CopilotTokenSource {
  /** A valid token: the cached one, or a new exchange shared by every concurrent caller. */
  get(signal?: AbortSignal): Promise<CopilotToken>;
  /** Drops the cached token when it is `token` (or any, when omitted): the server refused it. */
  invalidate(token?: string): void;
}

/** Refresh this long before expiry when the reply names no `refresh_in`. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
/** Never use a token closer to its expiry than this. */
const MIN_MARGIN_MS = 60_000;

/** When to refresh: `refresh_in` after now, but always at least a minute before `expires_at`. */
export function refreshTimeFor(
  reply: { expires_at?: unknown; refresh_in?: unknown },
  now: number,
): { expiresAt: number; refreshAt: number } {
  const expiresAt =
    typeof reply.expires_at === 'number' && reply.expires_at > 0 ? reply.expires_at * 1000 : now + 25 * 60_000;
  const byRefreshIn =
    typeof reply.refresh_in === 'number' && reply.refresh_in > 0
      ? now + reply.refresh_in * 1000
      : expiresAt - EXPIRY_MARGIN_MS;
  return { expiresAt, refreshAt: Math.min(byRefreshIn, expiresAt - MIN_MARGIN_MS) };
}

function detailOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as { error_details?: { message?: unknown }; message?: unknown };
  const detail = record.error_details?.message ?? record.message;
  return typeof detail === 'string' ? detail.slice(0, 300) : undefined;
}

/** GitHub answered 401 to the GitHub token: revoked or expired (the token exchange and `GET /user` alike). */
export function githubTokenRejected(provider: string): ProviderError {
  return new ProviderError({
    kind: 'auth',
    slot: provider,
    status: 401,
    code: 'github-token-rejected',
    message:
      'GitHub rejected the saved token (expired or revoked). Run `skynet login copilot` again, or Sign in from the Skynet view.',
  });
}

/** GET `copilot_internal/v2/token` with the GitHub token; typed errors for each refusal. */
export async function exchangeCopilotToken(
  options: CopilotExchangeOptions,
  githubToken: string,
  signal?: AbortSignal,
): Promise<CopilotToken> {
  const { provider } = options;
  const response = await options.http.request({
    method: 'GET',
    url: `${trimSlash(options.githubApiUrl)}/copilot_internal/v2/token`,
    provider,
    signal,
    headers: { authorization: `token ${githubToken}`, accept: 'application/json', ...copilotEditorHeaders() },
  });
  if (response.status === 401) {
    response.close();
    throw githubTokenRejected(provider);
  }
  if (response.status === 403 || response.status === 404) {
    let said: string | undefined;
    await errorFromResponse(response, provider, (body) => ({ message: (said = detailOf(body)) }), options.now());
    const detail = said && withoutSecrets(new Error(said), [githubToken]).message;
    throw new ProviderError({
      kind: 'auth',
      slot: provider,
      status: response.status,
      code: 'no-copilot-subscription',
      message: `This GitHub account has no Copilot subscription, or Copilot is disabled for it${detail ? ` (GitHub said: ${detail})` : ''}. Check https://github.com/settings/copilot, or sign in with another account.`,
    });
  }
  if (response.status < 200 || response.status >= 300) {
    throw withoutSecrets(await errorFromResponse(response, provider, undefined, options.now()), [githubToken]);
  }
  const reply = await response.json<Record<string, unknown>>();
  const token = reply.token;
  if (typeof token !== 'string' || !token) {
    throw new ProviderError({
      kind: 'invalid-response',
      slot: provider,
      message: 'The Copilot token exchange answered without a token',
    });
  }
  const endpoints = reply.endpoints as { api?: unknown } | undefined;
  const apiUrl = typeof endpoints?.api === 'string' && endpoints.api ? trimSlash(endpoints.api) : undefined;
  const sku = typeof reply.sku === 'string' && reply.sku ? reply.sku : undefined;
  return { token, apiUrl, ...(sku ? { sku } : {}), ...refreshTimeFor(reply, options.now()) };
}

/** Caches the Copilot token per slot and GitHub token, and refreshes it before it expires, one exchange at a time. */
export function createCopilotTokenSource(options: CopilotTokenSourceOptions): CopilotTokenSource {
  let cached: { githubToken: string; copilot: CopilotToken } | undefined;
  const flight = createSingleFlight<CopilotToken>(options.provider);
  const logger = options.logger?.child('copilot-token');
  return {
    async get(signal) {
      if (signal?.aborted) throw cancelledError(options.provider, signal.reason);
      let githubToken: string | undefined;
      try {
        githubToken = await options.githubToken(signal);
      } catch (error) {
        throw new ProviderError({
          kind: 'auth',
          slot: options.provider,
          code: 'token-unreadable',
          message: `Cannot read the GitHub token: ${(error as Error).message}`,
          cause: error,
        });
      }
      if (!githubToken)
        throw new ProviderError({
          kind: 'auth',
          slot: options.provider,
          code: 'not-signed-in',
          message: options.notSignedInMessage,
        });
      if (cached && cached.githubToken === githubToken && options.now() < cached.copilot.refreshAt)
        return cached.copilot;
      return flight.run(async (flightSignal) => {
        logger?.debug('exchanging the GitHub token for a Copilot token');
        const copilot = await exchangeCopilotToken(options, githubToken, flightSignal);
        cached = { githubToken, copilot };
        return copilot;
      }, signal);
    },
    invalidate(token) {
      if (!cached || (token !== undefined && cached.copilot.token !== token)) return;
      logger?.debug('dropping the cached Copilot token');
      cached = undefined;
    },
  };
}
