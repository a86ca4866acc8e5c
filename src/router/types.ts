import type { SlotConfig } from '../config/types';
import type { ChatEvent, ChatRequest, ProviderClient } from '../providers/types';
import type { ProviderErrorKind } from '../util/errors';
import type { KeyRing } from './keyRing';

export type SlotState = 'ready' | 'cooling' | 'unavailable';

/**
 * Why a slot has no client, as data the UI decides on (the reason text is for people):
 * withheld by an untrusted workspace, missing or unreadable credentials (key, sign-in, key file, AWS),
 * a provider kind this build lacks, or its client failed to start.
 */
export type UnavailableCode = 'untrusted-workspace' | 'needs-credentials' | 'unsupported' | 'failed-to-start';

export interface SlotError {
  kind: ProviderErrorKind;
  message: string;
  status?: number;
  /** The ProviderError's code, when it had one (e.g. 'origin-not-approved'). */
  code?: string;
  /** Epoch ms. */
  at: number;
}

export interface SlotHealth {
  slotId: string;
  state: SlotState;
  /** Epoch ms until which the slot is skipped (state `cooling`). */
  coolingUntil?: number;
  /** Why the slot cannot work, and how to fix it (state `unavailable`). */
  unavailableReason?: string;
  /** The slot's last auth failure marks it, until the next success. */
  authFailed?: boolean;
  lastError?: SlotError;
  /** Time to first output event of the last successful request. */
  lastLatencyMs?: number;
  lastSuccessAt?: number;
  /** Epoch ms of the first failure since the last success (cleared by a success). */
  failingSince?: number;
  /** A slot with several keys: each key's health (see `KeyRing`). */
  keys?: KeyHealth[];
}

/** One key of a slot with several: never its value, only its number, last four characters and state. */
export interface KeyHealth {
  /** 1-based, in the order the keys are listed (`api_keys`, or stored). */
  key: number;
  hint: string;
  origin: 'file' | 'env' | 'stored' | 'workspace';
  /** `cooling` after a 429 (until `coolingUntil`), `rejected` after a 401/403 (until a success or a changed key). */
  state: 'ready' | 'cooling' | 'rejected';
  coolingUntil?: number;
  lastError?: SlotError;
}

/** A slot as the router holds it: the config, and a client unless the slot is unavailable. */
export interface RouterSlot {
  config: SlotConfig;
  client?: ProviderClient;
  unavailableReason?: string;
  /** Set with every `unavailableReason`. */
  unavailableCode?: UnavailableCode;
  /** A slot with several keys: the router asks the ring, which moves to the next key before the router fails over. */
  keys?: KeyRing;
}

/** One failover step: `from` failed with `kind` before any output; the router moves to the next slot. */
export interface FailoverEvent {
  type: 'failover';
  from: string;
  kind: ProviderErrorKind;
  message: string;
  status?: number;
  /** The slot has several keys: the one that failed last (1-based; never its value). */
  key?: number;
}

/** A key of `slot` failed before any output (429, 401/403); the same request goes to the slot's key `toKey`. */
export interface KeyRotatedEvent {
  type: 'key-rotated';
  slot: string;
  fromKey: number;
  toKey: number;
  kind: ProviderErrorKind;
  message: string;
  status?: number;
}

/** What a routed stream yields: provider events (finish carries the answering slot) and failovers. */
export type RoutedEvent =
  | Exclude<ChatEvent, { type: 'finish' }>
  | (Extract<ChatEvent, { type: 'finish' }> & { slot: string })
  | FailoverEvent
  | KeyRotatedEvent
  /** Emitted when a slot produced its first output event: from here on there is no failover. */
  | { type: 'slot-answering'; slot: string; latencyMs: number }
  /** A slot passed over because its model cannot take this request (tools, images, context size). */
  | SlotSkippedEvent;

export interface SlotSkippedEvent {
  type: 'slot-skipped';
  slot: string;
  /** `budget-reached`: the slot (or all slots together) spent its daily or monthly budget. */
  code: 'no-tools' | 'no-images' | 'context-too-small' | 'budget-reached';
  message: string;
}

/** Which slots are past a spend budget (`SpendBook`); the router skips them as it skips benched ones, even when nothing else is left. */
export interface BudgetCheck {
  blocked(slotId: string): { code: 'budget-reached'; message: string } | undefined;
}

export interface RouteOptions {
  signal?: AbortSignal;
  /** Target one slot (no failover); default: every slot in router order. */
  slotId?: string;
}

export interface ChatRouter {
  readonly slots: readonly RouterSlot[];
  streamChat(request: ChatRequest, options?: RouteOptions): AsyncIterable<RoutedEvent>;
  /** The same events in the same order, in arrays (never empty): what the consumers read, one await per network read. */
  streamBatches(request: ChatRequest, options?: RouteOptions): AsyncIterable<readonly RoutedEvent[]>;
  health(): SlotHealth[];
  /** Health changed (cooldown started or ended, error, success); returns an unsubscribe function. */
  onDidChangeHealth(listener: (health: SlotHealth[]) => void): () => void;
}
