import type { RouterSettings } from '../config/types';
import { ProviderError } from '../util/errors';

/** `[router] first_token_timeout_ms` when unset: a slot that has produced no output in two minutes is not answering. */
export const DEFAULT_FIRST_TOKEN_TIMEOUT_MS = 120_000;

/**
 * The router's own clocks on one attempt, over the transport's idle timeout that SSE comments and drip-fed bytes
 * keep resetting: `first_token_timeout_ms` from sending the request to the first output event (text, reasoning,
 * tool call, finish; comments, pings and empty chunks never reach the router as events), and the overall
 * `request_timeout_ms`. Either one aborts the attempt's signal; `fired` is then the typed timeout to report.
 * The parents (the caller's signal, a hedged race's) abort it through a listener that `dispose()` removes: one
 * `AbortSignal.any` cost about 40 µs per request on Node 20, more than the rest of the router's work per request.
 */
export class AttemptDeadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private firstToken: NodeJS.Timeout | undefined;
  private readonly overall: NodeJS.Timeout | undefined;
  private timedOut: ProviderError | undefined;
  private readonly parents: AbortSignal[] = [];

  constructor(
    private readonly slotId: string,
    settings: Pick<RouterSettings, 'firstTokenTimeoutMs' | 'requestTimeoutMs'>,
    parents: ReadonlyArray<AbortSignal | undefined>,
  ) {
    this.signal = this.controller.signal;
    for (const parent of parents) {
      if (!parent) continue;
      if (parent.aborted) {
        this.controller.abort(parent.reason);
        break;
      }
      parent.addEventListener('abort', this.onParentAbort);
      this.parents.push(parent);
    }
    const firstTokenMs = settings.firstTokenTimeoutMs ?? DEFAULT_FIRST_TOKEN_TIMEOUT_MS;
    this.firstToken = setTimeout(
      () => this.fire(`no output within first_token_timeout_ms (${firstTokenMs} ms) of sending the request`),
      firstTokenMs,
    );
    if (settings.requestTimeoutMs !== undefined) {
      const requestMs = settings.requestTimeoutMs;
      this.overall = setTimeout(
        () => this.fire(`the request took longer than request_timeout_ms (${requestMs} ms)`),
        requestMs,
      );
    }
  }

  /** The timeout that ended the attempt, if one did: the error to report instead of the abort it caused. */
  get fired(): ProviderError | undefined {
    return this.timedOut;
  }

  /** The first output event arrived: only the overall deadline is left. */
  answered(): void {
    clearTimeout(this.firstToken);
    this.firstToken = undefined;
  }

  /** The attempt is over: its clocks stop, and its parents no longer hold it. */
  dispose(): void {
    clearTimeout(this.firstToken);
    clearTimeout(this.overall);
    for (const parent of this.parents.splice(0)) parent.removeEventListener('abort', this.onParentAbort);
  }

  private readonly onParentAbort = (event: Event): void => {
    this.dispose();
    this.controller.abort((event.target as AbortSignal).reason);
  };

  private fire(message: string): void {
    if (this.timedOut || this.signal.aborted) return;
    this.timedOut = new ProviderError({ kind: 'timeout', slot: this.slotId, message: `Timed out: ${message}` });
    this.dispose();
    this.controller.abort(this.timedOut);
  }
}
