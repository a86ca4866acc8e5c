import * as vscode from 'vscode';
import { secretKeys } from '../../auth/credentialStore';
import { removeApiKey, type SkynetConfig } from '../../config';
import { plaintextKeyPlaces } from '../../config/plaintextKeyPlaces';
import { editConfigFile } from '../configService/editConfigFile';
import type { SecretCredentialStore } from './secretCredentialStore';

export const PLAINTEXT_KEY_CODE = 'plaintext-api-key';

/** Items of `api_keys` in plain text: warned about, but the quick fix (which moves `api_key`) does not apply. */
export const PLAINTEXT_LIST_KEY_CODE = 'plaintext-api-keys-item';

/** A warning on every key written in plain text in skynet.toml, `api_key` or an item of `api_keys` (an `${env:…}` reference is fine). */
export function plaintextKeyDiagnostics(config: SkynetConfig, text: string): vscode.Diagnostic[] {
  return plaintextKeyPlaces(config, text).map((place) => {
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(place.line, place.start, place.line, place.end),
      place.item === undefined
        ? `The API key of ${place.slotId} is written in plain text; anyone who can read this file (or its git history) has it. Move it to Secret Storage.`
        : `Key ${place.item} of api_keys of ${place.slotId} is written in plain text; anyone who can read this file (or its git history) has it. Write "\${env:NAME}" instead, or remove api_keys and store the keys with "Skynet: Add API Key".`,
      vscode.DiagnosticSeverity.Warning,
    );
    diagnostic.source = 'skynet';
    diagnostic.code = place.item === undefined ? PLAINTEXT_KEY_CODE : PLAINTEXT_LIST_KEY_CODE;
    return diagnostic;
  });
}

/** Quick fix "Move key to Secret Storage" on those warnings. */
export function registerPlaintextKeyActions(
  context: vscode.ExtensionContext,
  credentials: SecretCredentialStore,
  current: () => SkynetConfig | undefined,
  /** Untrusted workspace with its own file in use: the repository's key is not moved into the user's Secret Storage. */
  restricted: () => boolean = () => false,
): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(
      { pattern: '**/skynet.toml' },
      {
        provideCodeActions(_document, _range, actionContext) {
          if (restricted()) return [];
          return actionContext.diagnostics
            .filter((diagnostic) => diagnostic.code === PLAINTEXT_KEY_CODE)
            .map((diagnostic) => {
              const slotId = /The API key of (\S+) is/.exec(diagnostic.message)?.[1] ?? '';
              const action = new vscode.CodeAction('Move key to Secret Storage', vscode.CodeActionKind.QuickFix);
              action.diagnostics = [diagnostic];
              action.isPreferred = true;
              action.command = {
                command: 'skynet.moveKeyToSecretStorage',
                title: 'Move key to Secret Storage',
                arguments: [slotId],
              };
              return action;
            });
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.commands.registerCommand('skynet.moveKeyToSecretStorage', async (slotId: string) => {
      const config = current();
      const slot = config?.slots.find((candidate) => candidate.id === slotId);
      if (!config || !slot || !('apiKey' in slot) || slot.apiKey.type !== 'literal') return false;
      if (restricted()) {
        // Stored, the key would become one of the user's secrets, which this workspace's file may then not use.
        void vscode.window.showWarningMessage(
          'Skynet: this workspace is not trusted; its key stays in its skynet.toml. Trust the workspace first to move the key into your Secret Storage.',
        );
        return false;
      }
      // The key is stored before it leaves the file, so a failed edit never loses it.
      await credentials.set(secretKeys.apiKey(slot.id), slot.apiKey.value);
      const removed = await editConfigFile(config.file, (text) => removeApiKey(text, slot.id));
      return removed;
    }),
  );
}
