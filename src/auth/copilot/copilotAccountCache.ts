import { createHash } from 'node:crypto';
import { isProviderError } from '../../util/errors';
import type { CopilotAccount } from './githubAccount';

/** What the Sign-ins view knows about a Copilot sign-in's account right now. */
export type CopilotAccountState =
  | { status: 'looking-up' }
  | { status: 'known'; account: CopilotAccount }
  /** GitHub answered 401: the token was revoked or expired. */
  | { status: 'expired'; message: string }
  /** Not looked up (origin not approved) or the lookup failed (offline): the sign-in may still be fine. */
  | { status: 'unknown'; reason: string };

export interface CopilotAccountCacheOptions {
  lookup(slotId: string, githubToken: string, signal: AbortSignal): Promise<CopilotAccount>;
  /** A lookup finished: the slot's item should be drawn again. */
  onSettled(slotId: string): void;
  now: () => number;
  /** A failed lookup (not a 401) is tried again after this long. */
  retryAfterMs?: number;
}

interface Entry {
  fingerprint: string;
  state: CopilotAccountState;
  settledAt?: number;
}

/** The token is not kept: entries are told apart by a hash of it, so a new sign-in means a new lookup. */
function fingerprintOf(githubToken: string): string {
  return createHash('sha256').update(githubToken).digest('hex').slice(0, 16);
}

/**
 * One account lookup per slot and GitHub token, kept in memory. `state()` never waits: it answers what is known
 * and starts the lookup when nothing is, calling `onSettled` when the answer arrives.
 */
export class CopilotAccountCache {
  private readonly entries = new Map<string, Entry>();
  private readonly controller = new AbortController();

  constructor(private readonly options: CopilotAccountCacheOptions) {}

  state(slotId: string, githubToken: string): CopilotAccountState {
    const fingerprint = fingerprintOf(githubToken);
    const entry = this.entries.get(slotId);
    const retry =
      entry?.state.status === 'unknown' &&
      entry.settledAt !== undefined &&
      this.options.now() - entry.settledAt >= (this.options.retryAfterMs ?? 60_000);
    if (entry && entry.fingerprint === fingerprint && !retry) return entry.state;
    const fresh: Entry = { fingerprint, state: { status: 'looking-up' } };
    this.entries.set(slotId, fresh);
    void this.run(slotId, githubToken, fresh);
    return fresh.state;
  }

  /** Drops what is known (sign-in, sign-out): the next `state()` looks the account up again. */
  forget(slotId?: string): void {
    if (slotId === undefined) this.entries.clear();
    else this.entries.delete(slotId);
  }

  dispose(): void {
    this.controller.abort();
    this.entries.clear();
  }

  private async run(slotId: string, githubToken: string, entry: Entry): Promise<void> {
    let state: CopilotAccountState;
    try {
      state = { status: 'known', account: await this.options.lookup(slotId, githubToken, this.controller.signal) };
    } catch (error) {
      if (isProviderError(error) && error.kind === 'auth' && error.status === 401)
        state = { status: 'expired', message: error.message };
      else state = { status: 'unknown', reason: error instanceof Error ? error.message : String(error) };
    }
    if (this.controller.signal.aborted || this.entries.get(slotId) !== entry) return;
    entry.state = state;
    entry.settledAt = this.options.now();
    this.options.onSettled(slotId);
  }
}
