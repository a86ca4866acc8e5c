import type { ProviderNotes } from './descriptor';
import type { RegistryId } from './registry';

/*
 * Where each registry row's default model (and free tier, address quirks) was checked, and what docs/providers.md
 * says beside it. Only the docs generator and the tests read this file, so none of it ships in the extension bundle.
 */

/** Not re-checked since the registry was written: the address and model from ../shared/PROVIDERS.md. */
const PROVIDERS_MD = '../shared/PROVIDERS.md, "The OpenAI-compatible registry" (not re-checked)';
/** models.dev's catalog as cline generates it: each service's current default model. */
const MODELS_DEV = 'models.dev via cline/cline sdk/packages/llms/src/providers/providers.generated.ts@04551d4';
/** models.dev's own data files, where cline's generated list has no entry for a service. */
const MODELS_DEV_REPO = 'anomalyco/models.dev';
/** Workers AI's OpenAI-compatible API has no GET …/ai/v1/models (405, code 7001: jekalmin/extended_openai_conversation#228). */
const WORKERS_AI_NOTE =
  "Workers AI's OpenAI-compatible API lists no models (GET …/ai/v1/models answers 405); models from developers.cloudflare.com/workers-ai/configuration/open-ai-compatibility and librechat.ai's Cloudflare page";

const notes = (source: string, extras: Omit<ProviderNotes, 'defaultModelSource'> = {}): ProviderNotes => ({
  defaultModelSource: { checked: '2026-12-05', source },
  ...extras,
});

