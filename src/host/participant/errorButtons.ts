import * as vscode from 'vscode';
import type { SlotConfig } from '../../config/types';
import { AllSlotsFailedError, type SlotAttempt } from '../../router/routerError';
import type { RouterSlot } from '../../router/types';
import { isProviderError } from '../../util/errors';
import { trustButtons } from '../credentials/trustNotice';
import { visibleName } from '../../util/terminalText';

/** The router's attempt codes the buttons depend on (see SlotAttempt.code). */
const UNTRUSTED = 'untrusted-workspace';
const ORIGIN_REFUSED = 'origin-not-approved';
const CREDENTIAL_CODES: ReadonlySet<string> = new Set(['needs-credentials', 'credentials-rejected']);

/** The buttons that fix an error: a key to set, an account to sign in, the config to open. */
export function errorFixes(error: unknown, slots: readonly SlotConfig[]): vscode.Command[] {
  if (error instanceof AllSlotsFailedError) return attemptFixes(error.attempts, slots);
  const failed = new Set<string>();
  if (isProviderError(error) && error.kind === 'auth' && error.code !== ORIGIN_REFUSED) failed.add(error.slot);
  return fixesFor(failed, false, slots);
}

/** The buttons that fix a slot without a client (untrusted workspace, missing key or sign-in). */
export function unavailableSlotFixes(slot: RouterSlot, slots: readonly SlotConfig[]): vscode.Command[] {
  return attemptFixes(
    [
      {
        slot: slot.config.id,
        kind: 'skipped',
        message: slot.unavailableReason ?? 'unavailable',
        code: slot.unavailableCode,
      },
    ],
    slots,
  );
}

/** Decided on each attempt's kind and code, never on its message text. */
function attemptFixes(attempts: readonly SlotAttempt[], slots: readonly SlotConfig[]): vscode.Command[] {
  const failed = new Set<string>();
  let untrusted = false;
  for (const attempt of attempts) {
    // A slot the untrusted workspace may not use is fixed by trust (or the user's own file), not by a key.
    if (attempt.code === UNTRUSTED) {
      untrusted = true;
      continue;
    }
    // A refused origin is fixed by approving it (the next request asks again), not by a new key.
    if (attempt.code === ORIGIN_REFUSED) continue;
    if (attempt.kind === 'auth' || (attempt.code !== undefined && CREDENTIAL_CODES.has(attempt.code)))
      failed.add(attempt.slot);
  }
  return fixesFor(failed, untrusted, slots);
}

function fixesFor(failed: ReadonlySet<string>, untrusted: boolean, slots: readonly SlotConfig[]): vscode.Command[] {
  const fixes: vscode.Command[] = [];
  for (const slotId of failed) {
    const slot = slots.find((candidate) => candidate.id === slotId);
    if (!slot) continue;
    if (slot.kind === 'copilot' || slot.kind === 'qwen-oauth') {
      fixes.push({
        command: 'skynet.signIn',
        title: `Sign In to ${visibleName(slot.displayName)}`,
        arguments: [slot.id],
      });
    } else if ('apiKey' in slot) {
      fixes.push({
        command: 'skynet.setApiKey',
        title: `Set API Key for ${visibleName(slot.displayName)}`,
        arguments: [slot.id],
      });
    }
  }
  if (untrusted) fixes.push(...trustButtons());
  if (slots.length === 0) fixes.push({ command: 'skynet.addProvider', title: 'Add Provider' });
  fixes.push({ command: 'skynet.openConfig', title: 'Open skynet.toml' });
  return fixes;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
