import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfigFile, userConfigFile } from '../config';
import { projectKeysFor, type ProjectKeys } from '../config/projectKeys';
import type { SkynetConfig, SlotConfig } from '../config/types';
import { KNOWN_PROVIDERS } from '../providers/knownProviders';

/**
 * The user's `[projects."<dir>"]` tables (their own `~/.skynet/skynet.toml` only: a project's file cannot name
 * keys for itself), and the project a run belongs to: the directory of its skynet.toml, or the working directory
 * when it reads the user's own file or none.
 */
export function userProjectKeys(
  config: SkynetConfig,
  cwd: string,
  homeDir: string,
  env: Readonly<Record<string, string | undefined>>,
): ProjectKeys | undefined {
  const own = userConfigFile(homeDir);
  const isOwn = config.file !== '' && path.resolve(config.file) === path.resolve(own);
  let projects = isOwn ? config.projects : undefined;
  if (!isOwn && fs.existsSync(own)) {
    const loaded = loadConfigFile(own, env, KNOWN_PROVIDERS, homeDir);
    projects = loaded.ok ? loaded.config.projects : undefined;
  }
  const projectDir =
    isOwn || !config.file || config.file.startsWith('$') ? cwd : path.dirname(path.resolve(config.file));
  return projects && projectKeysFor(projects, projectDir);
}

/**
 * The project's slots that keep their key in the store (no `api_key` in the project's file) with the keys of the
 * project's table instead of `<SLOT>_API_KEY`. Keys of another project's table are never used.
 */
export function withProjectKeys(config: SkynetConfig, project: ProjectKeys | undefined): SkynetConfig {
  if (!project) return config;
  const slots = config.slots.map((slot): SlotConfig => {
    const keys = project.slots.get(slot.id);
    if (!keys || !('apiKey' in slot) || slot.apiKey.type !== 'store') return slot;
    return {
      ...slot,
      apiKey: keys[0],
      ...(keys.length > 1 ? { apiKeys: keys } : { apiKeys: undefined }),
    } as SlotConfig;
  });
  return { ...config, slots };
}
