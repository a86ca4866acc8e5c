import { ProviderError, type ProviderErrorKind } from '../util/errors';

export interface SlotAttempt {
  slot: string;
  kind: ProviderErrorKind | 'skipped';
  message: string;
  status?: number;
  /**
   * What the UI decides on: the ProviderError's code for a failed request (e.g. 'origin-not-approved'); for a
   * skipped slot its UnavailableCode, or 'cooling' / 'credentials-rejected' (or the rejecting error's code) when benched.
   */
  code?: string;
}

/** Every slot tried failed (or none could be tried): one error that lists each slot's reason. */
export class AllSlotsFailedError extends ProviderError {
  readonly attempts: readonly SlotAttempt[];

  /** `instead`: a subclass's own kind, code and message. */
  constructor(
    attempts: SlotAttempt[],
    last?: ProviderError,
    instead?: { kind: ProviderErrorKind; code: string; message: string },
  ) {
    const reasons = attempts.map((attempt) => `${attempt.slot}: ${attempt.message}`).join('; ');
    super({
      kind: last?.kind ?? 'network',
      slot: 'router',
      status: last?.status,
      retryAfterMs: last?.retryAfterMs,
      message: attempts.length === 0 ? 'No slot is configured and available' : `Every slot failed. ${reasons}`,
      cause: last,
      ...instead,
    });
    this.name = 'AllSlotsFailedError';
    this.attempts = attempts;
  }

  /** Nothing is left to fail over to. */
  override get failsOver(): boolean {
    return false;
  }
}

/** No slot could be asked and budgets stopped at least one: the error names each budget and how to raise it. */
export class BudgetsReachedError extends AllSlotsFailedError {
  constructor(attempts: SlotAttempt[]) {
    const reasons = attempts.map((attempt) => `${attempt.slot}: ${attempt.message}`).join('; ');
    super(attempts, undefined, {
      kind: 'rate-limit',
      code: 'budget-reached',
      message: `No slot is left within its spend budget. ${reasons}. Raise a budget in skynet.toml, or wait for it to reset.`,
    });
    this.name = 'BudgetsReachedError';
  }
}
