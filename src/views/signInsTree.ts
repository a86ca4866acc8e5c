import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { CopilotAccountCache } from '../auth/copilot/copilotAccountCache';
import { copilotTokenFile, findGithubToken } from '../auth/copilot/copilotGithubToken';
import { secretKeys } from '../auth/credentialStore';
import { lookupCopilotAccount } from '../auth/copilot/githubAccount';
import { unapprovedGithubApiOrigin } from '../trust/githubApiOrigin';
import type { OriginApprovals } from '../trust/originGuard';
import { qwenCredentialsFile, readQwenCredentials, type QwenCredentials } from '../auth/qwen/qwenCredentials';
import type { CopilotSlot, QwenOAuthSlot } from '../config/types';
import type { ConfigService } from '../host/configService/configService';
import type { SecretCredentialStore } from '../host/credentials/secretCredentialStore';
import { isSignInSlot, runSignIn, runSignOut, type SignInSlot } from '../host/credentials/signInFlow';
import { createHttpClient } from '../util/http';
import { signInText } from '../host/slotText/slotNames';
import { notificationText, visibleName } from '../util/terminalText';
import { describeCopilotSignIn, describeQwenSignIn, type SignInDescription } from './signInDescription';
import { allowedInRestrictedMode } from '../commands/trustCommands';

export class SignInItem extends vscode.TreeItem {
  constructor(
    readonly slot: SignInSlot,
    readonly view: SignInDescription,
  ) {
    const text = signInText(slot);
    super(text.label, vscode.TreeItemCollapsibleState.None);
    this.id = `signin:${slot.id}`;
    this.description = view.description;
    this.tooltip = [text.tooltipTitle, ...view.tooltip].join('\n');
    this.iconPath = new vscode.ThemeIcon(slot.kind === 'copilot' ? 'copilot' : 'account');
    this.contextValue = view.signedIn ? 'skynetSignIn.in' : 'skynetSignIn.out';
    if (!view.signedIn) this.command = { command: 'skynet.signIn', title: 'Sign In', arguments: [slot.id] };
  }
}

/** Longest setTimeout delay Node accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * "Sign-ins": the Copilot and Qwen slots of the config and whose they are. Items are drawn from what is known at
 * once ("signed in"); the GitHub account is looked up in the background and the tree redrawn when it arrives.
 */
export class SignInsTreeProvider implements vscode.TreeDataProvider<SignInItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly http = createHttpClient({
    connectTimeoutMs: 10_000,
    firstByteTimeoutMs: 15_000,
    idleTimeoutMs: 15_000,
  });
  readonly accounts: CopilotAccountCache;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private expiryAt: number | undefined;

  constructor(
    private readonly service: ConfigService,
    private readonly credentials: SecretCredentialStore,
    private readonly approvals: OriginApprovals | undefined,
  ) {
    this.accounts = new CopilotAccountCache({
      now: Date.now,
      onSettled: () => this.refresh(),
      lookup: async (slotId, githubToken, signal) => {
        const slot = this.signInSlots().find(
          (candidate): candidate is CopilotSlot => candidate.id === slotId && candidate.kind === 'copilot',
        );
        if (!slot) throw new Error(`no Copilot slot ${slotId} in skynet.toml`);
        return lookupCopilotAccount(
          { provider: slot.id, http: this.http, githubApiUrl: slot.githubApiUrl, now: Date.now },
          githubToken,
          signal,
        );
      },
    });
  }

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(element: SignInItem): vscode.TreeItem {
    return element;
  }

  async getChildren(element?: SignInItem): Promise<SignInItem[]> {
    if (element) return [];
    return Promise.all(
      this.signInSlots().map(
        async (slot) =>
          new SignInItem(slot, slot.kind === 'copilot' ? await this.copilotView(slot) : await this.qwenView(slot)),
      ),
    );
  }

  dispose(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.accounts.dispose();
    this.changed.dispose();
    void this.http.close();
  }

  private signInSlots(): SignInSlot[] {
    return (this.service.config?.slots ?? []).filter(isSignInSlot);
  }

  private async copilotView(slot: CopilotSlot): Promise<SignInDescription> {
    const homeDir = os.homedir();
    const file = copilotTokenFile(slot, homeDir);
    const places = [
      ...((await this.credentials.get(secretKeys.githubToken(slot.id)).catch(() => undefined))
        ? ['Token: VS Code Secret Storage']
        : []),
      ...(fs.existsSync(file) ? [`Token file: ${file}`] : []),
    ];
    let token: string | undefined;
    try {
      token = await findGithubToken(slot, { credentials: this.credentials, homeDir });
    } catch (error) {
      return {
        description: 'token unreadable',
        tooltip: [`Cannot read the GitHub token: ${(error as Error).message}`, ...places],
        signedIn: false,
      };
    }
    if (!token) return describeCopilotSignIn({ hasToken: false, tokenPlaces: [`Token file: ${file} (not there yet)`] });
    if (this.service.untrustedSlots.has(slot.id)) {
      return describeCopilotSignIn({
        hasToken: true,
        tokenPlaces: places,
        notLookedUp: 'GitHub account not looked up: this workspace is not trusted.',
      });
    }
    const refused = await unapprovedGithubApiOrigin(slot, this.approvals);
    if (refused) {
      const notLookedUp = `GitHub account not looked up: ${refused} is not approved for your GitHub token yet (Skynet asks on first use).`;
      return describeCopilotSignIn({ hasToken: true, tokenPlaces: places, notLookedUp });
    }
    return describeCopilotSignIn({ hasToken: true, tokenPlaces: places, account: this.accounts.state(slot.id, token) });
  }

  private async qwenView(slot: QwenOAuthSlot): Promise<SignInDescription> {
    const file = qwenCredentialsFile(slot.credentialsPath, os.homedir());
    const now = Date.now();
    let credentials: QwenCredentials | undefined;
    try {
      credentials = await readQwenCredentials(file);
    } catch (error) {
      return describeQwenSignIn({ file, error: (error as Error).message, now });
    }
    // Redraw when the access token runs out, so "valid until" turns into "expired, refreshes on next use".
    if (credentials?.expiresAt !== undefined && credentials.expiresAt > now) this.redrawAt(credentials.expiresAt);
    return describeQwenSignIn({ file, credentials, now });
  }

  /** One timer, for the earliest expiry among the Qwen slots. */
  private redrawAt(epochMs: number): void {
    if (this.expiryTimer && this.expiryAt !== undefined && this.expiryAt <= epochMs) return;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryAt = epochMs;
    this.expiryTimer = setTimeout(
      () => {
        this.expiryTimer = undefined;
        this.expiryAt = undefined;
        this.refresh();
      },
      Math.min(MAX_TIMER_MS, epochMs - Date.now() + 1000),
    );
  }
}

