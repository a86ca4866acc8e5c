import type { QwenOAuthSlot } from '../../config/types';
import { ProviderError } from '../../util/errors';
import type { HttpClient } from '../../util/http';
import { runDeviceFlow, type DeviceCodePrompt, type Sleep } from '../deviceFlow';
import { createPkcePair, type PkcePair } from '../pkce';
import { credentialsFromTokenReply, type QwenCredentials } from './qwenCredentials';

export const QWEN_CLIENT_ID = 'f0304373b74a44d2b584a3fb70ca9e56';
export const QWEN_SCOPE = 'openid profile email model.completion';
export const QWEN_DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Appended when Qwen refuses a sign-in or a refresh: the likely reason, and what to do instead. */
export const QWEN_REFUSAL_NOTE =
  "Qwen's free OAuth tier was discontinued on 2026-04-15 and the service now refuses new sign-ins; use an API-key slot instead (e.g. [providers.qwen] with a DashScope key, or OpenRouter).";

export function qwenEndpoint(authUrl: string, path: string): string {
  return `${authUrl.replace(/\/+$/, '')}/api/v1/oauth2/${path}`;
}

/** A refusal that already carries QWEN_REFUSAL_NOTE: its type says so, so nobody looks for the note in the text. */
class QwenRefusalError extends ProviderError {}

/**
 * The same error with the refusal note when the service refused (auth, bad request, missing endpoint); not for
 * what the user did (cancel, deny, let the code expire), transport failures, rate limits or server errors.
 * Idempotent: an error that has the note is returned as it is.
 */
export function withQwenRefusalNote(error: unknown): unknown {
  if (!(error instanceof ProviderError) || error instanceof QwenRefusalError) return error;
  const refusal =
    ['auth', 'bad-request', 'not-found'].includes(error.kind) &&
    error.code !== 'access_denied' &&
    error.code !== 'expired_token';
  if (!refusal) return error;
  const { kind, slot, status, code, retryAfterMs } = error;
  return new QwenRefusalError({
    kind,
    slot,
    status,
    code,
    retryAfterMs,
    message: `${error.message} ${QWEN_REFUSAL_NOTE}`,
    cause: error,
  });
}

export interface QwenSignInOptions {
  slot: Pick<QwenOAuthSlot, 'id' | 'authUrl'>;
  http: HttpClient;
  onPrompt: (prompt: DeviceCodePrompt) => void | Promise<void>;
  signal?: AbortSignal;
  sleep?: Sleep;
  now?: () => number;
  /** Injected in tests; a fresh pair otherwise. */
  pkce?: PkcePair;
}

/** Qwen's device flow with PKCE (S256): resolves to the credentials to save. */
export async function signInToQwen(options: QwenSignInOptions): Promise<QwenCredentials> {
  const pkce = options.pkce ?? createPkcePair();
  const now = options.now ?? Date.now;
  try {
    const reply = await runDeviceFlow({
      provider: options.slot.id,
      http: options.http,
      codeUrl: qwenEndpoint(options.slot.authUrl, 'device/code'),
      tokenUrl: qwenEndpoint(options.slot.authUrl, 'token'),
      codeParams: {
        client_id: QWEN_CLIENT_ID,
        scope: QWEN_SCOPE,
        code_challenge: pkce.challenge,
        code_challenge_method: pkce.method,
      },
      tokenParams: (deviceCode) => ({
        grant_type: QWEN_DEVICE_GRANT,
        client_id: QWEN_CLIENT_ID,
        device_code: deviceCode,
        code_verifier: pkce.verifier,
      }),
      bodyEncoding: 'form',
      onPrompt: options.onPrompt,
      signal: options.signal,
      sleep: options.sleep,
      now,
      defaultIntervalSeconds: 5,
    });
    return credentialsFromTokenReply(reply, now());
  } catch (error) {
    throw withQwenRefusalNote(error);
  }
}
