import * as vscode from 'vscode';
import type { ConfigService } from '../host/configService/configService';
import { TRUST_WORKSPACE, USE_USER_CONFIG } from '../host/credentials/trustNotice';
import { notificationText } from '../util/terminalText';

/**
 * In restricted mode (untrusted workspace, its own skynet.toml in use), an action that would store or send the
 * user's credentials for the workspace file explains why it does nothing and offers the two ways out.
 * Resolves true when the action may go on (trusted, the user's own file, or the user switched to it now).
 */
export async function allowedInRestrictedMode(service: ConfigService, what: string, slotId?: string): Promise<boolean> {
  if (!service.restricted) return true;
  if (slotId !== undefined && !service.untrustedSlots.has(slotId)) return true;
  const picked = await vscode.window.showWarningMessage(
    `Skynet: this workspace is not trusted, so its skynet.toml may not use your keys or sign-ins; ${notificationText(what)} would have no effect here. Trust the workspace, or use your own ~/.skynet/skynet.toml in this window.`,
    TRUST_WORKSPACE.title,
    USE_USER_CONFIG.title,
  );
  if (picked === TRUST_WORKSPACE.title) await vscode.commands.executeCommand(TRUST_WORKSPACE.command);
  if (picked === USE_USER_CONFIG.title) {
    await service.useSource('user');
    return slotId === undefined; // a slot of the workspace file does not exist in the user's file
  }
  return false;
}

/** "Use My User-Level Config" and back: this window's choice, remembered in workspaceState. */
export function registerTrustCommands(context: vscode.ExtensionContext, service: ConfigService): void {
  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'skynet.userConfig', service.source === 'user');
  };
  updateContext();
  context.subscriptions.push(
    service.onDidChange(updateContext),
    vscode.commands.registerCommand(USE_USER_CONFIG.command, async () => {
      await service.useSource('user');
      if (!service.configFile) {
        const create = 'Create It';
        const picked = await vscode.window.showInformationMessage(
          `Skynet: ${notificationText(service.userConfigFile)} does not exist yet; until it does, only providers from your environment are used.`,
          create,
        );
        if (picked === create) await vscode.commands.executeCommand('skynet.openConfig');
      }
    }),
    vscode.commands.registerCommand('skynet.useWorkspaceConfig', () => service.useSource('workspace')),
  );
}