export function registerSignIns(
  context: vscode.ExtensionContext,
  service: ConfigService,
  credentials: SecretCredentialStore,
  originApprovals?: OriginApprovals,
): SignInsTreeProvider {
  const provider = new SignInsTreeProvider(service, credentials, originApprovals);
  const slotOf = async (argument: unknown): Promise<SignInSlot | undefined> => {
    const slots = (service.config?.slots ?? []).filter(isSignInSlot);
    const id =
      typeof argument === 'string'
        ? argument
        : (argument as { slot?: { id?: string; config?: { id?: string } } } | undefined)?.slot;
    const wanted = typeof id === 'string' ? id : (id?.id ?? id?.config?.id);
    if (wanted) return slots.find((slot) => slot.id === wanted);
    if (slots.length === 1) return slots[0];
    if (slots.length === 0) {
      void vscode.window.showInformationMessage(
        'Skynet: no Copilot or Qwen slot in skynet.toml. Add one with "Skynet: Add Provider".',
      );
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      slots.map((slot) => ({ label: signInText(slot).label, description: visibleName(slot.id), slot })),
    );
    return picked?.slot;
  };
  context.subscriptions.push(
    provider,
    vscode.window.registerTreeDataProvider('skynet.signIns', provider),
    service.onDidChange(() => provider.refresh()),
    // A sign-in or sign-out in another window of the profile.
    credentials.onDidChange((key) => {
      if (key.startsWith('skynet.githubToken.')) provider.refresh();
    }),
    vscode.commands.registerCommand('skynet.signIn', async (argument?: unknown) => {
      const slot = await slotOf(argument);
      if (!slot) return;
      if (!(await allowedInRestrictedMode(service, `signing in for ${slot.id}`, slot.id))) return;
      if (await runSignIn(slot, credentials)) {
        // Look the account up again for the new token (the tree draws "signed in" first, then the account).
        provider.accounts.forget(slot.id);
        await service.reload();
        void vscode.window.showInformationMessage(`Skynet: signed in to ${notificationText(slot.displayName)}.`);
      }
      provider.refresh();
    }),
    vscode.commands.registerCommand('skynet.signOut', async (argument?: unknown) => {
      const slot = await slotOf(argument);
      if (!slot) return;
      await runSignOut(slot, credentials);
      provider.accounts.forget(slot.id);
      await service.reload();
      provider.refresh();
    }),
  );
  return provider;
}
