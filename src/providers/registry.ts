import { wireDialectFor } from './openaiCompatible/wireDialect';
import type { KeyFallback, ModelListFacts, ProviderFacts, ProviderGroup, RegionalVariant, SetupQuestion, Sourced, UrlParameter } from './descriptor';

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
  /** Where the default model (and free tier) was checked. */
  source: string;
  group?: ProviderGroup;
  description?: string;
  supportsStreamOptions?: false;
  models?: ModelListFacts;
  regions?: readonly RegionalVariant[];
  quirks?: readonly string[];
  urlParameters?: readonly UrlParameter[];
  keyFallback?: KeyFallback;
}

type RowExtras = Omit<RowInput, 'name' | 'baseUrl' | 'defaultModel' | 'tier' | 'source'>;
const row = (name: string, baseUrl: string, defaultModel: string, tier: Tier, source: string, extras: RowExtras = {}): RowInput => ({ name, baseUrl, defaultModel, tier, source, ...extras });

/** Not re-checked since the registry was written: the address and model from ../shared/PROVIDERS.md. */
const PROVIDERS_MD = '../shared/PROVIDERS.md, "The OpenAI-compatible registry" (not re-checked)';
/** models.dev's catalog as cline generates it: each service's current default model. */
const MODELS_DEV = 'models.dev via cline/cline sdk/packages/llms/src/providers/providers.generated.ts@04551d4';
/** models.dev's own data files, where cline's generated list has no entry for a service. */
const MODELS_DEV_REPO = 'anomalyco/models.dev';

/** Cloudflare's account ID: part of every Workers AI and AI Gateway URL. */
const CLOUDFLARE_ACCOUNT_ID: UrlParameter = {
  key: 'account_id',
  label: 'Cloudflare account ID',
  pattern: /^[0-9a-f]{32}$/,
  shape: '32 lowercase hexadecimal characters',
  where: 'shown on the dashboard\'s Account Home and in dash.cloudflare.com/<account ID>/…',
  source: 'Cloudflare API schema account_identifier (maxLength 32, e.g. 023e105f4ecef8ad9ca31a8372d0c353, as in cloudflare/cloudflare-go and cloudflare-python tests)',
};
/** An AI Gateway's name: checked only so that it cannot change the URL's shape (no "/", "?", "#", ".."). */
const CLOUDFLARE_GATEWAY_ID: UrlParameter = {
  key: 'gateway_id',
  label: 'AI Gateway ID',
  pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
  shape: 'letters, digits, "-" and "_" (at most 64)',
  where: 'the gateway\'s name under AI → AI Gateway in the dashboard',
  source: 'a URL path segment (developers.cloudflare.com/ai-gateway/providers/workersai)',
};
/** Workers AI's OpenAI-compatible API has no GET …/ai/v1/models (405, code 7001: jekalmin/extended_openai_conversation#228). */
const WORKERS_AI_MODELS: ModelListFacts = {
  kind: 'known',
  known: ['@cf/zai-org/glm-5.3-flash', '@cf/openai/gpt-oss-120b', '@cf/meta/llama-4-scout-17b-16e-instruct', '@cf/qwen/qwen2.5-coder-32b-instruct', '@cf/meta/llama-3.1-8b-instruct'],
  note: 'Workers AI\'s OpenAI-compatible API lists no models (GET …/ai/v1/models answers 405); models from developers.cloudflare.com/workers-ai/configuration/open-ai-compatibility and librechat.ai\'s Cloudflare page',
};

/**
 * GitHub Models takes a GitHub token: a fine-grained PAT or GitHub App token needs the models:read permission,
 * classic tokens work as they are (github.blog/changelog/2025-05-15-modelsread-now-required-for-github-models-access;
 * docs.github.com/en/rest/models/inference). Copilot's sign-in is a GitHub App user token: it works only if that
 * app holds models:read, which no public source confirms, so it is tried last and a refusal says what to set.
 */
const GITHUB_MODELS_KEYS: KeyFallback = {
  env: ['GITHUB_TOKEN'],
  githubSignIn: true,
  source: 'anomalyco/models.dev providers/github-models/provider.toml (env GITHUB_TOKEN); github/models-ai-sdk README (PAT with models:read, default GITHUB_TOKEN)',
};

