import type { ChatEvent } from '../providers/types';
import { ProviderError, cancelledError } from '../util/errors';
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
