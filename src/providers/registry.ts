/** An OpenAI-compatible service: providers that differ only by URL are data, not code. */
export interface RegistryEntry {
  id: string;
  name: string;
  baseUrl: string;
  chatPath: string;
  defaultModel: string;
  freeTier: boolean;
  local: boolean;
  /** Cohere's compatibility API rejects `stream_options`. */
  supportsStreamOptions: boolean;
  /** A note shown beside the name (an address to check, a regional alternative). */
  description?: string;
}

type Row = [id: string, name: string, baseUrl: string, defaultModel: string, tier: 'free' | 'paid' | 'local'];

// Source: ../shared/PROVIDERS.md, "The OpenAI-compatible registry".
const ROWS: readonly Row[] = [
  ['groq', 'Groq', 'https://api.groq.com/openai/v1', 'llama-3.3-70b-versatile', 'free'],
  ['deepseek', 'DeepSeek', 'https://api.deepseek.com', 'deepseek-chat', 'paid'],
  ['openrouter', 'OpenRouter', 'https://openrouter.ai/api/v1', 'openai/gpt-4o', 'free'],
  ['xai', 'xAI (Grok)', 'https://api.x.ai/v1', 'grok-2-latest', 'paid'],
  ['mistral', 'Mistral AI', 'https://api.mistral.ai/v1', 'mistral-large-latest', 'paid'],
  ['perplexity', 'Perplexity', 'https://api.perplexity.ai', 'sonar-pro', 'paid'],
  ['together', 'Together AI', 'https://api.together.xyz/v1', 'meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo', 'paid'],
  ['fireworks', 'Fireworks AI', 'https://api.fireworks.ai/inference/v1', 'accounts/fireworks/models/llama-v3p3-70b-instruct', 'paid'],
  ['cerebras', 'Cerebras', 'https://api.cerebras.ai/v1', 'llama3.3-70b', 'free'],
  ['sambanova', 'SambaNova', 'https://api.sambanova.ai/v1', 'Meta-Llama-3.1-405B-Instruct', 'free'],
  ['hyperbolic', 'Hyperbolic', 'https://api.hyperbolic.xyz/v1', 'meta-llama/Llama-3.3-70B-Instruct', 'paid'],
  ['novita', 'Novita AI', 'https://api.novita.ai/v3/openai', 'meta-llama/llama-3.1-70b-instruct', 'paid'],
  ['lepton', 'Lepton AI', 'https://llm.lepton.ai/api/v1', 'llama3-3-70b', 'free'],
  ['corethink', 'CoreThink', 'https://api.corethink.ai/v1/code', 'deepseek-r1', 'paid'],
  ['featherless', 'Featherless AI', 'https://api.featherless.ai/v1', 'meta-llama/Meta-Llama-3.1-70B-Instruct', 'paid'],
  ['requesty', 'Requesty', 'https://router.requesty.ai/v1', 'openai/gpt-4o', 'paid'],
  ['glama', 'Glama', 'https://glama.ai/api/gateway/openai/v1', 'openai/gpt-4o', 'free'],
  ['chutes', 'Chutes AI', 'https://llm.chutes.ai/v1', 'deepseek-ai/DeepSeek-R1', 'free'],
  ['cohere', 'Cohere', 'https://api.cohere.ai/compatibility/v1', 'command-r-plus-08-2024', 'free'],
  ['gemini', 'Google AI (Gemini)', 'https://generativelanguage.googleapis.com/v1beta/openai', 'gemini-2.0-flash', 'free'],
  ['moonshot', 'Moonshot AI (Kimi)', 'https://api.moonshot.ai/v1', 'moonshot-v1-8k', 'paid'],
  ['glm', 'GLM (Zhipu AI)', 'https://open.bigmodel.cn/api/paas/v4', 'glm-4-flash', 'free'],
  ['doubao', 'Doubao (ByteDance)', 'https://ark.cn-beijing.volces.com/api/v3', 'doubao-pro-4k', 'paid'],
  ['qwen', 'Qwen (API key)', 'https://dashscope.aliyuncs.com/compatible-mode/v1', 'qwen-turbo', 'paid'],
  ['zai', 'Z.AI', 'https://api.z.ai/api/paas/v4', 'z1-preview', 'paid'],
  ['yi', '01.AI (Yi)', 'https://api.lingyiwanwu.com/v1', 'yi-large', 'paid'],
  ['minimax', 'MiniMax', 'https://api.minimax.io/v1', 'MiniMax-Text-01', 'paid'],
  ['hunyuan', 'Hunyuan (Tencent)', 'https://api.hunyuan.cloud.tencent.com/v1', 'hunyuan-turbo', 'paid'],
  ['stepfun', 'StepFun', 'https://api.stepfun.com/v1', 'step-1-8k', 'paid'],
  ['lmstudio', 'LM Studio', 'http://localhost:1234/v1', 'local-model', 'local'],
  ['llamacpp', 'llama.cpp', 'http://127.0.0.1:8080/v1', 'local-model', 'local'],
  ['localai', 'LocalAI', 'http://localhost:8080/v1', 'gpt-4', 'local'],
  ['litellm', 'LiteLLM', 'http://localhost:4000/v1', 'gpt-3.5-turbo', 'local'],
];

