import * as vscode from 'vscode';
import type { ProviderKind } from '../config/types';
import type { ConfigService } from '../host/configService/configService';
import { describeRemoteMachine } from './remoteWindow';
import { markdownText, slotTreeText } from '../host/slotText/slotNames';
import { describeHealth, slotStateOf } from '../host/slotText/slotStateText';
import { slotSpendText, type SlotSpendText } from '../host/slotText/slotSpendText';
import {
  TRUST_WORKSPACE,
  USE_USER_CONFIG,
  USE_WORKSPACE_CONFIG,
  untrustedSummary,
} from '../host/credentials/trustNotice';
import type { KeyHealth, RouterSlot, SlotHealth } from '../router/types';
import { keyRowText, keysTooltip } from '../host/slotText/keyText';

const ICONS: Record<ProviderKind, string> = {
  anthropic: 'sparkle',
  openai: 'hubot',
  azure: 'azure',
  'openai-compat': 'cloud',
  copilot: 'copilot',
  'qwen-oauth': 'account',
  bedrock: 'server-environment',
  vertex: 'globe',
  ollama: 'vm',
};

export class SlotTreeItem extends vscode.TreeItem {
  /** A slot with several keys: their health, shown as its children. */
  readonly keys: readonly KeyHealth[];

  constructor(
    readonly slot: RouterSlot,
    health: SlotHealth | undefined,
    position: number,
    spend: SlotSpendText = {},
  ) {
    const stateText = slot.unavailableReason
      ? `unavailable: ${slot.unavailableReason}`
      : spend.budgetReached
        ? 'budget reached'
        : describeHealth(health);
    const text = slotTreeText(slot.config, position, stateText, describeRemoteMachine(vscode.env.remoteName));
    const keys = health?.keys && health.keys.length > 1 ? health.keys : undefined;
    super(text.label, keys ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.keys = keys ?? [];
    const state = slot.unavailableReason ? 'unavailable' : spend.budgetReached ? 'budget' : slotStateOf(health);
    this.id = `slot:${slot.config.id}`;
    this.description = spend.short ? `${text.description} · ${spend.short}` : text.description;
    // Names and addresses in it come from the file or a server: no theme icons, no trusted links (slotTreeText escapes them).
    const keyLines = slot.unavailableReason ? undefined : keysTooltip(slot.config, keys);
    const tooltip = new vscode.MarkdownString(keyLines ? `${text.tooltip}\n\n${keyLines}` : text.tooltip, false);
    for (const line of [spend.today, spend.budgetReached])
      if (line) tooltip.appendMarkdown(`\n\n${markdownText(line)}`);
    this.tooltip = tooltip;
    const color =
      state === 'ready' || state === 'unknown'
        ? undefined
        : new vscode.ThemeColor(
            state === 'cooling' || state === 'budget' ? 'charts.yellow' : 'problemsWarningIcon.foreground',
          );
    this.iconPath = new vscode.ThemeIcon(state === 'unavailable' ? 'warning' : ICONS[slot.config.kind], color);
    const needsKey = 'apiKey' in slot.config;
    // A slot the untrusted workspace may not use offers no key or sign-in actions: they would not make it work.
    const untrusted = slot.unavailableCode === 'untrusted-workspace';
    if (untrusted) this.iconPath = new vscode.ThemeIcon('workspace-untrusted', color);
    this.contextValue = untrusted
      ? 'skynetSlot.untrusted'
      : `skynetSlot${needsKey ? '.key' : ''}${slot.config.kind === 'copilot' || slot.config.kind === 'qwen-oauth' ? '.signin' : ''}`;
    this.command = { command: 'skynet.openConfig', title: 'Open in skynet.toml', arguments: [slot.config.id] };
  }
}

/** One key of a slot with several: its number, last four characters, state and cooldown; never more of it. */
export class KeyTreeItem extends vscode.TreeItem {
  constructor(slotId: string, key: KeyHealth) {
    const text = keyRowText(key);
    super(text.label, vscode.TreeItemCollapsibleState.None);
    this.id = `slot:${slotId}:key:${key.key}`;
    this.description = text.description;
    this.tooltip = new vscode.MarkdownString(text.tooltip, false);
    const color =
      key.state === 'ready'
        ? undefined
        : new vscode.ThemeColor(key.state === 'cooling' ? 'charts.yellow' : 'problemsWarningIcon.foreground');
    this.iconPath = new vscode.ThemeIcon(key.state === 'rejected' ? 'warning' : 'key', color);
    this.contextValue = 'skynetKey';
  }
}

/** A line above the slots: why some are disabled, and the actions that fix it. */
export class NoticeItem extends vscode.TreeItem {
  constructor(id: string, label: string, icon: string, command?: vscode.Command, tooltip?: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = `notice:${id}`;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = 'skynetNotice';
    this.command = command;
    this.tooltip = tooltip;
  }
}

/** The notice lines for this window's trust state and config source (none when trusted and reading the workspace). */
export function noticeItems(service: ConfigService): NoticeItem[] {
  const summary = untrustedSummary(service);
  if (summary) {
    return [
      new NoticeItem(
        'untrusted',
        `Workspace not trusted: ${service.untrustedSlots.size} slot(s) disabled`,
        'workspace-untrusted',
        undefined,
        summary,
      ),
      new NoticeItem(
        'trust',
        TRUST_WORKSPACE.title,
        'shield',
        TRUST_WORKSPACE,
        "Manage Workspace Trust: a trusted workspace's skynet.toml may use your keys and sign-ins",
      ),
      new NoticeItem(
        'user-config',
        USE_USER_CONFIG.title,
        'home',
        USE_USER_CONFIG,
        `Read your own ${service.userConfigFile} in this window instead`,
      ),
    ];
  }
  if (service.source === 'user') {
    return [
      new NoticeItem(
        'workspace-config',
        `Using ${service.userConfigFile} · ${USE_WORKSPACE_CONFIG.title}`,
        'home',
        USE_WORKSPACE_CONFIG,
        'This window reads your user-level config; click to read the workspace skynet.toml again',
      ),
    ];
  }
  return [];
}

/** The sidebar's slots, in router order; refreshed on every config or health change. */
export class SlotsTreeProvider implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private unsubscribeHealth: (() => void) | undefined;
  private readonly subscription: vscode.Disposable;
  private readonly usageSubscription: vscode.Disposable;
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly service: ConfigService) {
    this.subscription = service.onDidChange(() => this.watchRouter());
    // Today's tokens and cost, and "budget reached", change with every saved request.
    this.usageSubscription = service.onDidRecordUsage(() => this.refresh());
    this.watchRouter();
  }

  private watchRouter(): void {
    this.unsubscribeHealth?.();
    this.unsubscribeHealth = this.service.router?.onDidChangeHealth(() => this.refresh());
    this.refresh();
  }

  refresh(): void {
    this.changed.fire();
    // While a slot cools down, its "time left" counts down.
    const cooling = this.service.router
      ?.health()
      .some((entry) => entry.state === 'cooling' || entry.keys?.some((key) => key.state === 'cooling'));
    if (cooling && !this.ticker) {
      this.ticker = setTimeout(() => {
        this.ticker = undefined;
        this.refresh();
      }, 1000);
    }
  }

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  /** The notices (untrusted workspace, user-level config), then the slots. */
  getChildren(element?: vscode.TreeItem): vscode.TreeItem[] {
    if (element instanceof SlotTreeItem) return element.keys.map((key) => new KeyTreeItem(element.slot.config.id, key));
    if (element) return [];
    return [...noticeItems(this.service), ...this.getSlotItems()];
  }

  getSlotItems(): SlotTreeItem[] {
    const router = this.service.router;
    if (!router) return [];
    const health = new Map(router.health().map((entry) => [entry.slotId, entry]));
    return router.slots.map(
      (slot, index) =>
        new SlotTreeItem(slot, health.get(slot.config.id), index, slotSpendText(this.service.spend, slot.config)),
    );
  }

  dispose(): void {
    if (this.ticker) clearTimeout(this.ticker);
    this.unsubscribeHealth?.();
    this.subscription.dispose();
    this.usageSubscription.dispose();
    this.changed.dispose();
  }
}

export function registerSlotsTree(context: vscode.ExtensionContext, service: ConfigService): SlotsTreeProvider {
  const provider = new SlotsTreeProvider(service);
  const view = vscode.window.createTreeView('skynet.slots', { treeDataProvider: provider, showCollapseAll: false });
  const updateContext = (): void => {
    void vscode.commands.executeCommand(
      'setContext',
      'skynet.hasConfig',
      Boolean(service.configFile) || (service.config?.slots.length ?? 0) > 0,
    );
    void vscode.commands.executeCommand('setContext', 'skynet.restricted', service.restricted);
    const messages = [
      untrustedSummary(service),
      service.errors.length > 0
        ? `skynet.toml has ${service.errors.length} error(s); the last good configuration is serving`
        : undefined,
    ];
    view.message = messages.filter(Boolean).join('\n\n') || undefined;
  };
  updateContext();
  context.subscriptions.push(provider, view, service.onDidChange(updateContext));
  return provider;
}
