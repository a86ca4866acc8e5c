import { wireDialectFor } from './openaiCompatible/wireDialect';
import type {
  KeyFallback,
  ModelListFacts,
  ProviderFacts,
  ProviderGroup,
  RegionalVariant,
  SetupQuestion,
} from './descriptor';
import type { UrlParameter } from '../config/urlParameters';

/** An OpenAI-compatible service: providers that differ only by URL are data, not code. */
export interface RegistryEntry extends ProviderFacts {
  kind: 'openai-compat';
  chatPath: string;
  freeTier: boolean;
  local: boolean;
  /** Cohere's compatibility API rejects `stream_options`. */
  supportsStreamOptions: boolean;
  /** Where else its key may come from (GitHub Models: GITHUB_TOKEN, the Copilot sign-in). */
  keyFallback?: KeyFallback;
}

type Tier = 'free' | 'paid' | 'local';

/** One registry row as written below; `row()` fills in what every compatible service shares. */
interface RowInput {
  name: string;
  baseUrl: string;
  defaultModel: string;
  tier: Tier;
  group?: ProviderGroup;
  supportsStreamOptions?: false;
  models?: ModelListFacts;
  regions?: readonly RegionalVariant[];
  urlParameters?: readonly UrlParameter[];
  keyFallback?: KeyFallback;
}

type RowExtras = Omit<RowInput, 'name' | 'baseUrl' | 'defaultModel' | 'tier'>;
const row = (name: string, baseUrl: string, defaultModel: string, tier: Tier, extras: RowExtras = {}): RowInput => ({
  name,
  baseUrl,
  defaultModel,
  tier,
  ...extras,
});

/**
 * Cloudflare's account ID: part of every Workers AI and AI Gateway URL. Shape from Cloudflare's API schema
 * account_identifier (maxLength 32, e.g. 023e105f4ecef8ad9ca31a8372d0c353, as in cloudflare/cloudflare-go and
 * cloudflare-python tests), checked 2026-12-05.
 */
const CLOUDFLARE_ACCOUNT_ID: UrlParameter = {
  key: 'account_id',
  label: 'Cloudflare account ID',
  pattern: /^[0-9a-f]{32}$/,
  shape: '32 lowercase hexadecimal characters',
  where: "shown on the dashboard's Account Home and in dash.cloudflare.com/<account ID>/…",
};
/**
 * An AI Gateway's name: checked only so that it cannot change the URL's shape (no "/", "?", "#", ".."); it is a URL
 * path segment (developers.cloudflare.com/ai-gateway/providers/workersai, checked 2026-12-05).
 */
const CLOUDFLARE_GATEWAY_ID: UrlParameter = {
  key: 'gateway_id',
  label: 'AI Gateway ID',
  pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
  shape: 'letters, digits, "-" and "_" (at most 64)',
  where: "the gateway's name under AI → AI Gateway in the dashboard",
};
/** Workers AI's OpenAI-compatible API has no GET …/ai/v1/models (405, code 7001: jekalmin/extended_openai_conversation#228). */
const WORKERS_AI_MODELS: ModelListFacts = {
  kind: 'known',
  known: [
    '@cf/zai-org/glm-5.3-flash',
    '@cf/openai/gpt-oss-120b',
    '@cf/meta/llama-4-scout-17b-16e-instruct',
    '@cf/qwen/qwen2.5-coder-32b-instruct',
    '@cf/meta/llama-3.1-8b-instruct',
  ],
};

/**
 * GitHub Models takes a GitHub token: a fine-grained PAT or GitHub App token needs the models:read permission,
 * classic tokens work as they are (github.blog/changelog/2025-05-15-modelsread-now-required-for-github-models-access;
 * docs.github.com/en/rest/models/inference). Copilot's sign-in is a GitHub App user token: it works only if that
 * app holds models:read, which no public source confirms, so it is tried last and a refusal says what to set.
 * GITHUB_TOKEN: anomalyco/models.dev providers/github-models/provider.toml (env GITHUB_TOKEN); github/models-ai-sdk
 * README (PAT with models:read, default GITHUB_TOKEN); checked 2026-12-05.
 */
