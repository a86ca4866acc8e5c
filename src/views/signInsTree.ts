import * as vscode from 'vscode';
import type { ConfigService } from '../host/configService';
import { isSignInSlot, isSignedIn, runSignIn, runSignOut, type SignInSlot } from '../host/signInFlow';
import { allowedInRestrictedMode } from './trustCommands';
import type { SecretCredentialStore } from '../host/secretCredentialStore';

class SignInItem extends vscode.TreeItem {
  constructor(
    readonly slot: SignInSlot,
    signedIn: boolean,
  ) {
    super(slot.displayName, vscode.TreeItemCollapsibleState.None);
    this.id = `signin:${slot.id}`;
    this.description = signedIn ? `signed in (${slot.id})` : 'not signed in';
    this.iconPath = new vscode.ThemeIcon(slot.kind === 'copilot' ? 'copilot' : 'account');
    this.contextValue = signedIn ? 'skynetSignIn.in' : 'skynetSignIn.out';
    if (!signedIn) this.command = { command: 'skynet.signIn', title: 'Sign In', arguments: [slot.id] };
  }
}

/** "Sign-ins": the Copilot and Qwen slots of the config, signed in or not. */
class SignInsTreeProvider implements vscode.TreeDataProvider<SignInItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly service: ConfigService,
    private readonly credentials: SecretCredentialStore,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(element: SignInItem): vscode.TreeItem {
    return element;
  }

  async getChildren(element?: SignInItem): Promise<SignInItem[]> {
    if (element) return [];
    const slots = (this.service.config?.slots ?? []).filter(isSignInSlot);
    return Promise.all(slots.map(async (slot) => new SignInItem(slot, await isSignedIn(slot, this.credentials))));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerSignIns(context: vscode.ExtensionContext, service: ConfigService, credentials: SecretCredentialStore): void {
  const provider = new SignInsTreeProvider(service, credentials);
  const slotOf = async (argument: unknown): Promise<SignInSlot | undefined> => {
    const slots = (service.config?.slots ?? []).filter(isSignInSlot);
    const id = typeof argument === 'string' ? argument : (argument as { slot?: { id?: string; config?: { id?: string } } } | undefined)?.slot;
    const wanted = typeof id === 'string' ? id : id?.id ?? id?.config?.id;
    if (wanted) return slots.find((slot) => slot.id === wanted);
    if (slots.length === 1) return slots[0];
    if (slots.length === 0) {
      void vscode.window.showInformationMessage('Skynet: no Copilot or Qwen slot in skynet.toml. Add one with "Skynet: Add Provider".');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(slots.map((slot) => ({ label: slot.displayName, description: slot.id, slot })));
    return picked?.slot;
  };
  context.subscriptions.push(
    provider,
    vscode.window.registerTreeDataProvider('skynet.signIns', provider),
    service.onDidChange(() => provider.refresh()),
    vscode.commands.registerCommand('skynet.signIn', async (argument?: unknown) => {
      const slot = await slotOf(argument);
      if (!slot) return;
      if (!(await allowedInRestrictedMode(service, `signing in for ${slot.id}`, slot.id))) return;
      if (await runSignIn(slot, credentials)) {
        await service.reload();
        void vscode.window.showInformationMessage(`Skynet: signed in to ${slot.displayName}.`);
      }
      provider.refresh();
    }),
    vscode.commands.registerCommand('skynet.signOut', async (argument?: unknown) => {
      const slot = await slotOf(argument);
      if (!slot) return;
      await runSignOut(slot, credentials);
      await service.reload();
      provider.refresh();
    }),
  );
}
