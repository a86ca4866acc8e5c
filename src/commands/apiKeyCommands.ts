import * as vscode from 'vscode';
import {
  addStoredKey,
  clearStoredKeys,
  readStoredKeys,
  removeStoredKey,
  replaceStoredKeys,
  type KeyScope,
} from '../auth/storedKeys';
import { MAX_KEYS_PER_SLOT } from '../config/readFields';
import { pickScope, pickStoredKey, scopeOf } from './apiKeyPicks';
import { keyEntryBinding, type OriginApprovals } from '../trust/originGuard';
import type { SlotConfig } from '../config/types';
import type { ConfigService } from '../host/configService/configService';
import type { SecretCredentialStore } from '../host/credentials/secretCredentialStore';
import { defaultBaseUrlFor } from '../providers/descriptors';
import { allowedInRestrictedMode } from './trustCommands';
import { notificationText, visibleName } from '../util/terminalText';

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
    slots.map((slot) => ({
      label: slot.id,
      description: `${visibleName(slot.displayName)} · ${visibleName(slot.model)}`,
    })),
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

/** Where a key typed in now for (slot, position, scope) would go: its own secret id, bound like any stored key. */
function storedKeySlot(slot: SlotConfig, position: number, scope: KeyScope): SlotConfig {
  return {
    ...slot,
    apiKey: { type: 'store', ...(position > 0 ? { position } : {}), ...(scope ? { workspace: scope } : {}) },
    apiKeys: undefined,
  } as SlotConfig;
}

export function registerApiKeyCommands(
  context: vscode.ExtensionContext,
  service: ConfigService,
  credentials: SecretCredentialStore,
  originApprovals: OriginApprovals,
): void {
  /** Set (replaces every key of the scope) or Add (one more key, tried after the others). */
  async function storeKey(
    mode: 'set' | 'add',
    argument: unknown,
    value: string | undefined,
    scopeArgument: unknown,
  ): Promise<void> {
    const slotId = await pickSlot(
      service,
      argument,
      mode === 'set' ? 'Which slot gets the key?' : 'Which slot gets another key?',
    );
    if (!slotId) return;
    if (!(await allowedInRestrictedMode(service, `a key stored for ${slotId}`, slotId))) return;
    // Called with a value (tests, other commands): all workspaces unless told otherwise, and no question.
    const choice =
      scopeArgument === 'workspace' || scopeArgument === 'all'
        ? scopeArgument
        : value !== undefined
          ? 'all'
          : await pickScope(slotId, mode === 'set' ? 'Set' : 'Add');
    if (!choice) return;
    const scope = scopeOf(choice);
    const position = mode === 'add' ? (await readStoredKeys(credentials, slotId, scope)).length : 0;
    if (position >= MAX_KEYS_PER_SLOT) {
      void vscode.window.showWarningMessage(
        `Skynet: ${notificationText(slotId)} already has ${MAX_KEYS_PER_SLOT} keys; remove one first (Skynet: Clear API Key).`,
      );
      return;
    }
    const slot = service.config?.slots.find((candidate) => candidate.id === slotId);
    const binding = slot && keyEntryBinding(storedKeySlot(slot, position, scope), defaultBaseUrlFor(slot));
    const key =
      value ??
      (await vscode.window.showInputBox({
        title: mode === 'set' ? `API key for ${slotId}` : `Key ${position + 1} for ${slotId}`,
        prompt: whereTheKeyGoes(binding, slotId),
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() ? undefined : 'The key cannot be empty'),
      }));
    if (!key?.trim()) return;
    if (mode === 'set') await replaceStoredKeys(credentials, slotId, scope, key.trim());
    else await addStoredKey(credentials, slotId, scope, key.trim());
    if (binding?.confirmedByEntry)
      for (const origin of binding.origins) await originApprovals.approve(binding.secretId, origin);
    await service.reload();
    const where = choice === 'workspace' ? 'for this workspace only' : 'for all workspaces';
    if (value === undefined)
      void vscode.window.showInformationMessage(
        mode === 'set'
          ? `Skynet: stored the API key for ${notificationText(slotId)} ${where}.`
          : `Skynet: stored key ${position + 1} for ${notificationText(slotId)} ${where}.`,
      );
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('skynet.setApiKey', (argument?: unknown, value?: string, scope?: unknown) =>
      storeKey('set', argument, value, scope),
    ),
    vscode.commands.registerCommand('skynet.addApiKey', (argument?: unknown, value?: string, scope?: unknown) =>
      storeKey('add', argument, value, scope),
    ),
    vscode.commands.registerCommand('skynet.clearApiKey', async (argument?: unknown) => {
      const slotId = await pickSlot(service, argument, 'Whose key should be removed from Secret Storage?');
      if (!slotId) return;
      const picked = await pickStoredKey(credentials, slotId);
      if (!picked) return;
      if (picked === 'none') {
        void vscode.window.showInformationMessage(
          `Skynet: ${notificationText(slotId)} has no API key in Secret Storage.`,
        );
        return;
      }
      if (picked.which === 'all') await clearStoredKeys(credentials, slotId, picked.scope);
      else await removeStoredKey(credentials, slotId, picked.scope, picked.which);
      await service.reload();
      void vscode.window.showInformationMessage(
        picked.which === 'all'
          ? `Skynet: removed the API keys of ${notificationText(slotId)}.`
          : `Skynet: removed key ${picked.which + 1} of ${notificationText(slotId)}.`,
      );
    }),
  );
}
