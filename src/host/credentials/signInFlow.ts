import * as os from 'node:os';
import * as vscode from 'vscode';
import { forgetGithubToken, saveGithubToken } from '../../auth/copilot/copilotGithubToken';
import { signInToCopilot } from '../../auth/copilot/copilotSignIn';
import type { DeviceCodePrompt } from '../../auth/deviceFlow';
import { qwenOAuthDescriptor } from '../../providers/qwen/descriptor';
import { qwenCredentialsFile, removeQwenCredentials, writeQwenCredentials } from '../../auth/qwen/qwenCredentials';
import { signInToQwen } from '../../auth/qwen/qwenSignIn';
import type { CopilotSlot, QwenOAuthSlot } from '../../config/types';
import { createHttpClient } from '../../util/http';
import type { SecretCredentialStore } from './secretCredentialStore';
import { notificationText, visibleName } from '../../util/terminalText';

export type SignInSlot = CopilotSlot | QwenOAuthSlot;

export function isSignInSlot(slot: { kind: string }): slot is SignInSlot {
  return slot.kind === 'copilot' || slot.kind === 'qwen-oauth';
}

/**
 * The device flow in VS Code: a cancellable notification shows the code (copied to the clipboard), the browser
 * opens the verification page, and the credentials are saved where the provider reads them.
 */
export async function runSignIn(slot: SignInSlot, credentials: SecretCredentialStore): Promise<boolean> {
  const http = createHttpClient({ connectTimeoutMs: 10_000, firstByteTimeoutMs: 30_000, idleTimeoutMs: 30_000 });
  try {
    return await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Signing in to ${visibleName(slot.displayName)}`,
        cancellable: true,
      },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        const onPrompt = async (prompt: DeviceCodePrompt): Promise<void> => {
          await vscode.env.clipboard.writeText(prompt.userCode);
          progress.report({ message: `enter code ${prompt.userCode} (copied) at ${prompt.verificationUri}` });
          void vscode.env.openExternal(vscode.Uri.parse(prompt.verificationUriComplete ?? prompt.verificationUri));
        };
        try {
          const homeDir = os.homedir();
          if (slot.kind === 'copilot') {
            const githubToken = await signInToCopilot({ slot, http, onPrompt, signal: controller.signal });
            await saveGithubToken(slot, githubToken, { credentials, homeDir });
          } else {
            const saved = await signInToQwen({ slot, http, onPrompt, signal: controller.signal });
            await writeQwenCredentials(
              qwenCredentialsFile(slot.credentialsPath, homeDir),
              saved,
              defaultQwenFile(homeDir),
            );
          }
          return true;
        } catch (error) {
          if (controller.signal.aborted) return false;
          void vscode.window.showErrorMessage(
            `Skynet: sign-in to ${notificationText(slot.displayName)} failed: ${notificationText(error instanceof Error ? error.message : String(error))}`,
          );
          return false;
        } finally {
          subscription.dispose();
        }
      },
    );
  } finally {
    await http.close();
  }
}

/** Signs out; a token_path/credentials_path that is not a sign-in's file is left alone, and the user told why. */
export async function runSignOut(slot: SignInSlot, credentials: SecretCredentialStore): Promise<void> {
  const homeDir = os.homedir();
  try {
    if (slot.kind === 'copilot') await forgetGithubToken(slot, { credentials, homeDir });
    else await removeQwenCredentials(qwenCredentialsFile(slot.credentialsPath, homeDir), defaultQwenFile(homeDir));
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Skynet: signed out of ${notificationText(slot.displayName)}, but ${notificationText(error instanceof Error ? error.message : String(error))}`,
    );
  }
}

function defaultQwenFile(homeDir: string): string {
  return qwenCredentialsFile(qwenOAuthDescriptor.credentialsPath, homeDir);
}