const GITHUB_MODELS_KEYS: KeyFallback = {
  env: ['GITHUB_TOKEN'],
  githubSignIn: true,
};

/** Perplexity's chat models (it lists none over the API). */
const PERPLEXITY_MODELS = ['sonar', 'sonar-pro', 'sonar-reasoning-pro', 'sonar-deep-research'] as const;

// Keyed by id, in the order Add Provider and the docs list them; where each was checked: registryNotes.ts.
const ROWS = {
  groq: row('Groq', 'https://api.groq.com/openai/v1', 'qwen/qwen3.8-27b', 'free'),
  deepseek: row('DeepSeek', 'https://api.deepseek.com', 'deepseek-chat', 'paid'),
  openrouter: row('OpenRouter', 'https://openrouter.ai/api/v1', 'openai/gpt-4o', 'free', { group: 'gateway' }),
  xai: row('xAI (Grok)', 'https://api.x.ai/v1', 'grok-4.7', 'paid'),
  mistral: row('Mistral AI', 'https://api.mistral.ai/v1', 'mistral-large-latest', 'paid'),
  perplexity: row('Perplexity', 'https://api.perplexity.ai', 'sonar-pro', 'paid', {
    models: { kind: 'known', known: PERPLEXITY_MODELS },
  }),
  together: row('Together AI', 'https://api.together.xyz/v1', 'deepseek-ai/DeepSeek-V4.1-Flash', 'paid'),
  deepinfra: row('DeepInfra', 'https://api.deepinfra.com/v1/openai', 'deepseek-ai/DeepSeek-V4.1-Flash', 'paid'),
  fireworks: row(
    'Fireworks AI',
    'https://api.fireworks.ai/inference/v1',
    'accounts/fireworks/models/llama-v3p3-70b-instruct',
    'paid',
  ),
  cerebras: row('Cerebras', 'https://api.cerebras.ai/v1', 'qwen-3.8-27b', 'free'),
  sambanova: row('SambaNova', 'https://api.sambanova.ai/v1', 'Meta-Llama-3.3-70B-Instruct', 'paid'),
  hyperbolic: row('Hyperbolic', 'https://api.hyperbolic.xyz/v1', 'meta-llama/Llama-3.3-70B-Instruct', 'paid'),
  novita: row('Novita AI', 'https://api.novita.ai/v3/openai', 'meta-llama/llama-3.1-70b-instruct', 'paid'),
  corethink: row('CoreThink', 'https://api.corethink.ai/v1/code', 'corethink', 'paid'),
  featherless: row('Featherless AI', 'https://api.featherless.ai/v1', 'meta-llama/Meta-Llama-3.1-70B-Instruct', 'paid'),
  requesty: row('Requesty', 'https://router.requesty.ai/v1', 'openai/gpt-4o', 'paid', { group: 'gateway' }),
  glama: row('Glama', 'https://glama.ai/api/gateway/openai/v1', 'openai/gpt-4o', 'paid', {
    group: 'gateway',
    models: { kind: 'endpoint', path: '../../v1/models', shape: 'openai' },
  }),
  chutes: row('Chutes AI', 'https://llm.chutes.ai/v1', 'deepseek-ai/DeepSeek-R1', 'paid'),
  cohere: row('Cohere', 'https://api.cohere.ai/compatibility/v1', 'command-a-03-2025', 'free', {
    supportsStreamOptions: false,
    models: { kind: 'endpoint', path: '../../v1/models?endpoint=chat&page_size=1000', shape: 'cohere' },
  }),
  gemini: row(
    'Google AI (Gemini)',
    'https://generativelanguage.googleapis.com/v1beta/openai',
    'gemini-3.8-flash',
    'free',
  ),
  moonshot: row('Moonshot AI (Kimi)', 'https://api.moonshot.ai/v1', 'moonshot-v1-8k', 'paid', {
    regions: [{ name: 'China', baseUrl: 'https://api.moonshot.cn/v1' }],
  }),
  glm: row('GLM (Zhipu AI)', 'https://open.bigmodel.cn/api/paas/v4', 'glm-4-flash', 'free'),
  doubao: row('Doubao (ByteDance)', 'https://ark.cn-beijing.volces.com/api/v3', 'glm-5-3-flash-260828', 'paid'),
  qwen: row('Qwen (API key)', 'https://dashscope.aliyuncs.com/compatible-mode/v1', 'qwen-turbo', 'paid'),
  zai: row('Z.AI', 'https://api.z.ai/api/paas/v4', 'glm-5.3-flashx', 'paid'),
  yi: row('01.AI (Yi)', 'https://api.lingyiwanwu.com/v1', 'yi-large', 'paid'),
  minimax: row('MiniMax', 'https://api.minimax.io/v1', 'MiniMax-M3', 'paid'),
  hunyuan: row('Hunyuan (Tencent)', 'https://api.hunyuan.cloud.tencent.com/v1', 'hunyuan-turbo', 'paid'),
  stepfun: row('StepFun', 'https://api.stepfun.com/v1', 'step-1-8k', 'paid'),
  lmstudio: row('LM Studio', 'http://localhost:1234/v1', 'local-model', 'local'),
  llamacpp: row('llama.cpp', 'http://127.0.0.1:8080/v1', 'local-model', 'local'),
  localai: row('LocalAI', 'http://localhost:8080/v1', 'gpt-4', 'local'),
  litellm: row('LiteLLM', 'http://localhost:4000/v1', 'gpt-3.5-turbo', 'local'),
  // Added for issue 14; base URL and default model from models.dev (cline providers.generated.ts) unless noted (checked 2026-12-05).
  nvidia: row('NVIDIA NIM', 'https://integrate.api.nvidia.com/v1', 'z-ai/glm-5.3-flash', 'paid'),
  huggingface: row(
    'Hugging Face (router)',
    'https://router.huggingface.co/v1',
    'deepseek-ai/DeepSeek-V4.1-Flash',
    'paid',
    { group: 'gateway' },
  ),
  vercel: row('Vercel AI Gateway', 'https://ai-gateway.vercel.sh/v1', 'anthropic/claude-sonnet-5.5', 'paid', {
    group: 'gateway',
  }),
  helicone: row('Helicone AI Gateway', 'https://ai-gateway.helicone.ai/v1', 'claude-4.5-opus', 'paid', {
    group: 'gateway',
  }),
  kilo: row('Kilo Gateway', 'https://api.kilo.ai/api/gateway', 'anthropic/claude-sonnet-5.5', 'paid', {
    group: 'gateway',
  }),
  zenmux: row('ZenMux', 'https://zenmux.ai/api/v1', 'anthropic/claude-opus-5.5', 'paid', { group: 'gateway' }),
  nanogpt: row('NanoGPT', 'https://nano-gpt.com/api/v1', 'anthropic/claude-sonnet-5.5', 'paid', { group: 'gateway' }),
  poe: row('Poe', 'https://api.poe.com/v1', 'anthropic/claude-opus-4.8', 'paid', { group: 'gateway' }),
  siliconflow: row('SiliconFlow', 'https://api.siliconflow.com/v1', 'zai-org/GLM-5.3-Flash', 'paid', {
    regions: [{ name: 'China', baseUrl: 'https://api.siliconflow.cn/v1' }],
  }),
  'siliconflow-cn': row('SiliconFlow (China)', 'https://api.siliconflow.cn/v1', 'zai-org/GLM-5.2', 'paid'),
  nebius: row(
    'Nebius Token Factory',
    'https://api.tokenfactory.nebius.com/v1',
    'deepseek-ai/DeepSeek-V4.1-Flash',
    'paid',
  ),
  baseten: row('Baseten', 'https://inference.baseten.co/v1', 'deepseek-ai/DeepSeek-V4.1-Flash', 'paid'),
  llama: row(
    'Meta Llama API',
    'https://api.llama.com/compat/v1',
    'cerebras-llama-4-maverick-17b-128e-instruct',
    'paid',
  ),
  'qwen-intl': row(
    'Qwen (Alibaba Cloud international)',
    'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
    'qwen3.8-omni-flash',
    'paid',
  ),
  'alibaba-coding': row(
    'Alibaba Coding Plan',
    'https://coding-intl.dashscope.aliyuncs.com/v1',
    'qwen3.7-plus',
    'paid',
    {
      regions: [{ name: 'China', baseUrl: 'https://coding.dashscope.aliyuncs.com/v1' }],
    },
  ),
  'alibaba-coding-cn': row(
    'Alibaba Coding Plan (China)',
    'https://coding.dashscope.aliyuncs.com/v1',
    'qwen3.7-plus',
    'paid',
  ),
  'zai-coding': row('Z.AI Coding Plan', 'https://api.z.ai/api/coding/paas/v4', 'glm-5.3-flash', 'paid'),
  'glm-coding': row(
    'Zhipu AI Coding Plan (China)',
    'https://open.bigmodel.cn/api/coding/paas/v4',
    'glm-5.3-flash',
    'paid',
  ),
  'kimi-coding': row('Kimi for Coding', 'https://api.kimi.com/coding/v1', 'kimi-for-coding', 'paid', {
    regions: [{ name: 'kimi.ai', baseUrl: 'https://api.kimi.ai/coding/v1' }],
  }),
  'moonshot-cn': row('Moonshot AI (China)', 'https://api.moonshot.cn/v1', 'kimi-k3', 'paid'),
  'minimax-cn': row('MiniMax (China)', 'https://api.minimaxi.com/v1', 'MiniMax-M3', 'paid'),
  'stepfun-intl': row('StepFun (global)', 'https://api.stepfun.ai/v1', 'step-5-preview', 'paid'),
  'ollama-cloud': row('Ollama Cloud', 'https://ollama.com/v1', 'deepseek-v4.1-flash', 'paid'),
  codestral: row('Codestral (Mistral)', 'https://codestral.mistral.ai/v1', 'codestral-latest', 'paid'),
  inception: row('Inception (Mercury)', 'https://api.inceptionlabs.ai/v1', 'mercury-2.5', 'paid'),
  ai21: row('AI21 Labs', 'https://api.ai21.com/studio/v1', 'jamba-mini', 'paid'),
  upstage: row('Upstage (Solar)', 'https://api.upstage.ai/v1/solar', 'solar-pro4', 'paid'),
  friendli: row('Friendli', 'https://api.friendli.ai/serverless/v1', 'zai-org/GLM-5.3-Flash', 'paid'),
  inferencenet: row('Inference.net', 'https://inference.net/v1', 'google/gemma-3', 'paid'),
  scaleway: row('Scaleway Generative APIs', 'https://api.scaleway.ai/v1', 'qwen3.8-27b', 'paid'),
  ovhcloud: row('OVHcloud AI Endpoints', 'https://oai.endpoints.kepler.ai.cloud.ovh.net/v1', 'qwen3.8-27b', 'paid'),
  digitalocean: row('DigitalOcean Gradient', 'https://inference.do-ai.run/v1', 'anthropic-claude-sonnet-5.5', 'paid'),
  vultr: row('Vultr Inference', 'https://api.vultrinference.com/v1', 'zai-org/GLM-5.2-FP8', 'paid'),
  wandb: row(
    'CoreWeave (W&B Inference)',
    'https://api.inference.wandb.ai/v1',
    'deepseek-ai/DeepSeek-V4.1-Flash',
    'paid',
  ),
  xiaomi: row('Xiaomi MiMo', 'https://api.xiaomimimo.com/v1', 'mimo-v2.6-flash', 'paid'),
  modelscope: row('ModelScope', 'https://api-inference.modelscope.cn/v1', 'ZhipuAI/GLM-4.6', 'paid'),
  cloudflare: row(
    'Cloudflare Workers AI',
    'https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1',
    '@cf/zai-org/glm-5.3-flash',
    'paid',
    {
      urlParameters: [CLOUDFLARE_ACCOUNT_ID],
      models: WORKERS_AI_MODELS,
    },
  ),
  'cloudflare-gateway': row(
    'Cloudflare AI Gateway (Workers AI)',
    'https://gateway.ai.cloudflare.com/v1/{account_id}/{gateway_id}/workers-ai/v1',
    '@cf/zai-org/glm-5.3-flash',
    'paid',
    {
      group: 'gateway',
      urlParameters: [CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_GATEWAY_ID],
      models: WORKERS_AI_MODELS,
    },
  ),
  'github-models': row('GitHub Models', 'https://models.github.ai/inference', 'openai/gpt-4.1', 'free', {
    regions: [
      { name: 'organization (usage attributed to it)', baseUrl: 'https://models.github.ai/orgs/{org}/inference' },
    ],
    models: { kind: 'endpoint', path: '../../../catalog/models', shape: 'github' },
    keyFallback: GITHUB_MODELS_KEYS,
  }),
  vllm: row('vLLM', 'http://localhost:8000/v1', 'local-model', 'local'),
  sglang: row('SGLang', 'http://localhost:30000/v1', 'local-model', 'local'),
  jan: row('Jan', 'http://127.0.0.1:1337/v1', 'local-model', 'local'),
} satisfies Record<string, RowInput>;

