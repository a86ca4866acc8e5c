import { ProviderError, cancelledError } from '../../util/errors';
import { errorFromResponse, type HttpClient } from '../../util/http';
import type { Logger } from '../../util/logger';
import { withoutSecrets } from '../../util/redact';
import { describeOAuthBody } from '../deviceFlow';
import {
  credentialsFromTokenReply,
  readQwenCredentials,
  writeQwenCredentials,
  type QwenCredentials,
} from './qwenCredentials';
import { QWEN_CLIENT_ID, qwenEndpoint, withQwenRefusalNote } from './qwenSignIn';
import { createSingleFlight } from '../../util/singleFlight';

export interface QwenTokenSourceOptions {
  provider: string;
  http: HttpClient;
  authUrl: string;
  /** The credentials file (already `~`-expanded). */
  file: string;
  now: () => number;
  logger?: Logger;
}

export interface QwenTokenSource {
  /** Valid credentials: the file's, or refreshed (one refresh for every concurrent caller) and saved. */
  get(signal?: AbortSignal): Promise<QwenCredentials>;
  /** The server refused this access token: the next `get` refreshes. */
  invalidate(accessToken: string): void;
}

/** Refresh this long before `expires_at`. */
const EXPIRY_MARGIN_MS = 30_000;

export function notSignedInToQwen(provider: string, file: string): ProviderError {
  return new ProviderError({
    kind: 'auth',
    slot: provider,
    code: 'not-signed-in',
    message: `Not signed in to Qwen: no credentials file at ${file}. Run \`skynet login qwen\`, or Sign in from the Skynet view.`,
  });
}

/** POST `grant_type=refresh_token`; typed errors, the refusal note on 400/401. */
export async function refreshQwenToken(
  options: Pick<QwenTokenSourceOptions, 'provider' | 'http' | 'authUrl' | 'now'>,
  credentials: QwenCredentials,
  signal?: AbortSignal,
): Promise<QwenCredentials> {
  const { provider } = options;
  if (!credentials.refreshToken) {
    throw new ProviderError({
      kind: 'auth',
      slot: provider,
      code: 'no-refresh-token',
      message: 'The Qwen sign-in expired and holds no refresh token. Run `skynet login qwen` again.',
    });
  }
  const response = await options.http.request({
    method: 'POST',
    url: qwenEndpoint(options.authUrl, 'token'),
    provider,
    signal,
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.refreshToken,
      client_id: QWEN_CLIENT_ID,
    }).toString(),
  });
  if (response.status < 200 || response.status >= 300) {
    const error = await errorFromResponse(
      response,
      provider,
      (body) => {
        const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
        const code = typeof record.error === 'string' ? record.error : undefined;
        const rejected = response.status === 400 || response.status === 401;
        return {
          message: describeOAuthBody(record) ?? code,
          code: code ?? (rejected ? 'refresh-rejected' : undefined),
          kind: rejected ? 'auth' : undefined,
        };
      },
      options.now(),
    );
    withoutSecrets(error, [credentials.refreshToken]);
    if (error.kind !== 'auth') throw error;
    throw withQwenRefusalNote(
      new ProviderError({
        kind: 'auth',
        slot: provider,
        status: error.status,
        code: error.code,
        message: `Qwen refused to refresh the sign-in (${error.message}). Run \`skynet login qwen\` again.`,
      }),
    );
  }
  const reply = await response.json<Record<string, unknown>>();
  if (typeof reply.access_token !== 'string' || !reply.access_token) {
    throw new ProviderError({
      kind: 'invalid-response',
      slot: provider,
      message: 'The Qwen token refresh answered without an access_token',
    });
  }
  return credentialsFromTokenReply(reply, options.now(), credentials);
}

/** Reads the credentials file per request (a sign-in elsewhere is seen at once) and refreshes before expiry or after a 401. */
export function createQwenTokenSource(options: QwenTokenSourceOptions): QwenTokenSource {
  const flight = createSingleFlight<QwenCredentials>(options.provider);
  const logger = options.logger?.child('qwen-token');
  let rejected: string | undefined;

  const usable = (credentials: QwenCredentials): boolean =>
    credentials.accessToken !== rejected &&
    (credentials.expiresAt === undefined || options.now() < credentials.expiresAt - EXPIRY_MARGIN_MS);

  const load = async (): Promise<QwenCredentials> => {
    let credentials: QwenCredentials | undefined;
    try {
      credentials = await readQwenCredentials(options.file);
    } catch (error) {
      // A corrupt or unreadable file is this slot's auth problem, typed so the router fails over.
      throw new ProviderError({
        kind: 'auth',
        slot: options.provider,
        code: 'credentials-unreadable',
        message: (error as Error).message,
        cause: error,
      });
    }
    if (!credentials) throw notSignedInToQwen(options.provider, options.file);
    return credentials;
  };

  return {
    async get(signal) {
      if (signal?.aborted) throw cancelledError(options.provider, signal.reason);
      const credentials = await load();
      if (usable(credentials)) return credentials;
      return flight.run(async (flightSignal) => {
        // Another process (or an earlier flight) may have refreshed the file meanwhile.
        const current = await load();
        if (usable(current)) return current;
        logger?.debug('refreshing the Qwen access token');
        let fresh: QwenCredentials;
        try {
          fresh = await refreshQwenToken(options, current, flightSignal);
        } catch (error) {
          // Another process (qwen-code shares the file) may have refreshed first and spent the refresh token.
          const reloaded =
            error instanceof ProviderError && error.kind === 'auth' ? await load().catch(() => undefined) : undefined;
          if (reloaded && reloaded.accessToken !== current.accessToken && usable(reloaded)) return reloaded;
          throw error;
        }
        await writeQwenCredentials(options.file, fresh);
        return fresh;
      }, signal);
    },
    invalidate(accessToken) {
      rejected = accessToken;
    },
  };
}