/** Perplexity's chat models (it lists none over the API). */
const PERPLEXITY_MODELS = ['sonar', 'sonar-pro', 'sonar-reasoning-pro', 'sonar-deep-research'] as const;

// Keyed by id, in the order Add Provider and the docs list them.
const ROWS = {
  groq: row('Groq', 'https://api.groq.com/openai/v1', 'qwen/qwen3.8-27b', 'free', `${MODELS_DEV}; llama-3.3-70b-versatile retired (Aug 2026)`),
  deepseek: row('DeepSeek', 'https://api.deepseek.com', 'deepseek-chat', 'paid', PROVIDERS_MD),
  openrouter: row('OpenRouter', 'https://openrouter.ai/api/v1', 'openai/gpt-4o', 'free', PROVIDERS_MD, { group: 'gateway' }),
  xai: row('xAI (Grok)', 'https://api.x.ai/v1', 'grok-4.7', 'paid', `${MODELS_DEV}; models before grok-4.20 retired (vercel/ai xai)`),
  mistral: row('Mistral AI', 'https://api.mistral.ai/v1', 'mistral-large-latest', 'paid', PROVIDERS_MD),
  perplexity: row('Perplexity', 'https://api.perplexity.ai', 'sonar-pro', 'paid', 'docs.perplexity.ai/docs/sonar/models (as quoted June 2026 in public code)', {
    models: { kind: 'known', known: PERPLEXITY_MODELS, note: 'Perplexity has no /models endpoint; the Sonar models it documents are offered' },
  }),
  together: row('Together AI', 'https://api.together.xyz/v1', 'deepseek-ai/DeepSeek-V4.1-Flash', 'paid', MODELS_DEV),
  deepinfra: row('DeepInfra', 'https://api.deepinfra.com/v1/openai', 'deepseek-ai/DeepSeek-V4.1-Flash', 'paid', `deepinfra.com/docs/advanced/openai_api (api_base https://api.deepinfra.com/v1/openai; …/v1 alone answers 404); ${MODELS_DEV_REPO} providers/deepinfra/models/deepseek-ai/DeepSeek-V4.1-Flash.toml@1308f86`, {
    description: 'OpenAI-compatible API under /v1/openai (not /v1).',
  }),
  fireworks: row('Fireworks AI', 'https://api.fireworks.ai/inference/v1', 'accounts/fireworks/models/llama-v3p3-70b-instruct', 'paid', PROVIDERS_MD),
  cerebras: row('Cerebras', 'https://api.cerebras.ai/v1', 'qwen-3.8-27b', 'free', `${MODELS_DEV}; ids are dashed (llama-3.3-70b, not llama3.3-70b: continuedev/continue Cerebras.ts)`),
  sambanova: row('SambaNova', 'https://api.sambanova.ai/v1', 'Meta-Llama-3.3-70B-Instruct', 'paid', 'sambanova/sambanova-ai-provider src/sambanova-chat-settings.ts (405B gone from the list); free tier ended, 402 after the trial: tashfeenahmed/freellmapi#246'),
  hyperbolic: row('Hyperbolic', 'https://api.hyperbolic.xyz/v1', 'meta-llama/Llama-3.3-70B-Instruct', 'paid', PROVIDERS_MD),
  novita: row('Novita AI', 'https://api.novita.ai/v3/openai', 'meta-llama/llama-3.1-70b-instruct', 'paid', PROVIDERS_MD, {
    description: 'Address not settled: …/v3/openai, also seen as …/openai; set base_url if requests fail.',
  }),
  corethink: row('CoreThink', 'https://api.corethink.ai/v1/code', 'corethink', 'paid', 'Kilo-Org/kilocode corethink provider types (model id `corethink`, base …/v1/code)'),
  featherless: row('Featherless AI', 'https://api.featherless.ai/v1', 'meta-llama/Meta-Llama-3.1-70B-Instruct', 'paid', PROVIDERS_MD),
  requesty: row('Requesty', 'https://router.requesty.ai/v1', 'openai/gpt-4o', 'paid', PROVIDERS_MD, { group: 'gateway' }),
  glama: row('Glama', 'https://glama.ai/api/gateway/openai/v1', 'openai/gpt-4o', 'paid', 'RooCodeInc/Roo-Code fetchers/glama.ts @f05dd59a2b^ (no free tier; models at /api/gateway/v1/models)', {
    group: 'gateway',
    models: { kind: 'endpoint', path: '../../v1/models', shape: 'openai', note: 'https://glama.ai/api/gateway/v1/models, beside the OpenAI-compatible path' },
  }),
  chutes: row('Chutes AI', 'https://llm.chutes.ai/v1', 'deepseek-ai/DeepSeek-R1', 'paid', 'free plan retired: cheahjs/free-llm-api-resources#217; model not re-checked'),
  cohere: row('Cohere', 'https://api.cohere.ai/compatibility/v1', 'command-a-03-2025', 'free', 'docs.cohere.com/reference/get-model (example command-a-03-2025); trial keys are free and rate-limited', {
    supportsStreamOptions: false,
    description: 'Compatibility API; it rejects stream_options, so none is sent.',
    models: { kind: 'endpoint', path: '../../v1/models?endpoint=chat&page_size=1000', shape: 'cohere', note: 'Cohere\'s own GET /v1/models (docs.cohere.com/reference/list-models), chat models only' },
  }),
  gemini: row('Google AI (Gemini)', 'https://generativelanguage.googleapis.com/v1beta/openai', 'gemini-3.8-flash', 'free', `${MODELS_DEV}; gemini-2.0-flash shut down (ai.google.dev/gemini-api/docs/deprecations)`),
  moonshot: row('Moonshot AI (Kimi)', 'https://api.moonshot.ai/v1', 'moonshot-v1-8k', 'paid', PROVIDERS_MD, {
    description: 'International endpoint; in China set base_url = "https://api.moonshot.cn/v1".',
    regions: [{ name: 'China', baseUrl: 'https://api.moonshot.cn/v1' }],
  }),
  glm: row('GLM (Zhipu AI)', 'https://open.bigmodel.cn/api/paas/v4', 'glm-4-flash', 'free', PROVIDERS_MD),
  doubao: row('Doubao (ByteDance)', 'https://ark.cn-beijing.volces.com/api/v3', 'glm-5-3-flash-260828', 'paid', `${MODELS_DEV} (volcengine); Ark needs a versioned id or an ep- endpoint id, not doubao-pro-4k`),
  qwen: row('Qwen (API key)', 'https://dashscope.aliyuncs.com/compatible-mode/v1', 'qwen-turbo', 'paid', PROVIDERS_MD),
  zai: row('Z.AI', 'https://api.z.ai/api/paas/v4', 'glm-5.3-flashx', 'paid', `${MODELS_DEV}; there is no z1-preview`),
  yi: row('01.AI (Yi)', 'https://api.lingyiwanwu.com/v1', 'yi-large', 'paid', PROVIDERS_MD),
  minimax: row('MiniMax', 'https://api.minimax.io/v1', 'MiniMax-M3', 'paid', MODELS_DEV),
  hunyuan: row('Hunyuan (Tencent)', 'https://api.hunyuan.cloud.tencent.com/v1', 'hunyuan-turbo', 'paid', PROVIDERS_MD),
  stepfun: row('StepFun', 'https://api.stepfun.com/v1', 'step-1-8k', 'paid', PROVIDERS_MD),
  lmstudio: row('LM Studio', 'http://localhost:1234/v1', 'local-model', 'local', PROVIDERS_MD),
  llamacpp: row('llama.cpp', 'http://127.0.0.1:8080/v1', 'local-model', 'local', PROVIDERS_MD),
  localai: row('LocalAI', 'http://localhost:8080/v1', 'gpt-4', 'local', PROVIDERS_MD),
  litellm: row('LiteLLM', 'http://localhost:4000/v1', 'gpt-3.5-turbo', 'local', PROVIDERS_MD),
  // Added for issue 14; base URL and default model from models.dev (cline providers.generated.ts) unless noted (checked 2026-12-05).
  nvidia: row('NVIDIA NIM', 'https://integrate.api.nvidia.com/v1', 'z-ai/glm-5.3-flash', 'paid', MODELS_DEV),
  huggingface: row('Hugging Face (router)', 'https://router.huggingface.co/v1', 'deepseek-ai/DeepSeek-V4.1-Flash', 'paid', MODELS_DEV, { group: 'gateway' }),
  vercel: row('Vercel AI Gateway', 'https://ai-gateway.vercel.sh/v1', 'anthropic/claude-sonnet-5.5', 'paid', `${MODELS_DEV}; base URL: vercel/ai packages/gateway`, { group: 'gateway' }),
  helicone: row('Helicone AI Gateway', 'https://ai-gateway.helicone.ai/v1', 'claude-4.5-opus', 'paid', MODELS_DEV, { group: 'gateway' }),
  kilo: row('Kilo Gateway', 'https://api.kilo.ai/api/gateway', 'anthropic/claude-sonnet-5.5', 'paid', MODELS_DEV, { group: 'gateway' }),
  zenmux: row('ZenMux', 'https://zenmux.ai/api/v1', 'anthropic/claude-opus-5.5', 'paid', MODELS_DEV, { group: 'gateway' }),
  nanogpt: row('NanoGPT', 'https://nano-gpt.com/api/v1', 'anthropic/claude-sonnet-5.5', 'paid', MODELS_DEV, { group: 'gateway' }),
  poe: row('Poe', 'https://api.poe.com/v1', 'anthropic/claude-opus-4.8', 'paid', `${MODELS_DEV}; creator.poe.com/docs/external-applications/openai-compatible-api`, { group: 'gateway' }),
  siliconflow: row('SiliconFlow', 'https://api.siliconflow.com/v1', 'zai-org/GLM-5.3-Flash', 'paid', MODELS_DEV, {
    regions: [{ name: 'China', baseUrl: 'https://api.siliconflow.cn/v1' }],
  }),
  'siliconflow-cn': row('SiliconFlow (China)', 'https://api.siliconflow.cn/v1', 'zai-org/GLM-5.2', 'paid', MODELS_DEV),
  nebius: row('Nebius Token Factory', 'https://api.tokenfactory.nebius.com/v1', 'deepseek-ai/DeepSeek-V4.1-Flash', 'paid', MODELS_DEV),
  baseten: row('Baseten', 'https://inference.baseten.co/v1', 'deepseek-ai/DeepSeek-V4.1-Flash', 'paid', MODELS_DEV),
  llama: row('Meta Llama API', 'https://api.llama.com/compat/v1', 'cerebras-llama-4-maverick-17b-128e-instruct', 'paid', MODELS_DEV),
  'qwen-intl': row('Qwen (Alibaba Cloud international)', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', 'qwen3.8-omni-flash', 'paid', `${MODELS_DEV} (alibaba); vercel/ai alibaba-provider.ts`, {
    description: 'Keys from Alibaba Cloud international (Singapore); Beijing keys use `qwen`.',
  }),
  'alibaba-coding': row('Alibaba Coding Plan', 'https://coding-intl.dashscope.aliyuncs.com/v1', 'qwen3.7-plus', 'paid', MODELS_DEV, {
    regions: [{ name: 'China', baseUrl: 'https://coding.dashscope.aliyuncs.com/v1' }],
  }),
  'alibaba-coding-cn': row('Alibaba Coding Plan (China)', 'https://coding.dashscope.aliyuncs.com/v1', 'qwen3.7-plus', 'paid', MODELS_DEV),
  'zai-coding': row('Z.AI Coding Plan', 'https://api.z.ai/api/coding/paas/v4', 'glm-5.3-flash', 'paid', `${MODELS_DEV}; RooCodeInc/Roo-Code packages/types zai.ts`),
  'glm-coding': row('Zhipu AI Coding Plan (China)', 'https://open.bigmodel.cn/api/coding/paas/v4', 'glm-5.3-flash', 'paid', MODELS_DEV),
  'kimi-coding': row('Kimi for Coding', 'https://api.kimi.com/coding/v1', 'kimi-for-coding', 'paid', MODELS_DEV, {
    regions: [{ name: 'kimi.ai', baseUrl: 'https://api.kimi.ai/coding/v1' }],
  }),
  'moonshot-cn': row('Moonshot AI (China)', 'https://api.moonshot.cn/v1', 'kimi-k3', 'paid', MODELS_DEV),
  'minimax-cn': row('MiniMax (China)', 'https://api.minimaxi.com/v1', 'MiniMax-M3', 'paid', `${MODELS_DEV} (minimax-cn); base URL: continuedev/continue core/llm/llms/MiniMax.ts`),
  'stepfun-intl': row('StepFun (global)', 'https://api.stepfun.ai/v1', 'step-5-preview', 'paid', MODELS_DEV),
  'ollama-cloud': row('Ollama Cloud', 'https://ollama.com/v1', 'deepseek-v4.1-flash', 'paid', `${MODELS_DEV}; docs.ollama.com/cloud`),
  codestral: row('Codestral (Mistral)', 'https://codestral.mistral.ai/v1', 'codestral-latest', 'paid', 'docs.mistral.ai/capabilities/code_generation (codestral.mistral.ai, codestral-latest); docs.continue.dev/guides/set-up-codestral (a Codestral key is not an api.mistral.ai key: base https://codestral.mistral.ai/v1); docs.roocode.com/providers/mistral', {
    description: 'Its own key from the Codestral page of Mistral\'s console; a La Plateforme key works with the mistral row (api.mistral.ai).',
  }),
  inception: row('Inception (Mercury)', 'https://api.inceptionlabs.ai/v1', 'mercury-2.5', 'paid', MODELS_DEV),
  ai21: row('AI21 Labs', 'https://api.ai21.com/studio/v1', 'jamba-mini', 'paid', MODELS_DEV),
  upstage: row('Upstage (Solar)', 'https://api.upstage.ai/v1/solar', 'solar-pro4', 'paid', MODELS_DEV),
  friendli: row('Friendli', 'https://api.friendli.ai/serverless/v1', 'zai-org/GLM-5.3-Flash', 'paid', MODELS_DEV),
  inferencenet: row('Inference.net', 'https://inference.net/v1', 'google/gemma-3', 'paid', MODELS_DEV),
  scaleway: row('Scaleway Generative APIs', 'https://api.scaleway.ai/v1', 'qwen3.8-27b', 'paid', MODELS_DEV),
  ovhcloud: row('OVHcloud AI Endpoints', 'https://oai.endpoints.kepler.ai.cloud.ovh.net/v1', 'qwen3.8-27b', 'paid', MODELS_DEV),
  digitalocean: row('DigitalOcean Gradient', 'https://inference.do-ai.run/v1', 'anthropic-claude-sonnet-5.5', 'paid', MODELS_DEV),
  vultr: row('Vultr Inference', 'https://api.vultrinference.com/v1', 'zai-org/GLM-5.2-FP8', 'paid', MODELS_DEV),
  wandb: row('CoreWeave (W&B Inference)', 'https://api.inference.wandb.ai/v1', 'deepseek-ai/DeepSeek-V4.1-Flash', 'paid', MODELS_DEV),
  xiaomi: row('Xiaomi MiMo', 'https://api.xiaomimimo.com/v1', 'mimo-v2.6-flash', 'paid', MODELS_DEV),
  modelscope: row('ModelScope', 'https://api-inference.modelscope.cn/v1', 'ZhipuAI/GLM-4.6', 'paid', MODELS_DEV),
  cloudflare: row('Cloudflare Workers AI', 'https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1', '@cf/zai-org/glm-5.3-flash', 'paid', `${MODELS_DEV} (cloudflare-workers-ai); base URL: developers.cloudflare.com/workers-ai/configuration/open-ai-compatibility`, {
    description: 'Needs account_id (your 32-character Cloudflare account ID) and an API token with Workers AI permission.',
    urlParameters: [CLOUDFLARE_ACCOUNT_ID],
    models: WORKERS_AI_MODELS,
  }),
  'cloudflare-gateway': row('Cloudflare AI Gateway (Workers AI)', 'https://gateway.ai.cloudflare.com/v1/{account_id}/{gateway_id}/workers-ai/v1', '@cf/zai-org/glm-5.3-flash', 'paid', `${MODELS_DEV} (cloudflare-workers-ai); base URL: developers.cloudflare.com/ai-gateway/providers/workersai (OpenAI-compatible endpoints), librechat.ai Cloudflare Workers AI page`, {
    group: 'gateway',
    description: 'Workers AI through your AI Gateway (account_id, gateway_id). An authenticated gateway also needs headers = { "cf-aig-authorization" = "Bearer ${env:CF_AIG_TOKEN}" }.',
    urlParameters: [CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_GATEWAY_ID],
    models: WORKERS_AI_MODELS,
  }),
  'github-models': row('GitHub Models', 'https://models.github.ai/inference', 'openai/gpt-4.1', 'free', 'docs.github.com/en/github-models/quickstart and docs.github.com/en/rest/models/inference (POST https://models.github.ai/inference/chat/completions, model ids publisher/name such as openai/gpt-4.1); anomalyco/models.dev providers/github-models/provider.toml; free, rate-limited use for every account (github/models-ai-sdk README)', {
    description: 'A GitHub token: a fine-grained PAT with Models: read (or GITHUB_TOKEN); without one, your Copilot sign-in\'s token is tried. Free use is rate-limited per model; a 429 says how long to wait.',
    regions: [{ name: 'organization (usage attributed to it)', baseUrl: 'https://models.github.ai/orgs/{org}/inference' }],
    models: { kind: 'endpoint', path: '../../../catalog/models', shape: 'github', note: 'GET https://models.github.ai/catalog/models (docs.github.com/en/rest/models/catalog), also for an organization\'s base URL' },
    keyFallback: GITHUB_MODELS_KEYS,
  }),
  vllm: row('vLLM', 'http://localhost:8000/v1', 'local-model', 'local', 'docs.vllm.ai/en/latest/serving/openai_compatible_server.html (base_url http://localhost:8000/v1); vllm serve --port default 8000 (vllm-project/vllm docs cli/serve)'),
  sglang: row('SGLang', 'http://localhost:30000/v1', 'local-model', 'local', 'sgl-project/sglang quickstart (python -m sglang.launch_server --port 30000; OpenAI client base_url http://127.0.0.1:30000/v1); docs.openclaw.ai/providers/sglang (default base http://127.0.0.1:30000/v1)'),
  jan: row('Jan', 'http://127.0.0.1:1337/v1', 'local-model', 'local', '../shared/reviews/providers.md (Jan local API server 127.0.0.1:1337/v1)'),
} satisfies Record<string, RowInput>;

