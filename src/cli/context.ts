import { EnvCredentialStore } from '../auth/credentialStore';
import { findCliConfig, loadConfigFile } from '../config';
import type { ConfigDiagnostic, SkynetConfig } from '../config/types';
import type { ProviderDeps } from '../providers/types';
import { buildRouter } from '../router/buildRouter';
import type { ProviderRouter } from '../router/router';
import { createHttpClient } from '../util/http';
import { createLogger, type LogLevel } from '../util/logger';
import { Redactor } from '../util/redact';
import { writeLine, type CliIo } from './io';

export interface CliContext {
  config: SkynetConfig;
  router: ProviderRouter;
  deps: ProviderDeps;
  redactor: Redactor;
  close(): Promise<void>;
}

const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL)/i;

/** A redactor that already knows every secret-looking environment value, before any provider reads one. */
export function cliRedactor(env: CliIo['env']): Redactor {
  const redactor = new Redactor();
  for (const [name, value] of Object.entries(env)) if (SECRET_NAME.test(name)) redactor.add(value);
  return redactor;
}

export function formatDiagnostic(diagnostic: ConfigDiagnostic): string {
  const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
  return diagnostic.severity === 'warning' ? `${where}: warning: ${diagnostic.message}` : `${where}: ${diagnostic.message}`;
}

export type LoadedConfig = { ok: true; config: SkynetConfig; warnings: ConfigDiagnostic[] } | { ok: false; errors: ConfigDiagnostic[]; warnings: ConfigDiagnostic[] };

/** `--config PATH`, else ./skynet.toml, else ~/.skynet/skynet.toml, else the environment fallbacks alone. */
export function loadCliConfig(io: CliIo, explicitPath: string | undefined): LoadedConfig {
  const file = findCliConfig(explicitPath, io.cwd, io.homeDir);
  return loadConfigFile(file, io.env, io.homeDir);
}

/** Loads the config and builds the router, or prints why it cannot and returns undefined. */
export async function openCliContext(io: CliIo, options: { config?: string; verbose?: boolean }): Promise<CliContext | undefined> {
  const redactor = cliRedactor(io.env);
  const loaded = loadCliConfig(io, options.config);
  for (const warning of loaded.warnings) writeLine(io.stderr, redactor.redact(formatDiagnostic(warning)));
  if (!loaded.ok) {
    for (const error of loaded.errors) writeLine(io.stderr, redactor.redact(formatDiagnostic(error)));
    return undefined;
  }
  const { config } = loaded;
  const shown: ReadonlySet<LogLevel> = new Set(options.verbose ? ['trace', 'debug', 'info', 'warn', 'error'] : ['error']);
  const logger = createLogger((level, line) => {
    if (shown.has(level)) writeLine(io.stderr, `skynet ${level}: ${line}`);
  }, redactor);
  const http = createHttpClient({
    connectTimeoutMs: config.router.connectTimeoutMs,
    firstByteTimeoutMs: config.router.firstByteTimeoutMs,
    idleTimeoutMs: config.router.idleTimeoutMs,
  });
  const deps: ProviderDeps = {
    http,
    logger,
    credentials: new EnvCredentialStore(io.env),
    env: io.env,
    now: Date.now,
    homeDir: io.homeDir,
  };
  const router = await buildRouter(config, deps);
  return { config, router, deps, redactor, close: () => http.close() };
}
