import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, findWorkspaceConfig, loadConfigFile, userConfigFile } from '../../config';
import type { ConfigDiagnostic, SkynetConfig, SlotConfig } from '../../config/types';
import { secretKeys } from '../../auth/credentialStore';
import type { OriginApprovals } from '../../trust/originGuard';
import { extrasSecretTexts } from '../../trust/extrasCredentials';
import { urlUserinfoSecrets } from '../../util/displayUrl';
import { markUntrustedSlots, restrictedConfig, slotsNeedingTrust } from '../../trust/workspaceTrust';
import { KNOWN_PROVIDERS } from '../../providers/knownProviders';
import type { ProviderDeps } from '../../providers/types';
import { buildRouter } from '../../router/buildRouter';
import { withStoredKeys } from '../../auth/storedKeys';
import { currentWorkspaceKeyScope } from '../credentials/workspaceKeyScope';
import { SpendBook, type BudgetWarning } from '../../usage/spendBook';
import type { UsageStore } from '../../usage/usageStore';
import { userBudgetsFor, withUserBudgets } from '../../usage/userBudgets';
import type { ProviderRouter } from '../../router/router';
import { preconnectTarget } from '../../router/preconnectTarget';
import { ConnectionPool } from '../../util/connectionPool';
import { createHttpClient, type HttpClient } from '../../util/http';
import type { Logger } from '../../util/logger';
import type { SecretCredentialStore } from '../credentials/secretCredentialStore';
import { publishConfigDiagnostics } from './configDiagnostics';
import { findLocalOllama } from './localOllama';
import { plaintextKeyDiagnostics } from '../credentials/plaintextKeys';

export interface ConfigServiceOptions {
  credentials: SecretCredentialStore;
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  /** Approvals of non-default origins for stored secrets (a workspace's skynet.toml is untrusted). */
  originApprovals?: OriginApprovals;
  /** Debounce for file events (an editor save often fires several). */
  debounceMs?: number;
  /** Workspace trust (VS Code's by default; tests may drive it). */
  trust?: WorkspaceTrust;
  /** Where usage is counted (usage.json in the extension's global storage); none: usage is not counted. */
  usage?: UsageStore;
  /** Where this window's choice of config source is remembered (the extension's workspaceState). */
  state?: vscode.Memento;
}

export interface WorkspaceTrust {
  readonly isTrusted: boolean;
  readonly onDidGrant: vscode.Event<void>;
}

/** Which file this window reads: the workspace's skynet.toml, or the user's own `~/.skynet/skynet.toml`. */
export type ConfigSource = 'workspace' | 'user';
const SOURCE_KEY = 'skynet.configSource';

const vscodeTrust: WorkspaceTrust = {
  get isTrusted() {
    return vscode.workspace.isTrusted;
  },
  onDidGrant: (listener, thisArgs, disposables) =>
    vscode.workspace.onDidGrantWorkspaceTrust(listener, thisArgs, disposables),
};

/**
 * Owns skynet.toml inside VS Code: finds it, watches it, rebuilds the router on every edit and key change,
 * keeps the last good router when the file has errors, and shows the errors in the Problems panel.
 */
