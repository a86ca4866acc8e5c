import type { RouterSettings } from '../config/types';
import type { ChatEvent, ChatRequest, ChatResult } from '../providers/types';
import { collectChat } from '../providers/collect';
import { capabilityGap, modelCapabilities, requestNeeds, type RequestNeeds } from '../providers/modelCapabilities';
import { ProviderError, cancelledError } from '../util/errors';
import {
  answeringTail,
  asProviderError,
  failedAttempt,
  firstOutput,
  withSlot,
  type UsageEvent,
} from './attemptOutcome';
import { chatEventBatches, flattenBatches, type ChatEventBatch } from '../providers/eventBatches';
import { Handoff, step, type Handover } from '../providers/passThrough';
import { AttemptDeadline } from './attemptDeadline';
import { hedgedRace } from './hedgedRace';
import { silentLogger, type Logger } from '../util/logger';
import { AllSlotsFailedError, BudgetsReachedError, type SlotAttempt } from './routerError';
import type { HealthHandover } from './healthHandover';
import { isKeyRotation, type KeyAttempt } from './keyRing';
import { SlotHealthBook } from './slotHealthBook';
import type {
  BudgetCheck,
  ChatRouter,
  KeyRotatedEvent,
  RouteOptions,
  RoutedEvent,
  RouterSlot,
  SlotHealth,
  SlotSkippedEvent,
} from './types';

export interface RouterOptions {
  settings: RouterSettings;
  logger?: Logger;
  now?: () => number;
  /** The health of the router this one replaces (`handover()` of the old one): the same slots keep theirs. */
  inherited?: HealthHandover;
  /** Spend budgets: a slot past one is skipped ("budget reached"). */
  budget?: BudgetCheck;
}

/** A slot without a client, as a skipped attempt that carries why (text) and its code (for the UI). */
function unavailableAttempt(slot: RouterSlot): SlotAttempt {
  const attempt: SlotAttempt = {
    slot: slot.config.id,
    kind: 'skipped',
    message: slot.unavailableReason ?? 'unavailable',
  };
  if (slot.unavailableCode) attempt.code = slot.unavailableCode;
  return attempt;
}

/**
 * Tries slots in order and fails over on retriable errors before the first output event.
 * Holds health across requests; per-request state lives in the generator's locals.
 */
export class ProviderRouter implements ChatRouter {
  private readonly book: SlotHealthBook;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly hedgeAfterMs?: number;
  private readonly deadlines: Pick<RouterSettings, 'firstTokenTimeoutMs' | 'requestTimeoutMs'>;
  private readonly budget?: BudgetCheck;

  constructor(
    readonly slots: readonly RouterSlot[],
    options: RouterOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.logger = (options.logger ?? silentLogger).child('router');
    this.book = new SlotHealthBook(slots, options.settings, this.now, options.inherited);
    this.hedgeAfterMs = options.settings.hedgeAfterMs;
    this.budget = options.budget;
    this.deadlines = {
      firstTokenTimeoutMs: options.settings.firstTokenTimeoutMs,
      requestTimeoutMs: options.settings.requestTimeoutMs,
    };
  }

  health(): SlotHealth[] {
    return this.book.snapshot();
  }

  /**
   * Every slot's health with the identity it was earned under, for a router built to replace this one.
   * `changedSecrets`: Secret Storage keys changed since this router was built (their slots start fresh).
   */
  handover(changedSecrets?: ReadonlySet<string>): HealthHandover {
    return this.book.handover(changedSecrets);
  }

  onDidChangeHealth(listener: (health: SlotHealth[]) => void): () => void {
    return this.book.onDidChange(listener);
  }

  /** The slots a request will try, in order: pinned, or every ready slot, benched ones last only when nothing else is left. */
  plan(slotId?: string): { order: RouterSlot[]; skipped: SlotAttempt[] } {
    const skipped: SlotAttempt[] = [];
    if (slotId !== undefined) {
      const slot = this.slots.find((candidate) => candidate.config.id === slotId);
      if (!slot) {
        const known = this.slots.map((candidate) => candidate.config.id).join(', ') || 'none';
        throw new ProviderError({
          kind: 'bad-request',
          slot: 'router',
          message: `No slot "${slotId}" (slots: ${known})`,
        });
      }
      const overBudget = slot.client ? this.budget?.blocked(slot.config.id) : undefined;
      if (!slot.client || overBudget) {
        skipped.push(overBudget ? { slot: slot.config.id, kind: 'skipped', ...overBudget } : unavailableAttempt(slot));
        return { order: [], skipped };
      }
      return { order: [slot], skipped };
    }
    const ready: RouterSlot[] = [];
    const benched: RouterSlot[] = [];
    for (const slot of this.slots) {
      const overBudget = slot.client ? this.budget?.blocked(slot.config.id) : undefined;
      if (!slot.client) {
        skipped.push(unavailableAttempt(slot));
      } else if (overBudget) {
        skipped.push({ slot: slot.config.id, kind: 'skipped', ...overBudget });
      } else if (this.book.isBenched(slot.config.id)) {
        benched.push(slot);
      } else {
        ready.push(slot);
      }
    }
    if (ready.length > 0) {
      for (const slot of benched)
        skipped.push({ slot: slot.config.id, kind: 'skipped', ...this.benchReason(slot.config.id) });
      return { order: ready, skipped };
    }
    // Every usable slot is cooling: try them anyway, the soonest to recover first.
    benched.sort((a, b) => this.book.coolingUntil(a.config.id) - this.book.coolingUntil(b.config.id));
    return { order: benched, skipped };
  }

