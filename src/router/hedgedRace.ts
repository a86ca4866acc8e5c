import type { RouterSettings } from '../config/types';
import type { ChatRequest } from '../providers/types';
import { chatEventBatches, type ChatEventBatch } from '../providers/eventBatches';
import type { Handover } from '../providers/passThrough';
import type { ProviderError } from '../util/errors';
import type { Logger } from '../util/logger';
import { AttemptDeadline } from './attemptDeadline';
import {
  answeringTail,
  asProviderError,
  failedAttempt,
  firstOutput,
  withSlot,
  type UsageEvent,
} from './attemptOutcome';
import { AllSlotsFailedError, type SlotAttempt } from './routerError';
import type { SlotHealthBook } from './slotHealthBook';
import type { RoutedEvent, RouterSlot } from './types';

interface Attempt {
  slot: RouterSlot;
  controller: AbortController;
  deadline: AttemptDeadline;
  iterator: AsyncIterator<ChatEventBatch>;
  started: number;
  held: UsageEvent[];
  next: Promise<Step>;
}

interface Step {
  attempt: Attempt;
  result?: IteratorResult<ChatEventBatch>;
  error?: unknown;
}

export interface RaceContext {
  book: SlotHealthBook;
  logger: Logger;
  now: () => number;
  hedgeAfterMs: number;
  deadlines: Pick<RouterSettings, 'firstTokenTimeoutMs' | 'requestTimeoutMs'>;
  signal?: AbortSignal;
}

function pull(attempt: Attempt): Promise<Step> {
  return attempt.iterator.next().then(
    (result) => ({ attempt, result }),
    (error: unknown) => ({ attempt, error }),
  );
}

/** Ends a losing attempt at once: its connection closes, and nothing it did is shown or counted. */
function cancel(attempt: Attempt): void {
  attempt.controller.abort();
  attempt.deadline.dispose();
  attempt.iterator.return?.().catch(() => undefined);
}

/**
 * Failover with hedging: slots are tried in `order`, and whenever the newest attempt has produced no output for
 * `hedgeAfterMs`, the next slot is asked as well. The first attempt to produce output wins and every other one is
 * cancelled; an attempt that fails before output fails over as usual. `attempts` starts with the skipped slots.
 */
export async function* hedgedRace(
  order: readonly RouterSlot[],
  request: ChatRequest,
  attempts: SlotAttempt[],
  context: RaceContext,
): AsyncGenerator<readonly RoutedEvent[], Handover<readonly RoutedEvent[]> | undefined> {
  const { book, logger, now, signal } = context;
  const active: Attempt[] = [];
  let launched = 0;
  let lastLaunch = 0;
  let lastError: ProviderError | undefined;

  const launch = (): void => {
    const slot = order[launched++];
    const controller = new AbortController();
    const deadline = new AttemptDeadline(slot.config.id, context.deadlines, [signal, controller.signal]);
    const slotRequest: ChatRequest = { ...request, model: request.model ?? slot.config.model };
    const iterator = chatEventBatches(slot.client!, slotRequest, { signal: deadline.signal })[Symbol.asyncIterator]();
    const attempt: Attempt = {
      slot,
      controller,
      deadline,
      iterator,
      started: now(),
      held: [],
      next: undefined as unknown as Promise<Step>,
    };
    attempt.next = pull(attempt);
    active.push(attempt);
    lastLaunch = now();
  };

  let winner: Attempt | undefined;
  let handedOff = false;
  try {
    launch();
    while (!winner) {
      if (active.length === 0) {
        if (launched >= order.length) throw new AllSlotsFailedError(attempts, lastError);
        launch();
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      const hedge =
        launched < order.length
          ? new Promise<'hedge'>(
              (resolve) =>
                (timer = setTimeout(resolve, Math.max(0, context.hedgeAfterMs - (now() - lastLaunch)), 'hedge')),
            )
          : undefined;
      const step = await Promise.race(
        hedge ? [...active.map((attempt) => attempt.next), hedge] : active.map((attempt) => attempt.next),
      );
      clearTimeout(timer);
      if (step === 'hedge') {
        logger.info(
          '%s has sent nothing for %d ms: asking %s too',
          active[active.length - 1].slot.config.id,
          context.hedgeAfterMs,
          order[launched].config.id,
        );
        launch();
        continue;
      }
      const { attempt } = step;
      const slotId = attempt.slot.config.id;
      if (step.error !== undefined || !step.result) {
        active.splice(active.indexOf(attempt), 1);
        attempt.deadline.dispose();
        const error = attempt.deadline.fired ?? asProviderError(step.error, slotId, signal);
        if (signal?.aborted) throw error;
        book.recordFailure(slotId, error);
        if (!error.failsOver) throw error;
        logger.info('%s failed before output (%s): %s', slotId, error.kind, error.message);
        attempts.push(failedAttempt(slotId, error));
        lastError = error;
        yield [{ type: 'failover', from: slotId, kind: error.kind, message: error.message, status: error.status }];
        continue;
      }
      if (!step.result.done && firstOutput(step.result.value) < 0) {
        attempt.held.push(...(step.result.value as UsageEvent[]));
        attempt.next = pull(attempt);
        continue;
      }
      winner = attempt;
      attempt.deadline.answered();
      active.splice(active.indexOf(attempt), 1);
      for (const other of active.splice(0)) cancel(other);
      const latencyMs = now() - attempt.started;
      book.recordSuccess(slotId, latencyMs);
      const answering: RoutedEvent = { type: 'slot-answering', slot: slotId, latencyMs };
      if (step.result.done) {
        yield [answering, ...attempt.held];
        return undefined;
      }
      // The winner's further batches pass straight through (see Handoff); its deadline ends with its stream.
      const { deadline, iterator } = attempt;
      handedOff = true;
      return {
        last: [answering, ...attempt.held, ...withSlot(step.result.value, slotId)],
        tail: answeringTail(iterator, slotId, { deadline, book, logger, signal }),
      };
    }
    return undefined;
  } finally {
    for (const attempt of active) cancel(attempt);
    if (winner && !handedOff) {
      winner.deadline.dispose();
      winner.iterator.return?.().catch(() => undefined);
    }
  }
}
