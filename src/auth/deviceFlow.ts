import { ProviderError, cancelledError } from '../util/errors';
import { cutText } from '../util/redact';
import type { HttpClient, HttpResponse } from '../util/http';

/** What the user must do: open `verificationUri` and type `userCode` (or open the complete URI). */
export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  expiresInSeconds: number;
  intervalSeconds: number;
}

/** Sleeps `ms`, rejecting at once when `signal` aborts. Injected so tests never wait. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface DeviceFlowOptions {
  /** Slot id or provider name, used to label errors. */
  provider: string;
  http: HttpClient;
  codeUrl: string;
  tokenUrl: string;
  /** Body of the device-code request. */
  codeParams: Record<string, string>;
  /** Body of each token poll. */
  tokenParams: (deviceCode: string) => Record<string, string>;
  /** GitHub takes JSON, Qwen form encoding. */
  bodyEncoding: 'json' | 'form';
  headers?: Record<string, string>;
  /** Shows the code: the CLI prints it, VS Code shows a notification. */
  onPrompt: (prompt: DeviceCodePrompt) => void | Promise<void>;
  signal?: AbortSignal;
  sleep?: Sleep;
  now?: () => number;
  /** Poll interval when the server names none (RFC 8628: 5 s). */
  defaultIntervalSeconds?: number;
  /** Code lifetime when the server names none. */
  defaultExpiresInSeconds?: number;
}

/** The token endpoint's success reply, as sent (field names differ by provider). */
export type DeviceTokenReply = Record<string, unknown> & { access_token: string };

/** RFC 8628 and GitHub error codes of the device flow. */
export type DeviceFlowErrorCode =
  | 'expired_token'
  | 'access_denied'
  | 'unsupported_grant_type'
  | 'incorrect_client_credentials'
  | 'incorrect_device_code'
  | 'device_flow_disabled'
  | 'invalid_grant'
  | 'invalid_client'
  | 'invalid_request';

const MESSAGES: Record<DeviceFlowErrorCode, string> = {
  expired_token: 'The sign-in code expired before it was approved. Start the sign-in again.',
  access_denied: 'The sign-in was denied in the browser.',
  unsupported_grant_type: 'The sign-in server does not accept the device-code grant (unsupported_grant_type).',
  incorrect_client_credentials:
    "The sign-in server does not recognise this app's client id (incorrect_client_credentials).",
  incorrect_device_code:
    'The sign-in server rejected the device code (incorrect_device_code). Start the sign-in again.',
  device_flow_disabled: 'Device sign-in is disabled for this app on the server (device_flow_disabled).',
  invalid_grant: 'The sign-in server rejected the grant (invalid_grant). Start the sign-in again.',
  invalid_client: "The sign-in server does not recognise this app's client id (invalid_client).",
  invalid_request: 'The sign-in server rejected the request (invalid_request).',
};

/** A typed error for an OAuth error code; the server's description is appended when it adds something. */
export function deviceFlowError(provider: string, code: string, description?: string, status?: number): ProviderError {
  const known = (MESSAGES as Record<string, string | undefined>)[code];
  const detail = description ? cutText(description, 300) : undefined;
  const message = known
    ? detail
      ? `${known} Server said: ${detail}`
      : known
    : `Sign-in failed: ${code}${detail ? `: ${detail}` : ''}`;
  return new ProviderError({ kind: 'auth', slot: provider, code, status, message });
}

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Bodies are read leniently: an empty or non-JSON reply is an empty object. */
async function readBody(response: HttpResponse): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    const value: unknown = text ? JSON.parse(text) : {};
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return text.trim() ? { message: cutText(text.trim(), 300) } : {};
  }
}