  /** Why a benched slot is skipped: the text, and the code (a refused origin keeps its own code). */
  private benchReason(slotId: string): { message: string; code: string } {
    const health = this.book.get(slotId);
    if (health?.state === 'cooling' && health.coolingUntil) {
      return { message: `cooling down for ${Math.ceil((health.coolingUntil - this.now()) / 1000)}s`, code: 'cooling' };
    }
    return {
      message: `credentials rejected (${health?.lastError?.message ?? 'auth'})`,
      code: health?.lastError?.code ?? 'credentials-rejected',
    };
  }

  /**
   * Why `slot` cannot take this request (LiteLLM's context-window fallbacks are the model): its model lacks tools
   * or image input the request needs, or its known window is smaller than the request, or than the window of a
   * slot that already answered "too long". Unknown capabilities never skip: the service decides.
   */
  private capabilitySkip(
    slot: RouterSlot,
    request: ChatRequest,
    needs: RequestNeeds,
    refusedWindow: number | undefined,
  ): (SlotAttempt & { code: SlotSkippedEvent['code'] }) | undefined {
    const capabilities = modelCapabilities(slot.config, request.model ?? slot.config.model);
    const gap = capabilityGap(needs, capabilities);
    if (gap) return { slot: slot.config.id, kind: 'skipped', code: gap.code, message: gap.message };
    if (
      refusedWindow !== undefined &&
      capabilities.contextWindow !== undefined &&
      capabilities.contextWindow <= refusedWindow
    ) {
      return {
        slot: slot.config.id,
        kind: 'skipped',
        code: 'context-too-small',
        message: `its model's ${capabilities.contextWindow}-token window is no larger than that of a slot that found the request too long`,
      };
    }
    return undefined;
  }

  /** The routed events one at a time (streamBatches, flattened). */
  streamChat(request: ChatRequest, options: RouteOptions = {}): AsyncGenerator<RoutedEvent> {
    return flattenBatches(this.streamBatches(request, options));
  }

  /**
   * The routed events in batches. Until a slot answers, a generator decides (failover, held usage, key rotation);
   * from the answering slot's second batch on, its batches pass straight through, tagged with the slot.
   */
  streamBatches(
    request: ChatRequest,
    options: RouteOptions = {},
  ): AsyncIterableIterator<readonly RoutedEvent[], undefined> {
    return new Handoff(this.untilAnswering(request, options));
  }

