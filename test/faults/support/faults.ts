import type { ProviderErrorKind } from '../../../src/util/errors';

export type FaultId =
  | '429 Retry-After'
  | '429'
  | '500'
  | '502'
  | '503'
  | '529 overloaded'
  | 'connection refused'
  | 'reset before headers'
  | 'reset mid-stream'
  | 'stall before first byte'
  | 'stall mid-stream'
  | 'malformed chunk'
  | 'malformed chunk mid-stream'
  | 'error event in stream'
  | 'truncated stream'
  | 'cancel mid-stream'
  | 'corrupted frame'
  | 'expired token'
  | 'refresh failing'
  | 'clock skew';

/**
 * What the router must do: `failover` (the faulty slot fails before any output; the healthy slot answers),
 * `surface` (the fault strikes after output: the error reaches the caller, the partial answer is kept and
 * nothing is sent to the next slot), `refresh` (the slot renews its token once and answers itself) or `cancel`
 * (the caller aborts after the first words: a `cancelled` error, and the server sees the connection close).
 */
export type Outcome = 'failover' | 'surface' | 'refresh' | 'cancel';

export interface Fault {
  id: FaultId;
  outcome: Outcome;
  /** Kinds the typed error may have (the first is the usual one). */
  kinds: ProviderErrorKind[];
  /** HTTP status the error must carry, for status faults. */
  status?: number;
  /** The cause, as the user reads it in the failover notice or the surfaced error. */
  cause: RegExp;
  /** The slot must be cooling afterwards (429/529), until about now + this when the server said so. */
  coolsDown?: boolean;
  retryAfterMs?: number;
}

/** One row per fault; families say which rows apply to them. */
export const FAULTS: readonly Fault[] = [
  {
    id: '429 Retry-After',
    outcome: 'failover',
    kinds: ['rate-limit'],
    status: 429,
    cause: /429|rate/i,
    coolsDown: true,
    retryAfterMs: 7000,
  },
  { id: '429', outcome: 'failover', kinds: ['rate-limit'], status: 429, cause: /429|rate/i, coolsDown: true },
  { id: '500', outcome: 'failover', kinds: ['server'], status: 500, cause: /500|server|internal/i },
  { id: '502', outcome: 'failover', kinds: ['server'], status: 502, cause: /502|gateway/i },
  {
    id: '503',
    outcome: 'failover',
    kinds: ['server', 'overloaded'],
    status: 503,
    cause: /503|unavailable|overloaded/i,
  },
  {
    id: '529 overloaded',
    outcome: 'failover',
    kinds: ['overloaded'],
    status: 529,
    cause: /529|overloaded/i,
    coolsDown: true,
  },
  { id: 'connection refused', outcome: 'failover', kinds: ['network'], cause: /refused|not running/i },
  {
    id: 'reset before headers',
    outcome: 'failover',
    kinds: ['network'],
    cause: /connection|socket|closed|reset|failed|not running/i,
  },
  { id: 'stall before first byte', outcome: 'failover', kinds: ['timeout'], cause: /timeout|timed out|no response/i },
  {
    id: 'malformed chunk',
    outcome: 'failover',
    kinds: ['invalid-response'],
    cause: /malformed|invalid|JSON|parse|unexpected|corrupt/i,
  },
  {
    id: 'error event in stream',
    outcome: 'failover',
    kinds: ['overloaded', 'server', 'rate-limit'],
    cause: /overloaded|capacity|busy|error/i,
  },
  {
    id: 'reset mid-stream',
    outcome: 'surface',
    kinds: ['network', 'invalid-response'],
    cause: /connection|socket|closed|reset|ended|terminated/i,
  },
  { id: 'stall mid-stream', outcome: 'surface', kinds: ['timeout'], cause: /idle|silent|timeout|timed out/i },
  {
    id: 'malformed chunk mid-stream',
    outcome: 'surface',
    kinds: ['invalid-response'],
    cause: /malformed|invalid|JSON|parse|unexpected|corrupt/i,
  },
  {
    id: 'truncated stream',
    outcome: 'surface',
    kinds: ['invalid-response', 'network'],
    cause: /ended|early|truncated|incomplete|before|closed/i,
  },
  { id: 'cancel mid-stream', outcome: 'cancel', kinds: ['cancelled'], cause: /cancel/i },
  {
    id: 'corrupted frame',
    outcome: 'surface',
    kinds: ['invalid-response'],
    cause: /crc|checksum|corrupt|frame|prelude|invalid/i,
  },
  { id: 'expired token', outcome: 'refresh', kinds: [], cause: /./ },
  {
    id: 'refresh failing',
    outcome: 'failover',
    kinds: ['auth'],
    cause: /auth|token|sign|expired|refused|credential|401|400/i,
  },
  {
    id: 'clock skew',
    outcome: 'failover',
    kinds: ['auth', 'bad-request'],
    status: 403,
    cause: /signature expired|clock|skew|time/i,
  },
];

/** Faults of the families whose wire has an in-stream error event. */
export const STREAM_ERROR_FAULTS: readonly FaultId[] = ['error event in stream'];

/** Faults every HTTP streaming family meets. */
export const COMMON_FAULTS: readonly FaultId[] = [
  '429 Retry-After',
  '429',
  '500',
  '502',
  '503',
  '529 overloaded',
  'connection refused',
  'reset before headers',
  'stall before first byte',
  'malformed chunk',
  'reset mid-stream',
  'stall mid-stream',
  'malformed chunk mid-stream',
  'truncated stream',
  'cancel mid-stream',
];

export function faultById(id: FaultId): Fault {
  const fault = FAULTS.find((candidate) => candidate.id === id);
  if (!fault) throw new Error(`unknown fault ${id}`);
  return fault;
}
