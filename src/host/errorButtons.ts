import * as vscode from 'vscode';
import type { SlotConfig } from '../config/types';
import { AllSlotsFailedError } from '../router/routerError';
import { isProviderError } from '../util/errors';
import { isUntrustedReason, trustButtons } from './trustNotice';

/** The buttons that fix an error: a key to set, an account to sign in, the config to open. */
export function errorFixes(error: unknown, slots: readonly SlotConfig[]): vscode.Command[] {
  const fixes: vscode.Command[] = [];
  const failed = new Set<string>();
  let untrusted = false;
  if (error instanceof AllSlotsFailedError) {
    for (const attempt of error.attempts) {
      // A slot the untrusted workspace may not use is fixed by trust (or the user's own file), not by a key.
      if (isUntrustedReason(attempt.message)) {
        untrusted = true;
        continue;
      }
      // A refused origin is fixed by approving it (the next request asks again), not by a new key.
      if (/approve that origin/.test(attempt.message)) continue;
      if (attempt.kind === 'auth' || /key|sign/i.test(attempt.message)) failed.add(attempt.slot);
    }
  } else if (isProviderError(error) && error.kind === 'auth' && error.code !== 'origin-not-approved') {
    failed.add(error.provider);
  }
  for (const slotId of failed) {
    const slot = slots.find((candidate) => candidate.id === slotId);
    if (!slot) continue;
    if (slot.kind === 'copilot' || slot.kind === 'qwen-oauth') {
      fixes.push({ command: 'skynet.signIn', title: `Sign In to ${slot.displayName}`, arguments: [slot.id] });
    } else if ('apiKey' in slot) {
      fixes.push({ command: 'skynet.setApiKey', title: `Set API Key for ${slot.displayName}`, arguments: [slot.id] });
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
