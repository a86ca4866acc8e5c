import type { ChatEventBatch } from '../providers/eventBatches';
import { PassThrough } from '../providers/passThrough';
import type { ChatEvent } from '../providers/types';
import { ProviderError, cancelledError } from '../util/errors';
import type { Logger } from '../util/logger';
import type { AttemptDeadline } from './attemptDeadline';
import type { SlotHealthBook } from './slotHealthBook';
import type { SlotAttempt } from './routerError';
import type { RoutedEvent } from './types';

export type UsageEvent = Extract<ChatEvent, { type: 'usage' }>;

/** Events that begin an answer: once one is out, the slot owns the request and there is no failover. */
export function isOutput(event: ChatEvent): boolean {
  return event.type !== 'usage';
}

/** A slot's batch as routed events: a `finish` carries the answering slot (copied only when the batch has one). */
export function withSlot(batch: readonly ChatEvent[], slot: string): readonly RoutedEvent[] {
  for (const event of batch) {
    if (event.type === 'finish') return batch.map((each) => (each.type === 'finish' ? { ...each, slot } : each));
  }
  return batch as readonly RoutedEvent[];
}

/** Where the first output event of a batch is, or -1 when the batch holds only usage. */
export function firstOutput(batch: readonly ChatEvent[]): number {
  for (let index = 0; index < batch.length; index++) if (isOutput(batch[index])) return index;
  return -1;
}

export function asProviderError(error: unknown, slotId: string, signal?: AbortSignal): ProviderError {
  if (signal?.aborted) return cancelledError(slotId, error);
  if (error instanceof ProviderError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError({
    kind: 'invalid-response',
    slot: slotId,
    message: `Unexpected failure: ${message}`,
    cause: error,
  });
}

/** A failure before output, as the router lists it in AllSlotsFailedError. */
export function failedAttempt(slotId: string, error: ProviderError): SlotAttempt {
  return {
    slot: slotId,
    kind: error.kind,
    message: error.message,
    status: error.status,
    ...(error.code !== undefined ? { code: error.code } : {}),
  };
}

/**
 * The answering slot's further batches, straight through with the layers under it folded in (`PassThrough.over`):
 * each `finish` tagged with the slot, a mid-stream failure recorded against it and reported as its typed error,
 * the attempt's deadline disposed when the stream ends.
 */
export function answeringTail(
  iterator: AsyncIterator<ChatEventBatch>,
  slotId: string,
  context: { deadline: AttemptDeadline; book: SlotHealthBook; logger: Logger; signal?: AbortSignal },
): AsyncIterator<readonly RoutedEvent[]> {
  const { deadline, book, logger, signal } = context;
  return PassThrough.over(iterator, {
    map: (batch) => withSlot(batch, slotId),
    error: (caught) => {
      const error = deadline.fired ?? asProviderError(caught, slotId, signal);
      book.recordFailure(slotId, error);
      logger.warn('%s failed mid-stream: %s', slotId, error.message);
      return error;
    },
    end: () => deadline.dispose(),
  });
}
