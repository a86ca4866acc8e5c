import type { ModelListFacts, ProviderFacts, ProviderGroup, RegionalVariant, Sourced } from './descriptor';

/** An OpenAI-compatible service: providers that differ only by URL are data, not code. */
export interface RegistryEntry extends ProviderFacts {
  kind: 'openai-compat';
  chatPath: string;
  freeTier: boolean;
  local: boolean;
  /** Cohere's compatibility API rejects `stream_options`. */
  supportsStreamOptions: boolean;
  /** A note shown beside the name (an address to check, a regional alternative). */
  description?: string;
}

type Tier = 'free' | 'paid' | 'local';

/** One registry row as written below; `row()` fills in what every compatible service shares. */
interface RowInput {
  name: string;
  baseUrl: string;
  defaultModel: string;
  tier: Tier;
  /** Where the default model (and free tier) was checked. */
  source: string;
  group?: ProviderGroup;
  description?: string;
  supportsStreamOptions?: false;
  models?: ModelListFacts;
  regions?: readonly RegionalVariant[];
  quirks?: readonly string[];
}

type RowExtras = Omit<RowInput, 'name' | 'baseUrl' | 'defaultModel' | 'tier' | 'source'>;
const row = (name: string, baseUrl: string, defaultModel: string, tier: Tier, source: string, extras: RowExtras = {}): RowInput => ({ name, baseUrl, defaultModel, tier, source, ...extras });

/** Not re-checked since the registry was written: the address and model from ../shared/PROVIDERS.md. */
const PROVIDERS_MD = '../shared/PROVIDERS.md, "The OpenAI-compatible registry"';

// Keyed by id, in the order Add Provider and the docs list them.
const ROWS = {
  groq: row('Groq', 'https://api.groq.com/openai/v1', 'llama-3.3-70b-versatile', 'free', PROVIDERS_MD),
  deepseek: row('DeepSeek', 'https://api.deepseek.com', 'deepseek-chat', 'paid', PROVIDERS_MD),
  openrouter: row('OpenRouter', 'https://openrouter.ai/api/v1', 'openai/gpt-4o', 'free', PROVIDERS_MD, { group: 'gateway' }),
  xai: row('xAI (Grok)', 'https://api.x.ai/v1', 'grok-2-latest', 'paid', PROVIDERS_MD),
  mistral: row('Mistral AI', 'https://api.mistral.ai/v1', 'mistral-large-latest', 'paid', PROVIDERS_MD),
  perplexity: row('Perplexity', 'https://api.perplexity.ai', 'sonar-pro', 'paid', PROVIDERS_MD),
  together: row('Together AI', 'https://api.together.xyz/v1', 'meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo', 'paid', PROVIDERS_MD),
  fireworks: row('Fireworks AI', 'https://api.fireworks.ai/inference/v1', 'accounts/fireworks/models/llama-v3p3-70b-instruct', 'paid', PROVIDERS_MD),
  cerebras: row('Cerebras', 'https://api.cerebras.ai/v1', 'llama3.3-70b', 'free', PROVIDERS_MD),
  sambanova: row('SambaNova', 'https://api.sambanova.ai/v1', 'Meta-Llama-3.1-405B-Instruct', 'free', PROVIDERS_MD),
  hyperbolic: row('Hyperbolic', 'https://api.hyperbolic.xyz/v1', 'meta-llama/Llama-3.3-70B-Instruct', 'paid', PROVIDERS_MD),
  novita: row('Novita AI', 'https://api.novita.ai/v3/openai', 'meta-llama/llama-3.1-70b-instruct', 'paid', PROVIDERS_MD, {
    description: 'Address not settled: …/v3/openai, also seen as …/openai; set base_url if requests fail.',
  }),
  lepton: row('Lepton AI', 'https://llm.lepton.ai/api/v1', 'llama3-3-70b', 'free', PROVIDERS_MD, { description: 'Address not settled; set base_url if requests fail.' }),
  corethink: row('CoreThink', 'https://api.corethink.ai/v1/code', 'deepseek-r1', 'paid', PROVIDERS_MD, { description: 'Address not settled; set base_url if requests fail.' }),
  featherless: row('Featherless AI', 'https://api.featherless.ai/v1', 'meta-llama/Meta-Llama-3.1-70B-Instruct', 'paid', PROVIDERS_MD),
  requesty: row('Requesty', 'https://router.requesty.ai/v1', 'openai/gpt-4o', 'paid', PROVIDERS_MD, { group: 'gateway' }),
  glama: row('Glama', 'https://glama.ai/api/gateway/openai/v1', 'openai/gpt-4o', 'free', PROVIDERS_MD, { group: 'gateway' }),
  chutes: row('Chutes AI', 'https://llm.chutes.ai/v1', 'deepseek-ai/DeepSeek-R1', 'free', PROVIDERS_MD),
  cohere: row('Cohere', 'https://api.cohere.ai/compatibility/v1', 'command-r-plus-08-2024', 'free', PROVIDERS_MD, {
    supportsStreamOptions: false,
    description: 'Compatibility API; it rejects stream_options, so none is sent.',
  }),
  gemini: row('Google AI (Gemini)', 'https://generativelanguage.googleapis.com/v1beta/openai', 'gemini-2.0-flash', 'free', PROVIDERS_MD),
  moonshot: row('Moonshot AI (Kimi)', 'https://api.moonshot.ai/v1', 'moonshot-v1-8k', 'paid', PROVIDERS_MD, {
    description: 'International endpoint; in China set base_url = "https://api.moonshot.cn/v1".',
    regions: [{ name: 'China', baseUrl: 'https://api.moonshot.cn/v1' }],
  }),
  glm: row('GLM (Zhipu AI)', 'https://open.bigmodel.cn/api/paas/v4', 'glm-4-flash', 'free', PROVIDERS_MD),
  doubao: row('Doubao (ByteDance)', 'https://ark.cn-beijing.volces.com/api/v3', 'doubao-pro-4k', 'paid', PROVIDERS_MD),
  qwen: row('Qwen (API key)', 'https://dashscope.aliyuncs.com/compatible-mode/v1', 'qwen-turbo', 'paid', PROVIDERS_MD),
  zai: row('Z.AI', 'https://api.z.ai/api/paas/v4', 'z1-preview', 'paid', PROVIDERS_MD),
  yi: row('01.AI (Yi)', 'https://api.lingyiwanwu.com/v1', 'yi-large', 'paid', PROVIDERS_MD),
  minimax: row('MiniMax', 'https://api.minimax.io/v1', 'MiniMax-Text-01', 'paid', PROVIDERS_MD),
  hunyuan: row('Hunyuan (Tencent)', 'https://api.hunyuan.cloud.tencent.com/v1', 'hunyuan-turbo', 'paid', PROVIDERS_MD),
  stepfun: row('StepFun', 'https://api.stepfun.com/v1', 'step-1-8k', 'paid', PROVIDERS_MD),
  lmstudio: row('LM Studio', 'http://localhost:1234/v1', 'local-model', 'local', PROVIDERS_MD),
  llamacpp: row('llama.cpp', 'http://127.0.0.1:8080/v1', 'local-model', 'local', PROVIDERS_MD),
  localai: row('LocalAI', 'http://localhost:8080/v1', 'gpt-4', 'local', PROVIDERS_MD),
  litellm: row('LiteLLM', 'http://localhost:4000/v1', 'gpt-3.5-turbo', 'local', PROVIDERS_MD),
} satisfies Record<string, RowInput>;

