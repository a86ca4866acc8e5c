import type { RouterSettings } from '../config/types';
import type { ChatRequest, ChatResult, ModelInfo, ProviderClient, RequestOptions } from '../providers/types';
import { batchedClient, chatEventBatches, flattenBatches, type ChatEventBatch } from '../providers/eventBatches';
import { collectChat } from '../providers/collect';
import { Handoff, step, type Handover } from '../providers/passThrough';
import type { ProviderError } from '../util/errors';
import { asProviderError, firstOutput } from './attemptOutcome';
import type { KeyHealth, KeyRotatedEvent } from './types';

/** One of a slot's keys: its own client (built, guarded and origin-bound like a slot of its own) and how the UI names it. */
export interface SlotKey {
  client: ProviderClient;
  /** `…abcd`: the last four characters of a long enough key, else `…`; the only part of a key ever shown. */
  hint: string;
  /** Where the key comes from, for the tree: `api_keys` in the file, Secret Storage (all workspaces or this one). */
  origin: 'file' | 'env' | 'stored' | 'workspace';
  /** Why this key cannot work (its variable is unset): it starts rejected with this reason. */
  unavailable?: string;
  /** The endpoint and key source as one string: a rebuilt ring keeps the health of a key with the same identity. */
  identity?: string;
  /** The Secret Storage entries this key reads (value and approved origins): when one changes, its health starts fresh. */
  secrets?: readonly string[];
}

/** One key's health as a ring hands it to the ring built to replace it (config reload, Secret Storage change). */
export interface HandedOverKey {
  identity: string;
  hint: string;
  health: KeyHealth;
  strikes: number;
}

/** Which key an attempt is using: a per-request local the router reads when it reports a failover. */
export interface KeyAttempt {
  /** 1-based, as the keys are listed. */
  key?: number;
}

interface KeyEntry {
  health: KeyHealth;
  strikes: number;
}

/** A ring's stream item that is a move to the next key, not a batch of the answer. */
export function isKeyRotation(item: ChatEventBatch | KeyRotatedEvent): item is KeyRotatedEvent {
  return !Array.isArray(item);
}

/** A key's failure that says nothing about the slot's other keys: the next key may well work. */
function rotates(error: ProviderError): boolean {
  return error.kind === 'rate-limit' || error.kind === 'auth';
}

/**
 * A slot's several keys with a health each: a 429 cools the key (its Retry-After, else the router's backoff), a
 * 401/403 benches it, and the same request moves on to the next healthy key. Only when no key is left does the
 * error reach the router, which fails over to the next slot. Holds health only; per-request state is the caller's.
 */
