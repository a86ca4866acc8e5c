import * as vscode from 'vscode';
import { secretKeys } from '../auth/credentialStore';
import { keyEntryBinding, type OriginApprovals } from '../auth/originGuard';
import type { SlotConfig } from '../config/types';
import type { ConfigService } from '../host/configService/configService';
import type { SecretCredentialStore } from '../host/credentials/secretCredentialStore';
import { defaultBaseUrlFor } from '../providers/descriptors';
import { allowedInRestrictedMode } from './trustCommands';
import { visibleName } from '../util/terminalText';

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
    slots.map((slot) => ({ label: slot.id, description: `${visibleName(slot.displayName)} · ${visibleName(slot.model)}` })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.label;
}

/** The input box's promise about where the key goes: the origin it is bound to, or the one still to be approved. */
function whereTheKeyGoes(binding: ReturnType<typeof keyEntryBinding>, slotId: string): string {
  if (!binding) return 'Stored in VS Code Secret Storage, never in skynet.toml';
  const origins = binding.origins.join(', ');
  return binding.confirmedByEntry
    ? `Stored in VS Code Secret Storage and sent only to ${origins}`
    : `Stored in VS Code Secret Storage. skynet.toml points ${slotId} at ${origins}, not the provider's own address: you will be asked before the key is sent there`;
}

export function registerApiKeyCommands(
  context: vscode.ExtensionContext,
  service: ConfigService,
  credentials: SecretCredentialStore,
  originApprovals: OriginApprovals,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('skynet.setApiKey', async (argument?: unknown, value?: string) => {
      const slotId = await pickSlot(service, argument, 'Which slot gets the key?');
      if (!slotId) return;
      if (!(await allowedInRestrictedMode(service, `a key stored for ${slotId}`, slotId))) return;
      const slot = service.config?.slots.find((candidate) => candidate.id === slotId);
      const binding = slot && keyEntryBinding(slot, defaultBaseUrlFor(slot));
      const key = value ?? (await vscode.window.showInputBox({
        title: `API key for ${slotId}`,
        prompt: whereTheKeyGoes(binding, slotId),
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() ? undefined : 'The key cannot be empty'),
      }));
      if (!key?.trim()) return;
      await credentials.set(secretKeys.apiKey(slotId), key.trim());
      if (binding?.confirmedByEntry) for (const origin of binding.origins) await originApprovals.approve(binding.secretId, origin);
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