// Notes from PROVIDERS.md on addresses that are not settled or have alternatives.
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  novita: 'Address not settled: …/v3/openai, also seen as …/openai; set base_url if requests fail.',
  lepton: 'Address not settled; set base_url if requests fail.',
  corethink: 'Address not settled; set base_url if requests fail.',
  cohere: 'Compatibility API; it rejects stream_options, so none is sent.',
  moonshot: 'International endpoint; in China set base_url = "https://api.moonshot.cn/v1".',
};

export const REGISTRY: readonly RegistryEntry[] = Object.freeze(
  ROWS.map(([id, name, baseUrl, defaultModel, tier]) =>
    Object.freeze({
      ...(DESCRIPTIONS[id] ? { description: DESCRIPTIONS[id] } : {}),
      id,
      name,
      baseUrl,
      chatPath: '/chat/completions',
      defaultModel,
      freeTier: tier === 'free',
      local: tier === 'local',
      supportsStreamOptions: id !== 'cohere',
    }),
  ),
);

const BY_ID = new Map(REGISTRY.map((entry) => [entry.id, entry]));

export function findRegistryEntry(id: string): RegistryEntry | undefined {
  return BY_ID.get(id);
}

/** Custom endpoints (ids not in the registry) default to this chat path after their base URL. */
export const CUSTOM_CHAT_PATH = '/v1/chat/completions';

/** The native providers' names and defaults, keyed by their table name in skynet.toml. */
export const NATIVE_PROVIDERS = {
  anthropic: { name: 'Anthropic', baseUrl: 'https://api.anthropic.com', defaultModel: 'claude-sonnet-4-5' },
  openai: { name: 'OpenAI', baseUrl: 'https://api.openai.com/v1', defaultModel: 'gpt-4o-mini' },
  copilot: {
    name: 'GitHub Copilot',
    baseUrl: 'https://api.githubcopilot.com',
    defaultModel: 'gpt-4o',
    githubUrl: 'https://github.com',
    githubApiUrl: 'https://api.github.com',
  },
  qwen_oauth: {
    name: 'Qwen (sign-in)',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    defaultModel: 'qwen3-coder-plus',
    authUrl: 'https://chat.qwen.ai',
    credentialsPath: '~/.qwen/oauth_creds.json',
  },
  bedrock: { name: 'AWS Bedrock', baseUrl: 'https://bedrock-runtime.{region}.amazonaws.com', defaultModel: 'anthropic.claude-3-5-sonnet-20241022-v2:0', region: 'us-east-1' },
  vertex: { name: 'Google Vertex AI', baseUrl: 'https://{location}-aiplatform.googleapis.com', defaultModel: 'gemini-2.0-flash', location: 'us-central1' },
  ollama: { name: 'Ollama', baseUrl: 'http://localhost:11434', defaultModel: 'llama3.2' },
} as const;

/** The base URL a slot would use with nothing overridden: its secrets may go there without asking. */
export function defaultBaseUrlFor(slot: { kind: string; id: string; registryId?: string }): string | undefined {
  if (slot.kind === 'openai-compat') return slot.registryId ? findRegistryEntry(slot.registryId)?.baseUrl : undefined;
  if (slot.kind === 'anthropic') return NATIVE_PROVIDERS.anthropic.baseUrl;
  if (slot.kind === 'openai') return NATIVE_PROVIDERS.openai.baseUrl;
  if (slot.kind === 'copilot') return NATIVE_PROVIDERS.copilot.baseUrl;
  if (slot.kind === 'qwen-oauth') return NATIVE_PROVIDERS.qwen_oauth.baseUrl;
  return undefined;
}
