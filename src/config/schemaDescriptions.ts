import type { ProviderTable } from './schemaTables';

/*
 * What each key of skynet.toml means, as the JSON Schema (schemas/skynet.schema.json, `npm run schema`) tells the
 * user in the editor. Only the schema generator reads this file, so none of the text ships in the extension bundle;
 * the parser's tables (schemaTables.ts, spendFields.ts) say what each key is, this file what it is for.
 */

/** The budget keys: in every provider table (that slot alone) and in `[budget]` (all slots together). */
export const BUDGET_DESCRIPTIONS: Readonly<Record<string, string>> = {
  daily_budget_usd:
    'Most USD spent per local day (midnight to midnight in this computer\'s time zone); past it the next slot is asked ("budget reached"). Needs a known price (`price` or the model catalog).',
  monthly_budget_usd:
    'Most USD spent per calendar month (local time); past it the next slot is asked ("budget reached").',
  daily_budget_tokens:
    'Most tokens (input + output) per local day; for services without a known price. Past it the next slot is asked.',
  monthly_budget_tokens:
    'Most tokens (input + output) per calendar month (local time). Past it the next slot is asked.',
};

/** Keys that mean the same in every provider table that has them. */
// BUDGET_DESCRIPTIONS is looked up beside this, not spread in: esbuild keeps a module whose top level spreads an object
// (a spread may run getters), and that would put every description in the extension bundle.
const SHARED: Readonly<Record<string, string>> = {
  api_key: 'The API key, or "${env:NAME}". Omit it to keep the key in SecretStorage (VS Code) or <SLOT>_API_KEY (CLI).',
  api_keys:
    'Several keys for this slot, each a key or "${env:NAME}", tried in order: a key that gets a 429 cools down, a rejected one (401/403) is benched, and the request moves to the next key before the next slot. Instead of api_key.',
  base_url: "Overrides the provider's address (proxies, gateways, enterprise hosts).",
  model: 'Model for this slot; overrides [agent] model.',
  reasoning:
    'How much this slot\'s model reasons when a request does not say: "off", "low", "medium", "high" or a token budget (e.g. 8000); overrides [agent] reasoning.',
  headers:
    "Extra HTTP headers for every request to this slot's API address (gateways: Helicone-Auth, cf-aig-authorization, x-portkey-api-key; OpenRouter: HTTP-Referer, X-Title). Values may use ${env:NAME} and ${key} (this slot's API key); a value with either, or a header named like a credential, is a secret.",
  query:
    "Extra URL query parameters for every request to this slot's API address (e.g. api-version). Values may use ${env:NAME} and ${key}.",
  prompt_caching:
    "Default true: mark the stable start of each request (tools, system prompt, earlier turns) for Claude's prompt cache, whose reads cost a tenth of the input price. false sends no cache markers.",
  price:
    "USD per million tokens for this slot's cost, overriding the model catalog: { input = 3, output = 15, cache_read = 0.3, cache_write = 3.75 } (cache prices optional).",
};

