import type { ChatEvent } from '../providers/types';
import { ProviderError, cancelledError } from '../util/errors';
import type { SlotAttempt } from './routerError';

export type UsageEvent = Extract<ChatEvent, { type: 'usage' }>;

/** Events that begin an answer: once one is out, the slot owns the request and there is no failover. */
export function isOutput(event: ChatEvent): boolean {
  return event.type !== 'usage';
}

export function asProviderError(error: unknown, slotId: string, signal?: AbortSignal): ProviderError {
  if (signal?.aborted) return cancelledError(slotId, error);
  if (error instanceof ProviderError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError({ kind: 'invalid-response', slot: slotId, message: `Unexpected failure: ${message}`, cause: error });
}

/** A failure before output, as the router lists it in AllSlotsFailedError. */
export function failedAttempt(slotId: string, error: ProviderError): SlotAttempt {
  return { slot: slotId, kind: error.kind, message: error.message, status: error.status, ...(error.code !== undefined ? { code: error.code } : {}) };
}