export class KeyRing {
  private readonly entries: KeyEntry[];
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly slotId: string,
    readonly keys: readonly SlotKey[],
    private readonly settings: Pick<RouterSettings, 'cooldownBaseMs' | 'cooldownMaxMs'>,
    private readonly now: () => number,
  ) {
    const at = now();
    this.entries = keys.map((key, index) => ({
      health: {
        key: index + 1,
        hint: key.hint,
        origin: key.origin,
        ...(key.unavailable
          ? { state: 'rejected', lastError: { kind: 'auth', code: 'missing-key', message: key.unavailable, at } }
          : { state: 'ready' }),
      },
      strikes: 0,
    }));
  }

  /** Each key's health and backoff strikes, for the ring of the router built to replace this one. */
  handover(): HandedOverKey[] {
    return this.entries.flatMap((entry, index) => {
      const identity = this.keys[index].identity;
      return identity
        ? [{ identity, hint: entry.health.hint, health: { ...entry.health }, strikes: entry.strikes }]
        : [];
    });
  }

  /**
   * Takes over the health of the old ring's keys that are still the same key (same endpoint, source and last four
   * characters) and whose Secret Storage entries did not change: a key cooling from a 429 stays cooling when the user
   * adds a second key or edits an unrelated part of the file. Its number follows its place in the new list.
   */
  inherit(previous: readonly HandedOverKey[] | undefined, changedSecrets?: ReadonlySet<string>): void {
    if (!previous?.length) return;
    this.entries.forEach((entry, index) => {
      const key = this.keys[index];
      if (key.unavailable || !key.identity) return;
      if (key.secrets?.some((name) => changedSecrets?.has(name))) return;
      const old = previous.find((candidate) => candidate.identity === key.identity && candidate.hint === key.hint);
      if (!old) return;
      const { state, coolingUntil, lastError } = old.health;
      entry.health = { ...entry.health, state, coolingUntil, lastError };
      entry.strikes = old.strikes;
    });
  }

  /** Every key's health as of now (a cooldown that ran out reads ready). */
  snapshot(): KeyHealth[] {
    const time = this.now();
    return this.entries.map(({ health }) =>
      health.state === 'cooling' && (health.coolingUntil ?? 0) <= time
        ? { ...health, state: 'ready', coolingUntil: undefined }
        : { ...health },
    );
  }

  /** Whether every key is cooling or rejected: the slot itself is then as good as benched. */
  exhausted(): boolean {
    return this.snapshot().every((key) => key.state !== 'ready');
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The keys to try, as indexes: every ready key in the order written; when none is ready, only the one most likely
   * to work (the soonest out of its cooldown, a rejected key last), so a slot of five dead keys costs one request.
   */
  order(): number[] {
    const keys = this.snapshot();
    const ready = keys.filter((key) => key.state === 'ready').map((key) => key.key - 1);
    if (ready.length > 0) return ready;
    const rank = (key: KeyHealth): number =>
      key.state === 'cooling' ? (key.coolingUntil ?? 0) : Number.MAX_SAFE_INTEGER;
    const best = keys.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    return [best.key - 1];
  }

  /**
   * The request on the first healthy key, as batches, moving to the next key on a key's 429/401/403 before any
   * output; each move is one `key-rotated` event between the batches (none when `rotations` is false). Once a key
   * answers, its batches pass straight through: rotation is over.
   */
  streamBatches(
    request: ChatRequest,
    signal: AbortSignal | undefined,
    attempt: KeyAttempt,
    rotations = true,
  ): AsyncIterableIterator<ChatEventBatch | KeyRotatedEvent, undefined> {
    return new Handoff(this.untilAnswered(request, signal, attempt, rotations));
  }

  private async *untilAnswered(
    request: ChatRequest,
    signal: AbortSignal | undefined,
    attempt: KeyAttempt,
    rotations: boolean,
  ): AsyncGenerator<ChatEventBatch | KeyRotatedEvent, Handover<ChatEventBatch> | undefined> {
    const order = this.order();
    for (const [stepIndex, index] of order.entries()) {
      attempt.key = index + 1;
      const inner = { finished: false };
      const iterator = chatEventBatches(this.keys[index].client, request, { signal })[Symbol.asyncIterator]();
      let handedOff = false;
      try {
        for (let next = await step(iterator, inner); !next.done; next = await step(iterator, inner)) {
          if (firstOutput(next.value) < 0) {
            yield next.value;
            continue;
          }
          this.recordSuccess(index);
          handedOff = true;
          return { last: next.value, tail: iterator };
        }
        this.recordSuccess(index);
        return undefined;
      } catch (caught) {
        const error = asProviderError(caught, this.slotId, signal);
        if (rotates(error)) this.recordFailure(index, error);
        const next = order[stepIndex + 1];
        if (signal?.aborted || !rotates(error) || next === undefined) throw caught;
        if (rotations)
          yield {
            type: 'key-rotated',
            slot: this.slotId,
            fromKey: index + 1,
            toKey: next + 1,
            kind: error.kind,
            message: error.message,
            ...(error.status ? { status: error.status } : {}),
          };
      } finally {
        // Left early (the consumer stopped at a yield before the answer): close this key's stream.
        if (!handedOff && !inner.finished) await iterator.return?.();
      }
    }
    return undefined;
  }

  /** The ring as a plain client (hedged races, Test Slots): rotation happens, its events stay inside. */
  asClient(): ProviderClient {
    const batches = (request: ChatRequest, options: RequestOptions = {}): AsyncIterable<ChatEventBatch> =>
      this.streamBatches(request, options.signal, {}, false) as AsyncIterable<ChatEventBatch>;
    const client = batchedClient({
      slotId: this.slotId,
      streamChatBatches: batches,
      send: (request: ChatRequest, options?: RequestOptions): Promise<ChatResult> =>
        collectChat(flattenBatches(batches(request, options))),
      listModels: (options?: RequestOptions): Promise<ModelInfo[]> =>
        this.keys[this.order()[0]].client.listModels(options),
    });
    return client;
  }

  private recordSuccess(index: number): void {
    const entry = this.entries[index];
    if (entry.health.state === 'ready' && entry.strikes === 0 && !entry.health.lastError) return;
    entry.strikes = 0;
    entry.health = { key: entry.health.key, hint: entry.health.hint, origin: entry.health.origin, state: 'ready' };
    this.emit();
  }

  private recordFailure(index: number, error: ProviderError): void {
    const entry = this.entries[index];
    const at = this.now();
    const lastError = {
      kind: error.kind,
      message: error.message,
      ...(error.status ? { status: error.status } : {}),
      ...(error.code ? { code: error.code } : {}),
      at,
    };
    if (error.kind === 'auth') {
      entry.health = { ...entry.health, state: 'rejected', coolingUntil: undefined, lastError };
    } else {
      const backoff = Math.min(this.settings.cooldownMaxMs, this.settings.cooldownBaseMs * 2 ** entry.strikes);
      const wait =
        error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, this.settings.cooldownMaxMs) : backoff;
      entry.strikes++;
      entry.health = { ...entry.health, state: 'cooling', coolingUntil: at + wait, lastError };
    }
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