/** Every registry id: a table keyed by it (dialects, docs) is complete when typed `Record<RegistryId, …>`. */
export type RegistryId = keyof typeof ROWS;

const checked = (source: string): Sourced => ({ checked: '2026-12-05', source });

function entry(id: string, input: RowInput): RegistryEntry {
  const local = input.tier === 'local';
  const built: RegistryEntry = {
    ...(input.description ? { description: input.description } : {}),
    id,
    kind: 'openai-compat' as const,
    name: input.name,
    group: input.group ?? (local ? 'local' : 'cloud'),
    baseUrl: input.baseUrl,
    chatPath: '/chat/completions',
    defaultModel: input.defaultModel,
    defaultModelSource: checked(input.source),
    freeTier: input.tier === 'free',
    local,
    supportsStreamOptions: input.supportsStreamOptions ?? true,
    credential: { what: local ? 'none needed; an API key (Bearer) is sent when one is set' : 'API key (`Authorization: Bearer`)', authOrigins: [] },
    models: input.models ?? { kind: 'endpoint', path: '/models', shape: 'openai' },
    ...(input.regions ? { regions: input.regions } : {}),
    ...(input.quirks ? { quirks: input.quirks } : {}),
    setup: { summary: input.name, asks: local ? ['model'] : ['apiKey', 'model'] },
  };
  return Object.freeze(built);
}

export const REGISTRY: readonly RegistryEntry[] = Object.freeze(Object.entries(ROWS).map(([id, input]) => entry(id, input)));

const BY_ID = new Map(REGISTRY.map((registryEntry) => [registryEntry.id, registryEntry]));

export function findRegistryEntry(id: string): RegistryEntry | undefined {
  return BY_ID.get(id);
}

/** Custom endpoints (ids not in the registry) default to this chat path after their base URL. */
export const CUSTOM_CHAT_PATH = '/v1/chat/completions';
