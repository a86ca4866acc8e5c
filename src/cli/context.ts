import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { rootCertificates } from 'node:tls';
import { EnvCredentialStore } from '../auth/credentialStore';
import { extrasSecretTexts } from '../trust/extrasCredentials';
import { withStoredKeys } from '../auth/storedKeys';
import { userProjectKeys, withProjectKeys } from './projectKeys';
import { urlUserinfoSecrets } from '../util/displayUrl';
import { findCliConfig, loadConfigFile } from '../config';
import type { ConfigDiagnostic, SkynetConfig } from '../config/types';
import { KNOWN_PROVIDERS } from '../providers/knownProviders';
import type { ProviderDeps } from '../providers/types';
import { buildRouter } from '../router/buildRouter';
import type { ProviderRouter } from '../router/router';
import { createHttpClient, type HttpClientOptions } from '../util/http';
import { createLogger, type Logger, type LogLevel } from '../util/logger';
import { proxyFromEnv, proxySecrets } from '../util/proxy';
import { Redactor } from '../util/redact';
import { writeLine, type CliIo } from './io';
import { SpendBook } from '../usage/spendBook';
import { UsageFileStore } from '../usage/usageStore';
import { userBudgetsFor, withUserBudgets } from '../usage/userBudgets';
import {
  CLI_EXPOSURE,
  cliOriginApprovals,
  loadTrustedCliConfig,
  restrictedNoticeLine,
  type RestrictedNotice,
} from './trustedConfig';

export interface CliContext {
  config: SkynetConfig;
  /** Set when the file is not trusted and runs in restricted mode (already said on stderr). */
  restricted?: RestrictedNotice;
  router: ProviderRouter;
  /** Usage and budgets, kept in ~/.skynet/usage.json. */
  spend: SpendBook;
  deps: ProviderDeps;
  redactor: Redactor;
  close(): Promise<void>;
}

const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL)/i;

/** A redactor that already knows every secret-looking environment value, before any provider reads one. */
export function cliRedactor(env: CliIo['env']): Redactor {
  const redactor = new Redactor();
  for (const [name, value] of Object.entries(env)) if (SECRET_NAME.test(name)) redactor.add(value);
  for (const secret of proxySecrets(proxyFromEnv(env))) redactor.add(secret);
  return redactor;
}

/**
 * What the CLI's HTTP clients take from the environment: HTTPS_PROXY/HTTP_PROXY/NO_PROXY (plain Node honours none of
 * them; the extension never passes a proxy, VS Code's own proxy support applies there), and NODE_EXTRA_CA_CERTS when
 * the environment handed to the CLI names another file than the one Node read at startup (an in-process run).
 */
export function cliHttpOptions(env: CliIo['env']): Pick<HttpClientOptions, 'proxy' | 'ca'> {
  const extraCa = env.NODE_EXTRA_CA_CERTS;
  let ca: string[] | undefined;
  if (extraCa && extraCa !== process.env.NODE_EXTRA_CA_CERTS) {
    try {
      ca = [...rootCertificates, readFileSync(extraCa, 'utf8')];
    } catch {
      ca = undefined; // as Node does with an unreadable file: the default roots alone
    }
  }
  return { proxy: proxyFromEnv(env), ca };
}

export function formatDiagnostic(diagnostic: ConfigDiagnostic): string {
  const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
  return diagnostic.severity === 'warning'
    ? `${where}: warning: ${diagnostic.message}`
    : `${where}: ${diagnostic.message}`;
}

export type LoadedConfig =
  | { ok: true; config: SkynetConfig; warnings: ConfigDiagnostic[] }
  | { ok: false; errors: ConfigDiagnostic[]; warnings: ConfigDiagnostic[] };

/** `--config PATH`, else ./skynet.toml, else ~/.skynet/skynet.toml, else the environment fallbacks alone. */
export function loadCliConfig(io: CliIo, explicitPath: string | undefined): LoadedConfig {
  const file = findCliConfig(explicitPath, io.cwd, io.homeDir);
  return loadConfigFile(file, io.env, KNOWN_PROVIDERS, io.homeDir);
}

/** Loads the config and builds the router, or prints why it cannot and returns undefined. */
export async function openCliContext(
  io: CliIo,
  options: { config?: string; verbose?: boolean },
): Promise<CliContext | undefined> {
  const redactor = cliRedactor(io.env);
  const loaded = loadTrustedCliConfig(io, options.config);
  for (const warning of loaded.warnings) writeLine(io.stderr, redactor.redact(formatDiagnostic(warning)));
  if (!loaded.ok) {
    for (const error of loaded.errors) writeLine(io.stderr, redactor.redact(formatDiagnostic(error)));
    return undefined;
  }
  const { restricted } = loaded;
  const credentials = new EnvCredentialStore(io.env);
  // A slot without api_key reads <SLOT>_API_KEY, and its 2nd, 3rd… keys from <SLOT>_API_KEY_2, _3… when they are set.
  // A project with its own table in the user's file takes those keys; the others read <SLOT>_API_KEY as before.
  const projectKeys = withProjectKeys(loaded.config, userProjectKeys(loaded.config, io.cwd, io.homeDir, io.env));
  const config = await withStoredKeys(
    withUserBudgets(projectKeys, userBudgetsFor(loaded.config.file, io.homeDir, io.env)),
    credentials,
    undefined,
  );
  for (const slot of config.slots) {
    for (const text of [...extrasSecretTexts(slot, io.env), ...urlUserinfoSecrets(slot.baseUrl)]) redactor.add(text);
  }
  if (restricted) writeLine(io.stderr, restrictedNoticeLine(restricted));
  const shown: ReadonlySet<LogLevel> = new Set(
    options.verbose ? ['trace', 'debug', 'info', 'warn', 'error'] : ['error'],
  );
  const logger = createLogger((level, line) => {
    if (shown.has(level)) writeLine(io.stderr, `skynet ${level}: ${line}`);
  }, redactor);
  const http = createHttpClient({
    connectTimeoutMs: config.router.connectTimeoutMs,
    firstByteTimeoutMs: config.router.firstByteTimeoutMs,
    idleTimeoutMs: config.router.idleTimeoutMs,
    ...cliHttpOptions(io.env),
  });
  const deps: ProviderDeps = {
    http,
    logger,
    credentials,
    env: io.env,
    now: Date.now,
    homeDir: io.homeDir,
  };
  const spend = openSpendBook(io, config, logger);
  const router = await buildRouter(config, deps, {
    spend,
    withheld: loaded.withheld,
    originApprovals: cliOriginApprovals(loaded.book, options.config),
    exposure: CLI_EXPOSURE,
  });
  const close = async () => {
    await spend.flush();
    await http.close();
  };
  return { config, restricted, router, spend, deps, redactor, close };
}

/** The CLI's usage file: `~/.skynet/usage.json`, shared by every skynet run of this user. */
export function cliUsageFile(homeDir: string): string {
  return path.join(homeDir, '.skynet', 'usage.json');
}

/** The spend book over ~/.skynet/usage.json; its problems and 80 % warnings are stderr lines. */
export function openSpendBook(io: CliIo, config: SkynetConfig, logger?: Logger): SpendBook {
  const store = new UsageFileStore(cliUsageFile(io.homeDir), {
    onProblem: (message) => writeLine(io.stderr, `skynet: ${message}`),
  });
  const spend = new SpendBook({ store, config, logger });
  spend.onWarning((warning) => writeLine(io.stderr, `skynet: warning: ${warning.message}`));
  return spend;
}
