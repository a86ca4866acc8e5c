import * as vscode from 'vscode';
import type { ConfirmOrigin } from '../../trust/originGuard';
import { notificationText } from '../../util/terminalText';

/**
 * Asks, in a modal, before a secret goes to an address skynet.toml chose (not the provider's own), or one a
 * service's reply named that is not among its documented hosts: a cloned repository's config must not be able to
 * collect the user's keys. The answer is remembered per secret and origin.
 */
export function createConfirmOrigin(): ConfirmOrigin {
  return async (prompt) => {
    const allow = 'Send It There';
    const question = prompt.namedBy
      ? `${notificationText(prompt.namedBy)} names ${notificationText(prompt.origin)} as the address for ${notificationText(prompt.secretLabel)} (slot "${notificationText(prompt.slotId)}"), which is not one of the service's own addresses.`
      : `skynet.toml sends ${notificationText(prompt.secretLabel)} to ${notificationText(prompt.origin)} (slot "${notificationText(prompt.slotId)}"), which is not the provider's own address.`;
    const answer = await vscode.window.showWarningMessage(
      question,
      {
        modal: true,
        detail:
          'Allow only if you trust this workspace and that server. Skynet remembers your answer for this key and address.',
      },
      allow,
    );
    return answer === allow;
  };
}