/** Keys whose meaning is a table's own. */
const OWN: Readonly<Record<ProviderTable, Readonly<Record<string, string>>>> = {
  anthropic: {},
  openai: {
    organization: 'Sent as OpenAI-Organization.',
    project: 'Sent as OpenAI-Project.',
  },
  azure: {
    resource:
      'Azure OpenAI / Foundry resource name: requests go to https://<resource>.openai.azure.com. Write this or base_url.',
    base_url:
      'The resource endpoint instead of `resource` (https://<name>.cognitiveservices.azure.com, https://<name>.services.ai.azure.com, or a gateway in front of one), without /openai. Foundry models of every provider (DeepSeek, Grok, Llama, Mistral, …) answer there on /openai/v1 by their deployment name.',
    api_version:
      '"v1" (default: /openai/v1/…, the deployment in the body), "preview" (the v1 preview surface), or a dated version such as "2024-10-21" for the classic /openai/deployments/<deployment>/…?api-version=… path.',
    api: '"openai-chat" (default: Chat Completions; codex models go to Responses) or "openai-responses" (every model on /openai/v1/responses, as Microsoft recommends for Azure OpenAI models). Responses needs api_version "v1" or "preview".',
    deployments:
      'Model id → deployment name, e.g. { "gpt-5.1" = "prod-gpt51" }; a model not listed is sent as its own deployment name.',
    api_key:
      'The resource key, sent as the api-key header; or "${env:NAME}". Omit it (and entra_command) to keep the key in SecretStorage (VS Code) or AZURE_API_KEY (CLI).',
    entra_command:
      'Use Microsoft Entra ID instead of a key: a command (run without a shell) that prints a token for https://ai.azure.com (the v1 API; classic examples use https://cognitiveservices.azure.com), e.g. "az account get-access-token --resource https://ai.azure.com --output json". Not run for an untrusted workspace.',
  },
  openai_compat: {
    id: 'A registry id (groq, deepseek, openrouter, …) or your own name for a custom endpoint.',
    base_url: 'Required for custom endpoints; overrides the registry address otherwise.',
    chat_path: 'Path after base_url; default /chat/completions (registry) or /v1/chat/completions (custom).',
    api: 'Custom endpoints: the protocol the server speaks. "openai-chat" (default, POST chat_path), "openai-responses" (POST /v1/responses, or chat_path), "anthropic" (POST /v1/messages, x-api-key), "gemini" (Gemini API, x-goog-api-key), "ollama" (POST /api/chat, Bearer key when set).',
    account_id:
      'Cloudflare rows (cloudflare, cloudflare-gateway): your account ID, 32 hexadecimal characters; it is part of the URL.',
    gateway_id: 'cloudflare-gateway: the name of your AI Gateway; it is part of the URL.',
  },
  copilot: {
    token_path: 'File holding a GitHub OAuth token.',
    github_url: 'GitHub web address for the device flow (GitHub Enterprise).',
    github_api_url: 'GitHub API address for the token exchange (GitHub Enterprise).',
  },
  qwen_oauth: {
    credentials_path: 'qwen-code compatible oauth_creds.json.',
    auth_url: 'Base of the OAuth endpoints (https://chat.qwen.ai).',
  },
  bedrock: {
    region: 'AWS region; default from AWS_REGION or ~/.aws/config.',
    profile: 'Profile in ~/.aws/credentials; default AWS_PROFILE or "default".',
  },
  vertex: {
    key_file: 'Service-account JSON key; default GOOGLE_APPLICATION_CREDENTIALS.',
    project_id: "Default: the key file's project_id.",
    location: 'Default us-central1; "global" uses the global endpoint.',
  },
  ollama: {
    base_url: 'Default http://localhost:11434.',
  },
};

/** What a key of a provider table means; a key without one is a bug the schema generator reports. */
export function providerFieldDescription(table: ProviderTable, key: string): string {
  const description = OWN[table][key] ?? SHARED[key] ?? BUDGET_DESCRIPTIONS[key];
  if (description === undefined)
    throw new Error(`schemaDescriptions.ts has no description of [providers.${table}] ${key}`);
  return description;
}

export const ROUTER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  connect_timeout_ms: 'Time allowed to open a connection.',
  first_byte_timeout_ms: 'Time allowed until the response starts.',
  idle_timeout_ms: 'Longest silence between two chunks of a stream.',
  first_token_timeout_ms:
    'Time allowed from sending a request to its first output (text, reasoning, tool call), default 120000; SSE comments and keep-alive bytes do not count. Before any output, the next slot is tried.',
  request_timeout_ms:
    'Off unless set. The longest a whole request may take; before any output the next slot is tried, after it the answer ends there, the partial text kept.',
  cooldown_base_ms: 'First cooldown after a 429/529 without Retry-After; doubles each time.',
  cooldown_max_ms: 'Longest cooldown.',
  keep_alive_ms:
    'How long an unused connection to a provider stays open for the next request (default 390000: just under the 400 s most hosted APIs keep it).',
  hedge_after_ms:
    'Off unless set. When the slot being tried has sent nothing for this long, the next slot is asked too; the first to answer wins and the other is cancelled. Faster answers from a stalling slot, at the cost of a second request.',
};

export const AGENT_DESCRIPTIONS: Readonly<Record<string, string>> = {
  model: 'Default model for every slot that names none.',
  reasoning:
    'Default reasoning for every slot that sets none: "off", "low", "medium", "high" or a token budget (e.g. 8000). A request\'s own choice (--reasoning, skynet.reasoning, modelOptions.reasoning) wins.',
};
