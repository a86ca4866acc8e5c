import * as vscode from 'vscode';
import { secretKeys } from '../../auth/credentialStore';
import { removeApiKey, type SkynetConfig } from '../../config';
import { editConfigFile } from '../configService/editConfigFile';
import type { SecretCredentialStore } from './secretCredentialStore';

export const PLAINTEXT_KEY_CODE = 'plaintext-api-key';

/** The 0-based line of `api_key = …` inside the table that starts at `tableLine` (1-based), if any. */
export function findApiKeyLine(lines: readonly string[], tableLine: number): number | undefined {
  for (let index = Math.max(0, tableLine); index < lines.length; index++) {
    if (/^\s*\[/.test(lines[index])) return undefined;
    if (/^\s*api_key\s*=/.test(lines[index])) return index;
  }
  return undefined;
}

/** A warning on every `api_key` written in plain text in skynet.toml (an `${env:…}` reference is fine). */
export function plaintextKeyDiagnostics(config: SkynetConfig, text: string): vscode.Diagnostic[] {
  const lines = text.split(/\r?\n/);
  const diagnostics: vscode.Diagnostic[] = [];
  for (const slot of config.slots) {
    if (!('apiKey' in slot) || slot.apiKey.type !== 'literal' || slot.source.file !== config.file) continue;
    const line = findApiKeyLine(lines, slot.source.line);
    if (line === undefined) continue;
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(line, 0, line, lines[line].length),
      `The API key of ${slot.id} is written in plain text; anyone who can read this file (or its git history) has it. Move it to Secret Storage.`,
      vscode.DiagnosticSeverity.Warning,
    );
    diagnostic.source = 'skynet';
    diagnostic.code = PLAINTEXT_KEY_CODE;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
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
    vscode.languages.registerCodeActionsProvider({ pattern: '**/skynet.toml' }, {
      provideCodeActions(_document, _range, actionContext) {
        if (restricted()) return [];
        return actionContext.diagnostics
          .filter((diagnostic) => diagnostic.code === PLAINTEXT_KEY_CODE)
          .map((diagnostic) => {
            const slotId = /The API key of (\S+) is/.exec(diagnostic.message)?.[1] ?? '';
            const action = new vscode.CodeAction('Move key to Secret Storage', vscode.CodeActionKind.QuickFix);
            action.diagnostics = [diagnostic];
            action.isPreferred = true;
            action.command = { command: 'skynet.moveKeyToSecretStorage', title: 'Move key to Secret Storage', arguments: [slotId] };
            return action;
          });
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand('skynet.moveKeyToSecretStorage', async (slotId: string) => {
      const config = current();
      const slot = config?.slots.find((candidate) => candidate.id === slotId);
      if (!config || !slot || !('apiKey' in slot) || slot.apiKey.type !== 'literal') return false;
      if (restricted()) {
        // Stored, the key would become one of the user's secrets, which this workspace's file may then not use.
        void vscode.window.showWarningMessage('Skynet: this workspace is not trusted; its key stays in its skynet.toml. Trust the workspace first to move the key into your Secret Storage.');
        return false;
      }
      // The key is stored before it leaves the file, so a failed edit never loses it.
      await credentials.set(secretKeys.apiKey(slot.id), slot.apiKey.value);
      const removed = await editConfigFile(config.file, (text) => removeApiKey(text, slot.id));
      return removed;
    }),
  );
}
