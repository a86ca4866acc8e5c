import type { ChatRequest } from '../../providers/types';
import type { ChatRouter, FailoverEvent, SlotSkippedEvent } from '../../router/types';
import type { ProviderErrorKind } from '../../util/errors';
import { visibleName } from '../../util/terminalText';

export interface AnswerSink {
  text(text: string): void;
  /** The model's reasoning, streamed before (or between) its text. */
  reasoning?(text: string): void;
  toolCall(id: string, name: string, input: Record<string, unknown>): void;
  /** A slot failed before any output and the router moves on. */
  failover?(event: FailoverEvent, displayName: string): void;
  /** A slot produced its first output: it owns the answer from here. */
  answering?(slot: string, latencyMs: number): void;
}

export interface AnswerOutcome {
  /** The slot that produced output (undefined when none did). */
  slot?: string;
  latencyMs?: number;
  failovers: FailoverEvent[];
  /** Slots passed over because their model cannot take the request (tools, images, context size). */
  skipped: SlotSkippedEvent[];
  /** True once any text or tool call reached the sink. */
  hadOutput: boolean;
}

/** Thrown when a request fails after output began: the partial answer stays, the caller may retry elsewhere. */
export class MidStreamError extends Error {
  constructor(
    readonly outcome: AnswerOutcome,
    readonly failure: unknown,
  ) {
    super(failure instanceof Error ? failure.message : String(failure));
    this.name = 'MidStreamError';
  }
}

/** Streams one routed answer into a sink; shared by the LM provider and the @skynet participant. */
export async function streamRoutedAnswer(
  router: ChatRouter,
  request: ChatRequest,
  options: { signal: AbortSignal; slotId?: string },
  sink: AnswerSink,
): Promise<AnswerOutcome> {
  const outcome: AnswerOutcome = { failovers: [], skipped: [], hadOutput: false };
  const names = new Map(router.slots.map((slot) => [slot.config.id, visibleName(slot.config.displayName)]));
  try {
    // One await per network read: the router hands on every event a read completed together.
    for await (const batch of router.streamBatches(request, options))
      for (const event of batch) {
        switch (event.type) {
          case 'text-delta':
            outcome.hadOutput = true;
            sink.text(event.text);
            break;
          case 'reasoning-delta':
            if (event.text) sink.reasoning?.(event.text);
            break;
          case 'tool-call':
            outcome.hadOutput = true;
            sink.toolCall(event.id, event.name, event.arguments);
            break;
          case 'slot-skipped':
            outcome.skipped.push(event);
            break;
          case 'failover':
            outcome.failovers.push(event);
            sink.failover?.(event, names.get(event.from) ?? event.from);
            break;
          case 'slot-answering':
            outcome.slot = event.slot;
            outcome.latencyMs = event.latencyMs;
            sink.answering?.(event.slot, event.latencyMs);
            break;
          case 'finish':
            outcome.slot = event.slot;
            break;
          default:
            break;
        }
      }
  } catch (error) {
    if (outcome.hadOutput && !options.signal.aborted) throw new MidStreamError(outcome, error);
    throw error;
  }
  return outcome;
}

const KIND_PHRASES: Partial<Record<ProviderErrorKind, string>> = {
  'rate-limit': 'rate limited',
  overloaded: 'overloaded',
  auth: 'rejected the credentials',
  timeout: 'timed out',
  network: 'unreachable',
  server: 'had a server error',
  'not-found': 'does not have the model',
  'invalid-response': 'sent a broken response',
  'context-length': 'found the prompt too long',
};

const SKIP_PHRASES: Record<SlotSkippedEvent['code'], string> = {
  'no-tools': 'skipped (takes no tools)',
  'no-images': 'skipped (takes no images)',
  'context-too-small': 'skipped (window too small)',
  'budget-reached': 'skipped (budget reached)',
};

/** "Perplexity skipped (takes no tools) · Anthropic rate limited · answered by Groq" */
export function describeFailovers(
  failovers: readonly FailoverEvent[],
  answeredBy: string | undefined,
  nameOf: (slot: string) => string,
  skipped: readonly SlotSkippedEvent[] = [],
): string {
  const steps = [
    ...skipped.map((skip) => `${nameOf(skip.slot)} ${SKIP_PHRASES[skip.code]}`),
    ...failovers.map((failover) => `${nameOf(failover.from)} ${KIND_PHRASES[failover.kind] ?? failover.kind}`),
  ];
  if (answeredBy) steps.push(`answered by ${nameOf(answeredBy)}`);
  return steps.join(' · ');
}
