/** Why a provider request failed. The router decides on this, never on message text. */
export type ProviderErrorKind =
  | 'auth' // 401/403, missing or rejected credentials
  | 'rate-limit' // 429
  | 'overloaded' // 529, Anthropic overloaded_error
  | 'timeout' // connect, first-byte or idle timeout, 408
  | 'network' // refused, reset, DNS failure
  | 'server' // 5xx, 409
  | 'bad-request' // 400, 422: the request itself is wrong; another slot would fail the same way
  | 'context-length' // prompt too long for the model
  | 'not-found' // 404: model or endpoint missing on this slot
  | 'invalid-response' // malformed stream, corrupted frame, truncated stream
  | 'cancelled'; // the caller aborted

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  message: string;
  /** The slot id the request was for (or `router`, `http` where no slot applies). */
  slot: string;
  status?: number;
  retryAfterMs?: number;
  code?: string;
  cause?: unknown;
}

const RETRIABLE: ReadonlySet<ProviderErrorKind> = new Set([
  'auth',
  'rate-limit',
  'overloaded',
  'timeout',
  'network',
  'server',
  'not-found',
  'invalid-response',
]);

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly slot: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly code?: string;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.slot = init.slot;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.code = init.code;
  }

  /** The same error, told differently (a note added); this one becomes its cause. */
  withMessage(message: string): ProviderError {
    const { kind, slot, status, code, retryAfterMs } = this;
    return new ProviderError({ kind, slot, status, code, retryAfterMs, message, cause: this });
  }

  /** Whether another slot may answer where this one failed. */
  get failsOver(): boolean {
    return RETRIABLE.has(this.kind);
  }

  /** Whether the slot should be skipped for a while (cooldown). */
  get coolsDown(): boolean {
    return this.kind === 'rate-limit' || this.kind === 'overloaded';
  }

  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      slot: this.slot,
      message: this.message,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      ...(this.code !== undefined ? { code: this.code } : {}),
    };
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

/** Kind for an HTTP status, as the router needs it. */
export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate-limit';
  if (status === 529) return 'overloaded';
  if (status === 408) return 'timeout';
  if (status === 404) return 'not-found';
  if (status === 413) return 'context-length';
  if (status === 409 || status >= 500) return 'server';
  return 'bad-request';
}

/**
 * Parses Retry-After (delta seconds or HTTP date) and the non-standard `retry-after-ms` / `x-ms-retry-after-ms`.
 * Returns milliseconds from `now`, or undefined when absent or unparsable.
 */
export function parseRetryAfter(
  headers: { get(name: string): string | null | undefined },
  now: number = Date.now(),
): number | undefined {
  // Azure's services send milliseconds in either of these (azure-sdk-for-js core-rest-pipeline throttlingRetryStrategy).
  const ms = headers.get('retry-after-ms') ?? headers.get('x-ms-retry-after-ms');
  if (ms) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Abort reasons and aborted-fetch errors become a `cancelled` ProviderError. */
export function cancelledError(slot: string, cause?: unknown): ProviderError {
  return new ProviderError({ kind: 'cancelled', slot, message: 'Request cancelled', cause });
}