export class ConfigService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly usageRecorded = new vscode.EventEmitter<string>();
  /** A slot's usage was saved (fires with its id). */
  readonly onDidRecordUsage = this.usageRecorded.event;
  private readonly budgetWarned = new vscode.EventEmitter<BudgetWarning>();
  /** A budget reached 80 % (once per budget and period, across windows). */
  readonly onBudgetWarning = this.budgetWarned.event;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.usageRecorded, this.budgetWarned];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('skynet');
  private current:
    | {
        config: SkynetConfig;
        router: ProviderRouter;
        spend?: SpendBook;
        http: HttpClient & { preconnect(url: string): Promise<boolean> };
        close(): Promise<void>;
      }
    | undefined;
  private pool: ConnectionPool | undefined;
  private pending: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private lastErrors: ConfigDiagnostic[] = [];
  private file: string | undefined;
  private withheld = new Map<string, string>();
  /** Secret Storage keys changed since the current router was built: their slots' health starts fresh. */
  private readonly changedSecrets = new Set<string>();
  private readonly logger: Logger;
  private readonly trust: WorkspaceTrust;

  constructor(private readonly options: ConfigServiceOptions) {
    this.logger = options.logger.child('config');
    this.trust = options.trust ?? vscodeTrust;
    this.disposables.push(this.diagnostics);
    // The user's own file, when this window reads it (it is outside the workspace, so the watcher below misses it).
    const userWatcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(path.dirname(this.userConfigFile)), CONFIG_FILE_NAME),
    );
    this.disposables.push(
      userWatcher,
      userWatcher.onDidChange(() => this.schedule()),
      userWatcher.onDidCreate(() => this.schedule()),
      userWatcher.onDidDelete(() => this.schedule()),
    );
    // Granting trust takes effect at once, without a window reload; the workspace's own file is used again.
    this.disposables.push(
      this.trust.onDidGrant(async () => {
        this.logger.info('workspace trusted: every slot of the workspace skynet.toml may use your credentials now');
        if (this.source === 'user') await this.options.state?.update(SOURCE_KEY, undefined);
        await this.reload();
      }),
    );
    // Every folder's skynet.toml and .skynet/skynet.toml (a stray one deeper down only costs a reload).
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    this.disposables.push(
      watcher,
      watcher.onDidChange(() => this.schedule()),
      watcher.onDidCreate(() => this.schedule()),
      watcher.onDidDelete(() => this.schedule()),
    );
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()),
      // Saves in this window arrive faster than the watcher; edits elsewhere come through the watcher.
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (path.basename(document.uri.fsPath) === CONFIG_FILE_NAME) this.schedule();
      }),
      options.credentials.onDidChange((key) => {
        if (!key.startsWith('skynet.')) return;
        this.changedSecrets.add(key);
        this.schedule();
      }),
    );
  }

  get config(): SkynetConfig | undefined {
    return this.current?.config;
  }

  get router(): ProviderRouter | undefined {
    return this.current?.router;
  }

  /** The config file in use, or undefined when the workspace has none. */
  get configFile(): string | undefined {
    return this.file;
  }

  get errors(): readonly ConfigDiagnostic[] {
    return this.lastErrors;
  }

  get isTrusted(): boolean {
    return this.trust.isTrusted;
  }

  /** The user-level file: `~/.skynet/skynet.toml`, as the CLI reads it. */
  get userConfigFile(): string {
    return userConfigFile(os.homedir());
  }

  get source(): ConfigSource {
    return this.options.state?.get<ConfigSource>(SOURCE_KEY) === 'user' ? 'user' : 'workspace';
  }

  /** Untrusted workspace and its own config in use: slots that need the user's credentials are disabled. */
  get restricted(): boolean {
    return !this.trust.isTrusted && this.source === 'workspace';
  }

  /** Slot id → reason for every slot this window's trust state keeps from being built. */
  get untrustedSlots(): ReadonlyMap<string, string> {
    return this.withheld;
  }

  /** Switches this window to the user's own file or back to the workspace's; remembered per workspace. */
  async useSource(source: ConfigSource): Promise<void> {
    await this.options.state?.update(SOURCE_KEY, source === 'user' ? 'user' : undefined);
    this.logger.info('config source: %s', source === 'user' ? this.userConfigFile : 'the workspace skynet.toml');
    await this.reload();
  }

  /** The file to create or open: the one in use, else `skynet.toml` in the first folder (or the user's file). */
  defaultConfigFile(): string | undefined {
    if (this.file) return this.file;
    if (this.source === 'user') return this.userConfigFile;
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? path.join(folder.uri.fsPath, CONFIG_FILE_NAME) : undefined;
  }

  /** Resolves when every reload started so far has finished (the first one starts at activation). */
  get ready(): Promise<void> {
    return this.pending;
  }

  /** Reloads now (queued behind any reload in flight); resolves when the new slots are live. */
  reload(): Promise<void> {
    this.pending = this.pending.then(() => this.load()).catch((error) => this.logger.error('reload failed: %s', error));
    return this.pending;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, this.options.debounceMs ?? 100);
  }

  private async load(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
    const user = this.source === 'user';
    this.file = user
      ? fs.existsSync(this.userConfigFile)
        ? this.userConfigFile
        : undefined
      : findWorkspaceConfig(folders);
    const result = loadConfigFile(this.file, this.options.env, KNOWN_PROVIDERS, os.homedir());
    if (!result.ok) {
      this.lastErrors = result.errors;
      publishConfigDiagnostics(this.diagnostics, [...result.errors, ...result.warnings], this.file);
      this.logger.warn(
        '%s has %d error(s); the last good configuration keeps serving',
        this.file ?? 'skynet.toml',
        result.errors.length,
      );
      this.changed.fire();
      return;
    }
    this.lastErrors = [];
    let { config } = result;
    // An untrusted file does not choose how much the user's slots reason (and bill), as with skynet.reasoning in its
    // settings, nor the model or timeouts of the user's environment slots: applied before the HTTP client takes them.
    if (this.restricted) config = restrictedConfig(config, this.options.env);
    // Every stored key of a slot, this workspace's own ones winning: read once per build, like the file.
    config = await withStoredKeys(config, this.options.credentials, currentWorkspaceKeyScope());
    // The budgets of the user's own ~/.skynet/skynet.toml hold under a workspace's file too: it can only lower them.
    config = withUserBudgets(config, userBudgetsFor(config.file, os.homedir(), this.options.env));
    const plaintext = this.file ? plaintextKeyDiagnostics(config, fs.readFileSync(this.file, 'utf8')) : [];
    publishConfigDiagnostics(this.diagnostics, result.warnings, this.file, plaintext);
    await this.learnSecrets(config);
    const http = createHttpClient({ ...config.router, pool: this.poolFor(config.router.keepAliveMs) }); // the router settings carry the timeouts
    if (!this.file && config.slots.length === 0) {
      // Nothing configured anywhere: a local Ollama, when one answers, makes Skynet work out of the box.
      const local = await findLocalOllama(http);
      if (local) {
        this.logger.info(
          'no skynet.toml and no provider in the environment: using the local Ollama (%s)',
          local.slots[0].model,
        );
        config = local;
      }
    }
    const deps: ProviderDeps = {
      http,
      logger: this.options.logger,
      credentials: this.options.credentials,
      env: this.options.env,
      now: Date.now,
      homeDir: os.homedir(),
      // An address a service hands back that is not one of its own asks through the same modal.
      ...(this.options.originApprovals ? { serviceOrigins: this.options.originApprovals } : {}),
    };
    // An untrusted workspace's file may not route the user's secrets anywhere: those slots are never built, and the
    // ones it still builds (its own key, or none) are shown as the workspace's, never under the user's slot names.
    const withheld = this.restricted
      ? slotsNeedingTrust(config.slots, {
          workspaceFolders: folders,
          homeDir: os.homedir(),
          env: this.options.env,
          cwd: process.cwd(),
          realpath: fs.realpathSync,
        })
      : new Map<string, string>();
    if (this.restricted) config = markUntrustedSlots(config, withheld);
    if (withheld.size > 0)
      this.logger.warn(
        'workspace not trusted: %d slot(s) that would use your credentials are disabled (%s)',
        withheld.size,
        [...withheld.keys()].join(', '),
      );
    // The slots that are still the same slots keep their health (a cooldown, a rejected key, the last error);
    // a slot whose key or token just changed starts fresh, as the user may just have fixed it.
    const changedSecrets = new Set(this.changedSecrets);
    const spend = this.spendBookFor(config);
    const router = await buildRouter(config, deps, {
      originApprovals: this.options.originApprovals,
      withheld,
      previous: this.current?.router,
      changedSecrets,
      spend,
    });
    for (const key of changedSecrets) this.changedSecrets.delete(key);
    this.withheld = withheld;
    const previous = this.current;
    this.current = { config, router, spend, http, close: () => http.close() };
    if (!this.restricted) this.preconnect();
    this.logger.info(
      '%d slot(s) from %s: %s',
      config.slots.length,
      this.file ?? 'the environment',
      config.slots.map((slot: SlotConfig) => slot.id).join(', ') || 'none',
    );
    this.changed.fire();
    // Requests still streaming on the old router keep their connections until they finish.
    if (previous) setTimeout(() => void previous.close().catch(() => undefined), 60_000).unref?.();
  }

  /** Usage and budgets of this config's slots, counted in the shared usage store; its events relayed. */
  private spendBookFor(config: SkynetConfig): SpendBook | undefined {
    if (!this.options.usage) return undefined;
    const spend = new SpendBook({ store: this.options.usage, config, logger: this.options.logger });
    spend.onDidRecord((slotId) => this.usageRecorded.fire(slotId));
    spend.onWarning((warning) => this.budgetWarned.fire(warning));
    return spend;
  }

  /** Usage, cost and budgets of the current config's slots (undefined before the first load, or without a usage store). */
  get spend(): SpendBook | undefined {
    return this.current?.spend;
  }

  /**
   * One pool of kept-alive connections across reloads, so a reload keeps the warm connections of origins it still
   * uses; a new keep_alive_ms starts a new pool (the old one closes once its last streams are done).
   */
  private poolFor(keepAliveMs: number | undefined): ConnectionPool {
    if (!this.pool || (keepAliveMs !== undefined && this.pool.keepAliveMs !== keepAliveMs)) {
      const old = this.pool;
      this.pool = new ConnectionPool({ keepAliveMs });
      if (old) setTimeout(() => void old.close().catch(() => undefined), 60_000).unref?.();
    }
    return this.pool;
  }

  /** Opens the connection the next request will most likely use (its provider's own address only; no credential). */
  preconnect(): void {
    const current = this.current;
    const target = current && preconnectTarget(current.router);
    if (target) void current.http.preconnect(target);
  }

  /** Every key a slot may send goes into the redactor before any request can log it. */
  private async learnSecrets(config: SkynetConfig): Promise<void> {
    for (const slot of config.slots) {
      for (const text of [...extrasSecretTexts(slot, this.options.env), ...urlUserinfoSecrets(slot.baseUrl)])
        this.options.credentials.learn(text);
      if (!('apiKey' in slot)) continue;
      for (const key of slot.apiKeys ?? [slot.apiKey]) {
        if (key.type === 'literal') this.options.credentials.learn(key.value);
        else if (key.type === 'env') this.options.credentials.learn(this.options.env[key.name]);
        else await this.options.credentials.get(secretKeys.apiKey(slot.id, key.position, key.workspace));
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
    void this.current?.close().catch(() => undefined);
    this.current = undefined;
    void this.pool?.close().catch(() => undefined);
    this.pool = undefined;
  }
}