/** Every registry id: a table keyed by it (dialects, docs) is complete when typed `Record<RegistryId, …>`. */
export type RegistryId = keyof typeof ROWS;

const checked = (source: string): Sourced => ({ checked: '2026-12-05', source });
function credentialText(input: RowInput): string {
  if (input.tier === 'local') return 'none needed; an API key (Bearer) is sent when one is set';
  const fallback = input.keyFallback;
  if (!fallback) return 'API key (`Authorization: Bearer`)';
  const elsewhere = [...fallback.env.map((name) => `\`${name}\``), ...(fallback.githubSignIn ? ['the Copilot sign-in\'s GitHub token'] : [])];
  return `API key (\`Authorization: Bearer\`); without one, ${elsewhere.join(', then ')}`;
}
const setupQuestionOf = (parameter: UrlParameter): SetupQuestion => (parameter.key === 'account_id' ? 'accountId' : 'gatewayId');

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
    dialect: wireDialectFor(id),
    credential: { what: credentialText(input), authOrigins: [] },
    models: input.models ?? { kind: 'endpoint', path: '/models', shape: 'openai' },
    ...(input.regions ? { regions: input.regions } : {}),
    ...(input.quirks ? { quirks: input.quirks } : {}),
    ...(input.urlParameters ? { urlParameters: input.urlParameters } : {}),
    ...(input.keyFallback ? { keyFallback: input.keyFallback } : {}),
    setup: { summary: input.name, asks: [...(input.urlParameters ?? []).map(setupQuestionOf), ...(local ? [] : ['apiKey' as const]), 'model'] },
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
/** Custom endpoints with `api = "openai-responses"` default to this path after their base URL. */
export const CUSTOM_RESPONSES_PATH = '/v1/responses';
