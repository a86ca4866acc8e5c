import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { ProviderError, kindForStatus } from '../../util/errors';
import type { HttpClient } from '../../util/http';
import type { ExpiringCredentials } from './awsProcessCredentials';
import { readOptionalFile } from '../secretFile';

/** What an SSO profile names, from the profile and its `[sso-session NAME]` section (or the legacy inline keys). */
export interface SsoProfile {
  profile: string;
  /** The session name (`sso_session`), or the start URL for a legacy profile: what names the token cache file. */
  tokenId: string;
  startUrl: string;
  region: string;
  accountId: string;
  roleName: string;
}

/**
 * `~/.aws/sso/cache/<sha1 hex of the session name, or of the start URL for legacy profiles>.json`, where
 * `aws sso login` leaves the access token (the rule of the AWS SDKs' getSSOTokenFilepath).
 */
export function ssoTokenFile(homeDir: string, tokenId: string): string {
  return path.join(homeDir, '.aws', 'sso', 'cache', `${createHash('sha1').update(tokenId).digest('hex')}.json`);
}

function loginHint(sso: SsoProfile): string {
  return `run \`aws sso login --profile ${sso.profile}\``;
}

function ssoError(
  sso: SsoProfile,
  provider: string,
  detail: string,
  extra: { kind?: ProviderError['kind']; status?: number } = {},
): ProviderError {
  return new ProviderError({
    kind: extra.kind ?? 'auth',
    slot: provider,
    status: extra.status,
    code: 'SsoError',
    message: `AWS SSO for profile "${sso.profile}": ${detail}`,
  });
}

/** The cached SSO access token, or why it cannot be used (missing, unreadable, expired) with the command that fixes it. */
export async function readSsoToken(sso: SsoProfile, homeDir: string, now: number, provider: string): Promise<string> {
  const file = ssoTokenFile(homeDir, sso.tokenId);
  let text: string | undefined;
  try {
    text = await readOptionalFile(file);
  } catch (error) {
    throw ssoError(sso, provider, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text === undefined) throw ssoError(sso, provider, `not signed in (no cached token ${file}); ${loginHint(sso)}`);
  let body: { accessToken?: unknown; expiresAt?: unknown } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body?.accessToken !== 'string' || !body.accessToken)
    throw ssoError(sso, provider, `the cached token ${file} holds no accessToken; ${loginHint(sso)}`);
  const expiresAt = typeof body.expiresAt === 'string' ? Date.parse(body.expiresAt) : NaN;
  if (!Number.isFinite(expiresAt) || now >= expiresAt)
    throw ssoError(sso, provider, `the SSO sign-in has expired; ${loginHint(sso)}`);
  return body.accessToken;
}

export interface SsoRequest {
  http: HttpClient;
  /** The portal's base URL: `https://portal.sso.<sso_region>.amazonaws.com` unless AWS_ENDPOINT_URL_SSO moves it. */
  endpoint: string;
  provider: string;
  signal?: AbortSignal;
}

/** GetRoleCredentials: the portal trades the access token for the role's temporary credentials. */
export async function fetchSsoRoleCredentials(
  sso: SsoProfile,
  accessToken: string,
  request: SsoRequest,
): Promise<ExpiringCredentials> {
  const query = new URLSearchParams({ role_name: sso.roleName, account_id: sso.accountId });
  const url = `${request.endpoint.replace(/\/+$/, '')}/federation/credentials?${query.toString()}`;
  const response = await request.http.request({
    method: 'GET',
    url,
    headers: { 'x-amz-sso_bearer_token': accessToken, accept: 'application/json' },
    signal: request.signal,
    provider: request.provider,
  });
  const text = await response.text();
  let body: { roleCredentials?: Record<string, unknown>; message?: unknown } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status === 401 || response.status === 403) {
    throw ssoError(
      sso,
      request.provider,
      `the portal refused the cached sign-in for account ${sso.accountId}, role ${sso.roleName} (HTTP ${response.status}); ${loginHint(sso)}`,
      { status: response.status },
    );
  }
  if (response.status !== 200) {
    throw ssoError(
      sso,
      request.provider,
      `the portal answered HTTP ${response.status} for account ${sso.accountId}, role ${sso.roleName}`,
      { kind: kindForStatus(response.status), status: response.status },
    );
  }
  const role = body?.roleCredentials;
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = role ?? {};
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string' || !accessKeyId || !secretAccessKey) {
    throw ssoError(sso, request.provider, 'the portal answered without roleCredentials', { kind: 'invalid-response' });
  }
  return {
    credentials: {
      accessKeyId,
      secretAccessKey,
      ...(typeof sessionToken === 'string' && sessionToken ? { sessionToken } : {}),
    },
    ...(typeof expiration === 'number' && Number.isFinite(expiration) ? { expiresAt: expiration } : {}),
  };
}
