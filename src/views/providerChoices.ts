/** What "Add Provider" offers and asks: pure data and TOML text, no VS Code. */

export interface RegistryRowLike {
  id: string;
  name: string;
  baseUrl: string;
  defaultModel?: string;
  freeTier?: boolean;
  local?: boolean;
}

export type ProviderQuestion = 'apiKey' | 'model' | 'baseUrl' | 'id' | 'region' | 'profile' | 'projectId' | 'location' | 'keyFile';

export interface ProviderChoice {
  /** What the quick pick shows. */
  label: string;
  description: string;
  detail?: string;
  /** `providers.<table>` or `[[providers.openai_compat]]` with this id. */
  table: 'anthropic' | 'openai' | 'ollama' | 'copilot' | 'qwen_oauth' | 'bedrock' | 'vertex' | 'openai_compat';
  compatId?: string;
  defaultModel?: string;
  defaultBaseUrl?: string;
  /** Asked in this order; nothing else is. */
  questions: ProviderQuestion[];
  signIn?: boolean;
}

const NATIVE: ProviderChoice[] = [
  { label: 'Anthropic', description: 'Claude · API key', table: 'anthropic', defaultModel: 'claude-sonnet-4-6', questions: ['apiKey', 'model'] },
  { label: 'OpenAI', description: 'GPT · API key', table: 'openai', defaultModel: 'gpt-5-mini', questions: ['apiKey', 'model'] },
  { label: 'Ollama', description: 'local · no key', table: 'ollama', defaultModel: 'llama3.2', defaultBaseUrl: 'http://localhost:11434', questions: ['model', 'baseUrl'] },
  { label: 'GitHub Copilot', description: 'sign in with GitHub · Copilot subscription', table: 'copilot', defaultModel: 'gpt-4.1', questions: ['model'], signIn: true },
  { label: 'Qwen (OAuth)', description: 'sign in with a device code', table: 'qwen_oauth', defaultModel: 'qwen3-coder-plus', questions: ['model'], signIn: true },
  { label: 'AWS Bedrock', description: 'AWS credentials chain', table: 'bedrock', defaultModel: 'anthropic.claude-sonnet-4-5-20250929-v1:0', questions: ['region', 'profile', 'model'] },
  { label: 'Google Vertex AI', description: 'service-account key file', table: 'vertex', defaultModel: 'gemini-2.5-pro', questions: ['projectId', 'location', 'keyFile', 'model'] },
];

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
    questions: row.local ? ['model'] : ['apiKey', 'model'],
  }));
  return [...NATIVE, ...rows.sort((a, b) => a.label.localeCompare(b.label)), CUSTOM];
}

function tomlString(value: string): string {
  return JSON.stringify(value); // a JSON string is a valid TOML basic string
}

/** The TOML table for a choice and its answers (never the key: that goes to Secret Storage). */
export function providerTableText(choice: ProviderChoice, answers: Partial<Record<ProviderQuestion, string>>): string {
  const lines: string[] = [];
  if (choice.table === 'openai_compat') {
    lines.push('[[providers.openai_compat]]', `id = ${tomlString(answers.id ?? choice.compatId ?? 'custom')}`);
  } else {
    lines.push(`[providers.${choice.table}]`);
  }
  const keys: Array<[ProviderQuestion, string]> = [
    ['baseUrl', 'base_url'], ['model', 'model'], ['region', 'region'], ['profile', 'profile'],
    ['projectId', 'project_id'], ['location', 'location'], ['keyFile', 'key_file'],
  ];
  for (const [question, key] of keys) {
    const value = answers[question]?.trim();
    if (value) lines.push(`${key} = ${tomlString(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The slot id a choice creates (where its key is stored). */
export function slotIdOfChoice(choice: ProviderChoice, answers: Partial<Record<ProviderQuestion, string>>): string {
  return choice.table === 'openai_compat' ? answers.id ?? choice.compatId ?? 'custom' : choice.table;
}

/** Appends a table at the end, leaving the user's text and comments as they are. */
export function appendTable(text: string, table: string): string {
  if (!text.trim()) return table;
  const separator = text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return `${text}${separator}${table}`;
}
