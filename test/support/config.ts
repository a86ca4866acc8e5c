import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigResult, SlotConfig } from '../../src/config/types';
import { loadConfigFile as loadWith } from '../../src/config/discovery';
import { environmentSlots as environmentSlotsWith } from '../../src/config/environmentSlots';
import { parseConfig as parseWith } from '../../src/config/parseConfig';
import { skynetJsonSchema as schemaWith } from '../../src/config/schema';
import { KNOWN_PROVIDERS } from '../../src/providers/knownProviders';

// Config's readers with the real providers (KNOWN_PROVIDERS), as the extension and the CLI call them.
type Env = Readonly<Record<string, string | undefined>>;

export function parseConfig(text: string, file: string, env: Env, homeDir?: string): ConfigResult {
  return parseWith(text, file, env, KNOWN_PROVIDERS, homeDir);
}

export function loadConfigFile(
  file: string | undefined,
  env: Env,
  homeDir?: string,
  readFile?: (file: string) => string,
): ConfigResult {
  return loadWith(file, env, KNOWN_PROVIDERS, homeDir, readFile);
}

export function environmentSlots(env: Env, agentModel: string | undefined): SlotConfig[] {
  return environmentSlotsWith(env, agentModel, KNOWN_PROVIDERS);
}

export function skynetJsonSchema(): Record<string, unknown> {
  return schemaWith(KNOWN_PROVIDERS);
}

/** `docs/skynet.full.toml`: every provider and every table, the one sample config the docs and the tests share. */
export const FULL_SAMPLE_FILE = path.resolve(__dirname, '..', '..', '..', 'docs', 'skynet.full.toml');

export function fullSample(): string {
  return fs.readFileSync(FULL_SAMPLE_FILE, 'utf8');
}

/** The 1-based number of the first line of `text` that starts with `start` (a test that needs a line computes it). */
export function lineStarting(text: string, start: string): number {
  const index = text.split(/\r?\n/).findIndex((line) => line.startsWith(start));
  if (index < 0) throw new Error(`no line starts with ${start}`);
  return index + 1;
}