export const REGISTRY_NOTES: Readonly<Record<RegistryId, ProviderNotes>> = {
  groq: notes(`${MODELS_DEV}; llama-3.3-70b-versatile retired (Aug 2026)`),
  deepseek: notes(PROVIDERS_MD),
  openrouter: notes(PROVIDERS_MD),
  xai: notes(`${MODELS_DEV}; models before grok-4.20 retired (vercel/ai xai)`),
  mistral: notes(PROVIDERS_MD),
  perplexity: notes('docs.perplexity.ai/docs/sonar/models (as quoted June 2026 in public code)', {
    modelsNote: 'Perplexity has no /models endpoint; the Sonar models it documents are offered',
  }),
  together: notes(MODELS_DEV),
  deepinfra: notes(
    `deepinfra.com/docs/advanced/openai_api (api_base https://api.deepinfra.com/v1/openai; …/v1 alone answers 404); ${MODELS_DEV_REPO} providers/deepinfra/models/deepseek-ai/DeepSeek-V4.1-Flash.toml@1308f86`,
    { description: 'OpenAI-compatible API under /v1/openai (not /v1).' },
  ),
  fireworks: notes(PROVIDERS_MD),
  cerebras: notes(`${MODELS_DEV}; ids are dashed (llama-3.3-70b, not llama3.3-70b: continuedev/continue Cerebras.ts)`),
  sambanova: notes(
    'sambanova/sambanova-ai-provider src/sambanova-chat-settings.ts (405B gone from the list); free tier ended, 402 after the trial: tashfeenahmed/freellmapi#246',
  ),
  hyperbolic: notes(PROVIDERS_MD),
  novita: notes(PROVIDERS_MD, {
    description: 'Address not settled: …/v3/openai, also seen as …/openai; set base_url if requests fail.',
  }),
  corethink: notes('Kilo-Org/kilocode corethink provider types (model id `corethink`, base …/v1/code)'),
  featherless: notes(PROVIDERS_MD),
  requesty: notes(PROVIDERS_MD),
  glama: notes('RooCodeInc/Roo-Code fetchers/glama.ts @f05dd59a2b^ (no free tier; models at /api/gateway/v1/models)', {
    modelsNote: 'https://glama.ai/api/gateway/v1/models, beside the OpenAI-compatible path',
  }),
  chutes: notes('free plan retired: cheahjs/free-llm-api-resources#217; model not re-checked'),
  cohere: notes(
    'docs.cohere.com/reference/get-model (example command-a-03-2025); trial keys are free and rate-limited',
    {
      modelsNote: "Cohere's own GET /v1/models (docs.cohere.com/reference/list-models), chat models only",
      description: 'Compatibility API; it rejects stream_options, so none is sent.',
    },
  ),
  gemini: notes(`${MODELS_DEV}; gemini-2.0-flash shut down (ai.google.dev/gemini-api/docs/deprecations)`),
  moonshot: notes(PROVIDERS_MD, {
    description: 'International endpoint; in China set base_url = "https://api.moonshot.cn/v1".',
  }),
  glm: notes(PROVIDERS_MD),
  doubao: notes(`${MODELS_DEV} (volcengine); Ark needs a versioned id or an ep- endpoint id, not doubao-pro-4k`),
  qwen: notes(PROVIDERS_MD),
  zai: notes(`${MODELS_DEV}; there is no z1-preview`),
  yi: notes(PROVIDERS_MD),
  minimax: notes(MODELS_DEV),
  hunyuan: notes(PROVIDERS_MD),
  stepfun: notes(PROVIDERS_MD),
  lmstudio: notes(PROVIDERS_MD),
  llamacpp: notes(PROVIDERS_MD),
  localai: notes(PROVIDERS_MD),
  litellm: notes(PROVIDERS_MD),
  nvidia: notes(MODELS_DEV),
  huggingface: notes(MODELS_DEV),
  vercel: notes(`${MODELS_DEV}; base URL: vercel/ai packages/gateway`),
  helicone: notes(MODELS_DEV),
  kilo: notes(MODELS_DEV),
  zenmux: notes(MODELS_DEV),
  nanogpt: notes(MODELS_DEV),
  poe: notes(`${MODELS_DEV}; creator.poe.com/docs/external-applications/openai-compatible-api`),
  siliconflow: notes(MODELS_DEV),
  'siliconflow-cn': notes(MODELS_DEV),
  nebius: notes(MODELS_DEV),
  baseten: notes(MODELS_DEV),
  llama: notes(MODELS_DEV),
  'qwen-intl': notes(`${MODELS_DEV} (alibaba); vercel/ai alibaba-provider.ts`, {
    description: 'Keys from Alibaba Cloud international (Singapore); Beijing keys use `qwen`.',
  }),
  'alibaba-coding': notes(MODELS_DEV),
  'alibaba-coding-cn': notes(MODELS_DEV),
  'zai-coding': notes(`${MODELS_DEV}; RooCodeInc/Roo-Code packages/types zai.ts`),
  'glm-coding': notes(MODELS_DEV),
  'kimi-coding': notes(MODELS_DEV),
  'moonshot-cn': notes(MODELS_DEV),
  'minimax-cn': notes(`${MODELS_DEV} (minimax-cn); base URL: continuedev/continue core/llm/llms/MiniMax.ts`),
  'stepfun-intl': notes(MODELS_DEV),
  'ollama-cloud': notes(`${MODELS_DEV}; docs.ollama.com/cloud`),
  codestral: notes(
    'docs.mistral.ai/capabilities/code_generation (codestral.mistral.ai, codestral-latest); docs.continue.dev/guides/set-up-codestral (a Codestral key is not an api.mistral.ai key: base https://codestral.mistral.ai/v1); docs.roocode.com/providers/mistral',
    {
      description:
        "Its own key from the Codestral page of Mistral's console; a La Plateforme key works with the mistral row (api.mistral.ai).",
    },
  ),
  inception: notes(MODELS_DEV),
  ai21: notes(MODELS_DEV),
  upstage: notes(MODELS_DEV),
  friendli: notes(MODELS_DEV),
  inferencenet: notes(MODELS_DEV),
  scaleway: notes(MODELS_DEV),
  ovhcloud: notes(MODELS_DEV),
  digitalocean: notes(MODELS_DEV),
  vultr: notes(MODELS_DEV),
  wandb: notes(MODELS_DEV),
  xiaomi: notes(MODELS_DEV),
  modelscope: notes(MODELS_DEV),
  cloudflare: notes(
    `${MODELS_DEV} (cloudflare-workers-ai); base URL: developers.cloudflare.com/workers-ai/configuration/open-ai-compatibility`,
    {
      modelsNote: WORKERS_AI_NOTE,
      description:
        'Needs account_id (your 32-character Cloudflare account ID) and an API token with Workers AI permission.',
    },
  ),
  'cloudflare-gateway': notes(
    `${MODELS_DEV} (cloudflare-workers-ai); base URL: developers.cloudflare.com/ai-gateway/providers/workersai (OpenAI-compatible endpoints), librechat.ai Cloudflare Workers AI page`,
    {
      modelsNote: WORKERS_AI_NOTE,
      description:
        'Workers AI through your AI Gateway (account_id, gateway_id). An authenticated gateway also needs headers = { "cf-aig-authorization" = "Bearer ${env:CF_AIG_TOKEN}" }.',
    },
  ),
  'github-models': notes(
    'docs.github.com/en/github-models/quickstart and docs.github.com/en/rest/models/inference (POST https://models.github.ai/inference/chat/completions, model ids publisher/name such as openai/gpt-4.1); anomalyco/models.dev providers/github-models/provider.toml; free, rate-limited use for every account (github/models-ai-sdk README)',
    {
      modelsNote:
        "GET https://models.github.ai/catalog/models (docs.github.com/en/rest/models/catalog), also for an organization's base URL",
      description:
        "A GitHub token: a fine-grained PAT with Models: read (or GITHUB_TOKEN); without one, your Copilot sign-in's token is tried. Free use is rate-limited per model; a 429 says how long to wait.",
    },
  ),
  vllm: notes(
    'docs.vllm.ai/en/latest/serving/openai_compatible_server.html (base_url http://localhost:8000/v1); vllm serve --port default 8000 (vllm-project/vllm docs cli/serve)',
  ),
  sglang: notes(
    'sgl-project/sglang quickstart (python -m sglang.launch_server --port 30000; OpenAI client base_url http://127.0.0.1:30000/v1); docs.openclaw.ai/providers/sglang (default base http://127.0.0.1:30000/v1)',
  ),
  jan: notes('../shared/reviews/providers.md (Jan local API server 127.0.0.1:1337/v1)'),
};
