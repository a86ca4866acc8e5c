import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KnownProviders } from './knownProviders';
import { parseConfig } from './parseConfig';
import { homeFromEnv } from './readFields';
import type { ConfigResult } from './types';

type Env = Readonly<Record<string, string | undefined>>;

export const CONFIG_FILE_NAME = 'skynet.toml';

/** Label of the config made from environment variables alone, when no file exists. */
export const ENVIRONMENT_CONFIG = '(environment)';

/** `skynet.toml` at the root of the first workspace folder that has one, then `.skynet/skynet.toml` likewise. */
export function findWorkspaceConfig(
  folders: readonly string[],
  exists: (file: string) => boolean = fs.existsSync,
): string | undefined {
  for (const candidate of [CONFIG_FILE_NAME, path.join('.skynet', CONFIG_FILE_NAME)]) {
    for (const folder of folders) {
      const file = path.join(folder, candidate);
      if (exists(file)) return file;
    }
  }
  return undefined;
}

/** The user's own file, `~/.skynet/skynet.toml` (the CLI's last resort; VS Code's when the user picks it). */
export function userConfigFile(homeDir: string): string {
  return path.join(homeDir, '.skynet', CONFIG_FILE_NAME);
}

/** The CLI's file: `--config PATH`, else `./skynet.toml`, else `~/.skynet/skynet.toml`; undefined when none exists. */
export function findCliConfig(
  explicit: string | undefined,
  cwd: string,
  homeDir: string,
  exists: (file: string) => boolean = fs.existsSync,
): string | undefined {
  if (explicit) return path.resolve(cwd, explicit);
  for (const file of [path.join(cwd, CONFIG_FILE_NAME), userConfigFile(homeDir)]) {
    if (exists(file)) return file;
  }
  return undefined;
}

/** Reads and parses a config file; no file means the environment fallbacks alone. Never throws. */
export function loadConfigFile(
  file: string | undefined,
  env: Env,
  providers: KnownProviders,
  homeDir: string = homeFromEnv(env),
  readFile: (file: string) => string = (name) => fs.readFileSync(name, 'utf8'),
): ConfigResult {
  if (file === undefined) return parseConfig('', ENVIRONMENT_CONFIG, env, providers, homeDir);
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const reason =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : error instanceof Error
              ? error.message
              : String(error);
    return {
      ok: false,
      warnings: [],
      errors: [{ file, line: 1, column: 1, severity: 'error', message: `Cannot read ${file}: ${reason}` }],
    };
  }
  return parseConfig(text, file, env, providers, homeDir);
}
