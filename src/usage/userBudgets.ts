import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfigFile, userConfigFile } from '../config/discovery';
import type { Budgets, SkynetConfig } from '../config/types';
import { KNOWN_PROVIDERS } from '../providers/knownProviders';

const KEYS: ReadonlyArray<keyof Budgets> = [
  'dailyBudgetUsd',
  'monthlyBudgetUsd',
  'dailyBudgetTokens',
  'monthlyBudgetTokens',
];

function tighter(own: Budgets, user: Budgets | undefined): Budgets {
  const result: Budgets = {};
  for (const key of KEYS) {
    const values = [own[key], user?.[key]].filter((value): value is number => value !== undefined);
    if (values.length > 0) result[key] = Math.min(...values);
  }
  return result;
}

function budgetsIn(source: Budgets): Budgets {
  return Object.fromEntries(KEYS.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

/**
 * The budgets of the user's own `~/.skynet/skynet.toml` still hold when another file is in use (a project's, a
 * workspace's, trusted or not): each budget is the tighter of the two, for `[budget]` and for every slot of the
 * same id. So a repository's file can lower the user's budgets, never raise or remove them.
 */
export function withUserBudgets(
  config: SkynetConfig,
  user: Pick<SkynetConfig, 'budget' | 'slots'> | undefined,
): SkynetConfig {
  if (!user) return config;
  const budget = tighter(config.budget ?? {}, user.budget);
  const slots = config.slots.map((slot) => {
    const users = user.slots.find((candidate) => candidate.id === slot.id);
    return users ? { ...slot, ...tighter(budgetsIn(slot), budgetsIn(users)) } : slot;
  });
  return { ...config, slots, ...(Object.keys(budget).length > 0 ? { budget } : {}) };
}

/**
 * The user's own file's budgets, to layer over `file` (undefined when `file` is the user's own, or the user's file
 * is missing or has errors: its errors are shown when it is the file in use).
 */
export function userBudgetsFor(
  file: string,
  homeDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Pick<SkynetConfig, 'budget' | 'slots'> | undefined {
  const own = userConfigFile(homeDir);
  if (path.resolve(file) === path.resolve(own) || !fs.existsSync(own)) return undefined;
  const loaded = loadConfigFile(own, env, KNOWN_PROVIDERS, homeDir);
  return loaded.ok
    ? { budget: loaded.config.budget, slots: loaded.config.fromEnvironment ? [] : loaded.config.slots }
    : undefined;
}