function encode(params: Record<string, string>, encoding: 'json' | 'form'): { body: string; type: string } {
  if (encoding === 'json') return { body: JSON.stringify(params), type: 'application/json' };
  return { body: new URLSearchParams(params).toString(), type: 'application/x-www-form-urlencoded' };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function positive(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined;
}

/** How the server described a failure: OAuth `error_description`, or a generic `message`. */
export function describeOAuthBody(body: Record<string, unknown>): string | undefined {
  const nested = body.error && typeof body.error === 'object' ? (body.error as Record<string, unknown>) : undefined;
  return text(body.error_description) ?? text(body.message) ?? text(nested?.message);
}

async function post(
  options: DeviceFlowOptions,
  url: string,
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { body, type } = encode(params, options.bodyEncoding);
  const response = await options.http.request({
    method: 'POST',
    url,
    provider: options.provider,
    signal: options.signal,
    headers: { accept: 'application/json', 'content-type': type, ...options.headers },
    body,
  });
  return { status: response.status, body: await readBody(response) };
}

/** A sign-in request failed: the server's reason, typed by status. */
function refusedError(provider: string, status: number, body: Record<string, unknown>, what: string): ProviderError {
  const code = text(body.error);
  if (code) return deviceFlowError(provider, code, describeOAuthBody(body), status);
  const description = describeOAuthBody(body);
  const kind = status === 429 ? 'rate-limit' : status >= 500 ? 'server' : 'auth';
  return new ProviderError({
    kind,
    slot: provider,
    status,
    code: 'sign-in-refused',
    message: `The sign-in server refused ${what} (HTTP ${status})${description ? `: ${description}` : ''}`,
  });
}

const TRANSIENT_LIMIT = 3;

/**
 * OAuth 2.0 device authorization grant (RFC 8628), shared by Copilot and Qwen: requests a code, shows it
 * through `onPrompt`, then polls at the server's interval (growing on `slow_down`) until the user approves,
 * denies, or the code expires. Cancellable through `signal`, including while it sleeps.
 */
export async function runDeviceFlow(options: DeviceFlowOptions): Promise<DeviceTokenReply> {
  const { provider, signal } = options;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (signal?.aborted) throw cancelledError(provider, signal.reason);
    try {
      return await work();
    } catch (error) {
      if (signal?.aborted) throw cancelledError(provider, signal.reason);
      throw error;
    }
  };

  const start = await guard(() => post(options, options.codeUrl, options.codeParams));
  const deviceCode = text(start.body.device_code);
  if (start.status < 200 || start.status >= 300 || !deviceCode) {
    if (start.status >= 200 && start.status < 300 && !text(start.body.error)) {
      throw new ProviderError({
        kind: 'invalid-response',
        slot: provider,
        status: start.status,
        message: 'The sign-in server answered without a device code',
      });
    }
    throw refusedError(provider, start.status, start.body, 'to start a sign-in');
  }
  const userCode = text(start.body.user_code);
  const verificationUri = text(start.body.verification_uri) ?? text(start.body.verification_url);
  if (!userCode || !verificationUri) {
    throw new ProviderError({
      kind: 'invalid-response',
      slot: provider,
      message: 'The sign-in server answered without a user code or verification URL',
    });
  }
  let intervalSeconds = positive(start.body.interval) ?? options.defaultIntervalSeconds ?? 5;
  const expiresInSeconds = positive(start.body.expires_in) ?? options.defaultExpiresInSeconds ?? 900;
  const deadline = now() + expiresInSeconds * 1000;
  await options.onPrompt({
    userCode,
    verificationUri,
    verificationUriComplete: text(start.body.verification_uri_complete),
    expiresInSeconds,
    intervalSeconds,
  });

  let transientFailures = 0;
  for (;;) {
    await guard(() => sleep(intervalSeconds * 1000, signal));
    if (now() >= deadline) throw deviceFlowError(provider, 'expired_token');
    let reply: { status: number; body: Record<string, unknown> };
    try {
      reply = await guard(() => post(options, options.tokenUrl, options.tokenParams(deviceCode)));
    } catch (error) {
      if (
        error instanceof ProviderError &&
        (error.kind === 'network' || error.kind === 'timeout') &&
        ++transientFailures < TRANSIENT_LIMIT
      )
        continue;
      throw error;
    }
    const { status, body } = reply;
    const accessToken = text(body.access_token);
    if (status >= 200 && status < 300 && accessToken) return { ...body, access_token: accessToken };
    const code = text(body.error);
    if (code === 'authorization_pending') {
      transientFailures = 0;
      continue;
    }
    if (code === 'slow_down' || (status === 429 && !code)) {
      // RFC 8628 §3.5: add 5 seconds to this and every later poll; GitHub also names the new interval.
      intervalSeconds = Math.max(intervalSeconds + 5, positive(body.interval) ?? 0);
      continue;
    }
    if (code) throw deviceFlowError(provider, code, describeOAuthBody(body), status);
    if (status >= 500 && ++transientFailures < TRANSIENT_LIMIT) continue;
    if (status >= 200 && status < 300) {
      throw new ProviderError({
        kind: 'invalid-response',
        slot: provider,
        status,
        message: 'The sign-in server answered the poll without a token or an error',
      });
    }
    throw refusedError(provider, status, body, 'to issue a token');
  }
}
