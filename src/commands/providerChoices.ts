/** What "Add Provider" offers and asks: pure data, no VS Code. */
import type { NewProviderTable } from '../config';
import {
  PROVIDER_GROUP_TITLES,
  type ProviderFacts,
  type ProviderGroup,
  type SetupQuestion,
} from '../providers/descriptor';
import type { NativeTable } from '../config/knownProviders';
import { NATIVE_PROVIDERS } from '../providers/descriptors';
import type { RegistryEntry } from '../providers/registry';

export type RegistryRowLike = Pick<
  RegistryEntry,
  'id' | 'name' | 'baseUrl' | 'defaultModel' | 'freeTier' | 'local' | 'group' | 'credential' | 'setup'
> &
  Partial<Pick<RegistryEntry, 'urlParameters'>>;

export type ProviderQuestion = SetupQuestion;

/** Where Add Provider lists a choice: a provider group, or the custom endpoint after them all. */
export type ChoiceGroup = ProviderGroup | 'custom';

export interface ProviderChoice {
  /** What the quick pick shows: the service's name; its id, free tier and summary; how it authenticates and where it runs. */
  label: string;
  description: string;
  detail: string;
  group: ChoiceGroup;
  table: NewProviderTable['table'];
  /** The registry id of an openai_compat choice; undefined for a custom endpoint. */
  compatId?: string;
  defaultModel?: string;
  defaultBaseUrl?: string;
  /** Asked in this order; nothing else is. */
  questions: ProviderQuestion[];
  /** The values of the slot that are part of its address (Cloudflare's account ID), checked as they are typed. */
  urlParameters?: RegistryEntry['urlParameters'];
  signIn?: boolean;
}

/** Add Provider's sections, in order. */
export const CHOICE_GROUPS: ReadonlyArray<{ group: ChoiceGroup; title: string }> = [
  ...(['cloud', 'gateway', 'local', 'sign-in'] as const).map((group) => ({
    group,
    title: PROVIDER_GROUP_TITLES[group],
  })),
  { group: 'custom', title: 'Any other server' },
];

/** "API key (Bearer)", "no key needed", "GitHub OAuth token (device flow)…": the credential's first clause, plain text. */
function authText(facts: Pick<ProviderFacts, 'credential'>): string {
  const what = facts.credential.what.split(';')[0].replace(/`/g, '').trim();
  return /^none\b/.test(what) ? 'no key needed' : what;
}

/** Where it runs: a local server at its address, or the hosted service's host. */
function placeText(facts: Pick<ProviderFacts, 'group' | 'baseUrl'>): string {
  if (facts.group === 'local') return `local server at ${facts.baseUrl}`;
  return `hosted at ${facts.baseUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '')}`;
}

function choiceOf(
  facts: ProviderFacts | RegistryRowLike,
  extra: Partial<ProviderChoice> & Pick<ProviderChoice, 'table'>,
): ProviderChoice {
  const free = 'freeTier' in facts && facts.freeTier ? 'free tier' : undefined;
  const summary = facts.setup.summary === facts.name ? undefined : facts.setup.summary;
  return {
    label: facts.name,
    description: [facts.id, free, summary].filter(Boolean).join(' · '),
    detail: `${authText(facts)} · ${placeText(facts)}`,
    group: facts.group,
    defaultModel: facts.defaultModel,
    questions: [...facts.setup.asks],
    ...extra,
  };
}

const NATIVES: ProviderChoice[] = (
  ['anthropic', 'openai', 'azure', 'ollama', 'copilot', 'qwen_oauth', 'bedrock', 'vertex'] as const
).map((table: NativeTable) => {
  const descriptor = NATIVE_PROVIDERS[table];
  return choiceOf(descriptor, { table, defaultBaseUrl: descriptor.baseUrl, signIn: descriptor.setup.signIn });
});

const CUSTOM: ProviderChoice = {
  label: 'Custom OpenAI-compatible endpoint',
  description: 'custom · any /v1/chat/completions server',
  detail: 'the API key you give, or none · the base URL you give',
  group: 'custom',
  table: 'openai_compat',
  questions: ['id', 'baseUrl', 'model', 'apiKey'],
};

/** Every provider, grouped in `CHOICE_GROUPS` order and by name within a group; the custom endpoint last. */
export function providerChoices(registry: readonly RegistryRowLike[]): ProviderChoice[] {
  const rows = registry.map((row) =>
    choiceOf(row, {
      table: 'openai_compat',
      compatId: row.id,
      ...(row.urlParameters ? { urlParameters: row.urlParameters } : {}),
    }),
  );
  const order = (choice: ProviderChoice) => CHOICE_GROUPS.findIndex((entry) => entry.group === choice.group);
  return [...NATIVES, ...rows, CUSTOM].sort((a, b) => order(a) - order(b) || a.label.localeCompare(b.label));
}

const TABLE_KEYS: Array<[ProviderQuestion, string]> = [
  ['id', 'id'],
  ['baseUrl', 'base_url'],
  ['model', 'model'],
  ['region', 'region'],
  ['profile', 'profile'],
  ['projectId', 'project_id'],
  ['location', 'location'],
  ['keyFile', 'key_file'],
  ['accountId', 'account_id'],
  ['gatewayId', 'gateway_id'],
  ['resource', 'resource'],
];

/**
 * The table for a choice and its answers: never the key (that goes to Secret Storage), and no value that only
 * repeats the provider's default.
 */
export function providerTable(
  choice: ProviderChoice,
  answers: Partial<Record<ProviderQuestion, string>>,
): NewProviderTable {
  const given: Partial<Record<ProviderQuestion, string>> = { ...answers, id: answers.id ?? choice.compatId };
  const values: Record<string, string> = {};
  for (const [question, key] of TABLE_KEYS) {
    const value = given[question]?.trim();
    if (!value) continue;
    if (question === 'baseUrl' && value === choice.defaultBaseUrl) continue;
    if (question === 'model' && value === choice.defaultModel && choice.table !== 'openai_compat') continue;
    values[key] = value;
  }
  return { table: choice.table, values };
}

/** The slot id a choice creates (where its key is stored). */
export function slotIdOfChoice(choice: ProviderChoice, answers: Partial<Record<ProviderQuestion, string>>): string {
  return choice.table === 'openai_compat' ? (answers.id ?? choice.compatId ?? 'custom') : choice.table;
}
