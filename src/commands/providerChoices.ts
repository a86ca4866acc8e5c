/** What "Add Provider" offers and asks: pure data, no VS Code. */
import type { NewProviderTable } from '../config';
import type { SetupQuestion } from '../providers/descriptor';
import { NATIVE_PROVIDERS, type NativeTable } from '../providers/descriptors';
import type { RegistryEntry } from '../providers/registry';

export type RegistryRowLike = Pick<RegistryEntry, 'id' | 'name' | 'baseUrl' | 'defaultModel' | 'freeTier' | 'local'> & Partial<Pick<RegistryEntry, 'setup' | 'urlParameters'>>;

export type ProviderQuestion = SetupQuestion;

export interface ProviderChoice {
  /** What the quick pick shows. */
  label: string;
  description: string;
  detail?: string;
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

function native(table: NativeTable): ProviderChoice {
  const descriptor = NATIVE_PROVIDERS[table];
  return {
    label: descriptor.name,
    description: descriptor.setup.summary,
    table,
    defaultModel: descriptor.defaultModel,
    defaultBaseUrl: descriptor.baseUrl,
    questions: [...descriptor.setup.asks],
    signIn: descriptor.setup.signIn,
  };
}

const NATIVES: ProviderChoice[] = (['anthropic', 'openai', 'ollama', 'copilot', 'qwen_oauth', 'bedrock', 'vertex'] as const).map(native);

const CUSTOM: ProviderChoice = {
  label: 'Custom OpenAI-compatible endpoint',
  description: 'any /v1/chat/completions server',
  table: 'openai_compat',
  questions: ['id', 'baseUrl', 'model', 'apiKey'],
};

/** Every provider: the natives, each registry row (free tier and local marked), and a custom endpoint. */
export function providerChoices(registry: readonly RegistryRowLike[]): ProviderChoice[] {
  const rows = registry.map((row): ProviderChoice => ({
    label: row.name,
    description: [row.id, row.freeTier ? 'free tier' : undefined, row.local ? 'local' : 'API key'].filter(Boolean).join(' · '),
    detail: row.baseUrl,
    table: 'openai_compat',
    compatId: row.id,
    defaultModel: row.defaultModel,
    questions: row.setup ? [...row.setup.asks] : row.local ? ['model'] : ['apiKey', 'model'],
    ...(row.urlParameters ? { urlParameters: row.urlParameters } : {}),
  }));
  return [...NATIVES, ...rows.sort((a, b) => a.label.localeCompare(b.label)), CUSTOM];
}

const TABLE_KEYS: Array<[ProviderQuestion, string]> = [
  ['id', 'id'], ['baseUrl', 'base_url'], ['model', 'model'], ['region', 'region'], ['profile', 'profile'],
  ['projectId', 'project_id'], ['location', 'location'], ['keyFile', 'key_file'], ['accountId', 'account_id'], ['gatewayId', 'gateway_id'],
];

/**
 * The table for a choice and its answers: never the key (that goes to Secret Storage), and no value that only
 * repeats the provider's default.
 */
export function providerTable(choice: ProviderChoice, answers: Partial<Record<ProviderQuestion, string>>): NewProviderTable {
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
  return choice.table === 'openai_compat' ? answers.id ?? choice.compatId ?? 'custom' : choice.table;
}
