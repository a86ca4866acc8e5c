import * as vscode from 'vscode';
import { secretKeys } from '../auth/credentialStore';
import type { SlotConfig } from '../config/types';
import type { ConfigService } from '../host/configService';
import type { SecretCredentialStore } from '../host/secretCredentialStore';
import { allowedInRestrictedMode } from './trustCommands';

/** Slots whose key can live in SecretStorage. */
function keyedSlots(service: ConfigService): SlotConfig[] {
  return (service.config?.slots ?? []).filter((slot) => 'apiKey' in slot);
}

async function pickSlot(service: ConfigService, argument: unknown, placeHolder: string): Promise<string | undefined> {
  if (typeof argument === 'string') return argument;
  const fromTree = (argument as { slot?: { config?: { id?: string } } } | undefined)?.slot?.config?.id;
  if (fromTree) return fromTree;
  const slots = keyedSlots(service);
  const picked = await vscode.window.showQuickPick(
    slots.map((slot) => ({ label: slot.id, description: `${slot.displayName} · ${slot.model}` })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.label;
}

export function registerApiKeyCommands(context: vscode.ExtensionContext, service: ConfigService, credentials: SecretCredentialStore): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('skynet.setApiKey', async (argument?: unknown, value?: string) => {
      const slotId = await pickSlot(service, argument, 'Which slot gets the key?');
      if (!slotId) return;
      if (!(await allowedInRestrictedMode(service, `a key stored for ${slotId}`, slotId))) return;
      const key = value ?? (await vscode.window.showInputBox({
        title: `API key for ${slotId}`,
        prompt: 'Stored in VS Code Secret Storage, never in skynet.toml',
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() ? undefined : 'The key cannot be empty'),
      }));
      if (!key?.trim()) return;
      await credentials.set(secretKeys.apiKey(slotId), key.trim());
      await service.reload();
      if (value === undefined) void vscode.window.showInformationMessage(`Skynet: stored the API key for ${slotId}.`);
    }),
    vscode.commands.registerCommand('skynet.clearApiKey', async (argument?: unknown) => {
      const slotId = await pickSlot(service, argument, 'Whose key should be removed from Secret Storage?');
      if (!slotId) return;
      await credentials.delete(secretKeys.apiKey(slotId));
      await service.reload();
      void vscode.window.showInformationMessage(`Skynet: removed the API key for ${slotId}.`);
    }),
  );
}