/** Every registry id: a table keyed by it (dialects, docs) is complete when typed `Record<RegistryId, …>`. */
export type RegistryId = keyof typeof ROWS;

function credentialText(input: RowInput): string {
  if (input.tier === 'local') return 'none needed; an API key (Bearer) is sent when one is set';
  const fallback = input.keyFallback;
  if (!fallback) return 'API key (`Authorization: Bearer`)';
  const elsewhere = [
    ...fallback.env.map((name) => `\`${name}\``),
    ...(fallback.githubSignIn ? ["the Copilot sign-in's GitHub token"] : []),
  ];
  return `API key (\`Authorization: Bearer\`); without one, ${elsewhere.join(', then ')}`;
}
const setupQuestionOf = (parameter: UrlParameter): SetupQuestion =>
  parameter.key === 'account_id' ? 'accountId' : 'gatewayId';

function entry(id: string, input: RowInput): RegistryEntry {
  const local = input.tier === 'local';
  const built: RegistryEntry = {
    id,
    kind: 'openai-compat' as const,
    name: input.name,
    group: input.group ?? (local ? 'local' : 'cloud'),
    baseUrl: input.baseUrl,
    chatPath: '/chat/completions',
    defaultModel: input.defaultModel,
    freeTier: input.tier === 'free',
    local,
    supportsStreamOptions: input.supportsStreamOptions ?? true,
    dialect: wireDialectFor(id),
    credential: { what: credentialText(input), authOrigins: [] },
    models: input.models ?? { kind: 'endpoint', path: '/models', shape: 'openai' },
    ...(input.regions ? { regions: input.regions } : {}),
    ...(input.urlParameters ? { urlParameters: input.urlParameters } : {}),
    ...(input.keyFallback ? { keyFallback: input.keyFallback } : {}),
    setup: {
      summary: input.name,
      asks: [...(input.urlParameters ?? []).map(setupQuestionOf), ...(local ? [] : ['apiKey' as const]), 'model'],
    },
  };
  return Object.freeze(built);
}

export const REGISTRY: readonly RegistryEntry[] = Object.freeze(
  Object.entries(ROWS).map(([id, input]) => entry(id, input)),
);

const BY_ID = new Map(REGISTRY.map((registryEntry) => [registryEntry.id, registryEntry]));

export function findRegistryEntry(id: string): RegistryEntry | undefined {
  return BY_ID.get(id);
}
