import { sign } from 'node:crypto';
import { ProviderError, kindForStatus } from '../../util/errors';
import type { HttpClient } from '../../util/http';
import { withoutSecrets, cutText } from '../../util/redact';
import { importServiceAccountKey, type ServiceAccount } from './googleServiceAccount';
import { createSingleFlight } from '../../util/singleFlight';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** A token is replaced this long before it expires. */
const EXPIRY_MARGIN_MS = 60_000;

export interface VertexTokenSource {
  /** A valid access token: cached, or minted once for all concurrent callers. */
  token(account: ServiceAccount, signal?: AbortSignal): Promise<string>;
  /** Forgets `token` (the API refused it) so the next call mints a new one. */
  invalidate(token: string): void;
}

interface Cached {
  token: string;
  expiresAt: number;
  /** Which key minted it: a changed key file or account is not served an old token. */
  identity: string;
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The signed assertion (an RFC 7519 JWT): RS256, kid = private_key_id, iss = client_email, aud = token_uri, one hour. */
export async function signServiceAccountJwt(account: ServiceAccount, nowMs: number, provider: string): Promise<string> {
  const key = await importServiceAccountKey(account, provider);
  const iat = Math.floor(nowMs / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(account.privateKeyId ? { kid: account.privateKeyId } : {}) };
  const claims = { scope: CLOUD_PLATFORM_SCOPE, iss: account.clientEmail, aud: account.tokenUri, iat, exp: iat + 3600 };
  const signingInput = `${base64url(header)}.${base64url(claims)}`;
  return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), key).toString('base64url')}`;
}

/** Access tokens for one slot, cached in this object (never module-wide), refreshed single-flight. */
/**
 * `checkTokenUri` decides the key file's `token_uri` before the signed assertion is sent there: the file, not the
 * user, names that address (see `src/auth/serviceAddress.ts`).
 */
export function createVertexTokenSource(
  deps: { http: HttpClient; now: () => number; checkTokenUri: (url: string) => Promise<void> },
  provider: string,
): VertexTokenSource {
  let cached: Cached | undefined;
  const flight = createSingleFlight<Cached>(provider);

  async function mint(account: ServiceAccount, identity: string, signal: AbortSignal): Promise<Cached> {
    await deps.checkTokenUri(account.tokenUri);
    const assertion = await signServiceAccountJwt(account, deps.now(), provider);
    const response = await deps.http.request({
      method: 'POST',
      url: account.tokenUri,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
      signal,
      provider,
    });
    let body:
      { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } | undefined;
    const text = await response.text();
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (response.status !== 200 || typeof body?.access_token !== 'string') {
      const reason =
        [body?.error, body?.error_description].filter((part) => typeof part === 'string').join(': ') ||
        cutText(text.replace(/\s+/g, ' '), 200);
      const kind =
        response.status === 200
          ? 'invalid-response'
          : response.status === 400 || response.status === 401 || response.status === 403
            ? 'auth'
            : kindForStatus(response.status);
      // The reply may quote the signed assertion back (a credential for its hour): never let it into a message.
      throw withoutSecrets(
        new ProviderError({
          kind,
          slot: provider,
          status: response.status,
          message: `Google refused the service-account token for ${account.clientEmail} (key file ${account.file}): HTTP ${response.status}${reason ? ` ${reason}` : ''}`,
        }),
        [assertion],
      );
    }
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in) || 3600;
    return { token: body.access_token, expiresAt: deps.now() + seconds * 1000, identity };
  }

  return {
    async token(account, signal) {
      const identity = `${account.file}\n${account.clientEmail}\n${account.privateKeyId ?? ''}\n${account.tokenUri}`;
      if (cached && cached.identity === identity && deps.now() < cached.expiresAt - EXPIRY_MARGIN_MS)
        return cached.token;
      const fresh = await flight.run((flightSignal) => mint(account, identity, flightSignal), signal);
      cached = fresh;
      return fresh.token;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