  private async *untilAnswering(
    request: ChatRequest,
    options: RouteOptions,
  ): AsyncGenerator<readonly RoutedEvent[], Handover<readonly RoutedEvent[]> | undefined> {
    const { signal } = options;
    if (signal?.aborted) throw cancelledError('router', signal.reason);
    const { order, skipped } = this.plan(options.slotId);
    const attempts: SlotAttempt[] = [...skipped];
    for (const skip of skipped) {
      if (skip.code === 'budget-reached')
        yield [{ type: 'slot-skipped', slot: skip.slot, code: 'budget-reached', message: skip.message }];
    }
    if (order.length === 0 && skipped.some((skip) => skip.code === 'budget-reached'))
      throw new BudgetsReachedError(attempts);
    let lastError: ProviderError | undefined;
    const needs = requestNeeds(request);
    // A pinned slot is the caller's choice: it is asked whatever it can do.
    const capable: RouterSlot[] = [];
    for (const slot of order) {
      const skip = options.slotId === undefined ? this.capabilitySkip(slot, request, needs, undefined) : undefined;
      if (!skip) {
        capable.push(slot);
        continue;
      }
      this.logger.info('%s skipped: %s', slot.config.id, skip.message);
      attempts.push(skip);
      yield [{ type: 'slot-skipped', slot: slot.config.id, code: skip.code, message: skip.message }];
    }
    if (this.hedgeAfterMs !== undefined && options.slotId === undefined && capable.length > 1) {
      return yield* hedgedRace(capable, request, attempts, {
        book: this.book,
        logger: this.logger,
        now: this.now,
        hedgeAfterMs: this.hedgeAfterMs,
        deadlines: this.deadlines,
        signal,
      });
    }
    // The largest window known to be too small for this request (a slot answered context-length).
    let refusedWindow: number | undefined;

    for (const slot of capable) {
      const slotId = slot.config.id;
      const skip = refusedWindow !== undefined ? this.capabilitySkip(slot, request, needs, refusedWindow) : undefined;
      if (skip) {
        this.logger.info('%s skipped: %s', slotId, skip.message);
        attempts.push(skip);
        yield [{ type: 'slot-skipped', slot: slotId, code: skip.code, message: skip.message }];
        continue;
      }
      const started = this.now();
      const held: UsageEvent[] = [];
      let answering = false;
      const deadline = new AttemptDeadline(slotId, this.deadlines, [signal]);
      const keyAttempt: KeyAttempt = {};
      const inner = { finished: false };
      let iterator: AsyncIterator<ChatEventBatch | KeyRotatedEvent> | undefined;
      let handedOff = false;
      try {
        const slotRequest: ChatRequest = { ...request, model: request.model ?? slot.config.model };
        const batches = slot.keys
          ? slot.keys.streamBatches(slotRequest, deadline.signal, keyAttempt)
          : chatEventBatches(slot.client!, slotRequest, { signal: deadline.signal });
        iterator = batches[Symbol.asyncIterator]();
        for (let next = await step(iterator, inner); !next.done; next = await step(iterator, inner)) {
          const batch = next.value;
          if (isKeyRotation(batch)) {
            this.logger.info(
              '%s key %d failed before output (%s); trying key %d',
              slotId,
              batch.fromKey,
              batch.kind,
              batch.toKey,
            );
            yield [batch];
            continue;
          }
          if (firstOutput(batch) < 0) {
            held.push(...(batch as UsageEvent[]));
            continue;
          }
          answering = true;
          deadline.answered();
          const latencyMs = this.now() - started;
          this.book.recordSuccess(slotId, latencyMs);
          // The slot owns the request now: its batches pass through (the ring rotates no more once answered), the
          // layers under the router folded into this one step per batch.
          handedOff = true;
          return {
            last: [{ type: 'slot-answering', slot: slotId, latencyMs }, ...held, ...withSlot(batch, slotId)],
            tail: answeringTail(iterator as AsyncIterator<ChatEventBatch>, slotId, {
              deadline,
              book: this.book,
              logger: this.logger,
              signal,
            }),
          };
        }
        // A stream that ended without any output still answered (an empty reply).
        const latencyMs = this.now() - started;
        this.book.recordSuccess(slotId, latencyMs);
        yield [{ type: 'slot-answering', slot: slotId, latencyMs }, ...held];
        return undefined;
      } catch (caught) {
        const error = deadline.fired ?? asProviderError(caught, slotId, signal);
        this.book.recordFailure(slotId, error);
        // Too long for this slot's model is not the end: a slot with a larger window may take it.
        const tooLong = error.kind === 'context-length';
        if (tooLong)
          refusedWindow = Math.max(
            refusedWindow ?? 0,
            modelCapabilities(slot.config, request.model ?? slot.config.model).contextWindow ?? 0,
          );
        // A pinned slot has nothing to fail over to: its own error is the answer.
        if (answering || !(error.failsOver || tooLong) || signal?.aborted || options.slotId !== undefined) {
          this.logger.warn('%s failed%s: %s', slotId, answering ? ' mid-stream' : '', error.message);
          throw error;
        }
        this.logger.info('%s failed before output (%s): %s', slotId, error.kind, error.message);
        attempts.push(failedAttempt(slotId, error));
        lastError = error;
        yield [
          {
            type: 'failover',
            from: slotId,
            kind: error.kind,
            message: error.message,
            status: error.status,
            ...(keyAttempt.key !== undefined ? { key: keyAttempt.key } : {}),
          },
        ];
      } finally {
        if (!handedOff) {
          deadline.dispose();
          // Left early (the consumer stopped at a yield above): close the slot's stream, as for-await did.
          if (iterator && !inner.finished) await iterator.return?.();
        }
      }
    }
    throw new AllSlotsFailedError(attempts, lastError);
  }

  /** The whole answer at once, through the same failover. */
  async send(request: ChatRequest, options: RouteOptions = {}): Promise<ChatResult & { slot?: string }> {
    let slot: string | undefined;
    const events = this.streamChat(request, options);
    async function* chatEvents(): AsyncGenerator<ChatEvent> {
      for await (const event of events) {
        if (
          event.type === 'failover' ||
          event.type === 'key-rotated' ||
          event.type === 'slot-answering' ||
          event.type === 'slot-skipped'
        ) {
          if (event.type === 'slot-answering') slot = event.slot;
          continue;
        }
        yield event;
      }
    }
    const result = await collectChat(chatEvents());
    return { ...result, slot };
  }
}
