import { CUSTOM_APIS } from './types';
import { SLOT_SPEND_FIELDS } from './spendFields';

/** How a value of skynet.toml is checked and turned into a typed value. */
/**
 * `header`: a string sent as an HTTP header value; `awsRegion`/`vertexLocation`/`azureResource`: a name that becomes
 * part of a host; `azureApiVersion`: a query value that also picks the path; `azureDeployments`: model → deployment.
 * `usd`: a budget in US dollars; `tokenCount`: a budget in tokens; `price`: USD per million tokens by kind.
 */
export type FieldType =
  | 'string'
  | 'header'
  | 'url'
  | 'path'
  | 'apiKey'
  | 'apiKeyList'
  | 'positiveInteger'
  | 'reasoning'
  | 'boolean'
  | 'headers'
  | 'query'
  | 'awsRegion'
  | 'vertexLocation'
  | 'azureResource'
  | 'azureApiVersion'
  | 'azureDeployments'
  | 'usd'
  | 'tokenCount'
  | 'price';

export interface FieldSpec {
  type: FieldType;
  description: string;
  /** A string field that takes only these words. */
  values?: readonly string[];
}

const apiKey: FieldSpec = { type: 'apiKey', description: 'The API key, or "${env:NAME}". Omit it to keep the key in SecretStorage (VS Code) or <SLOT>_API_KEY (CLI).' };
const apiKeys: FieldSpec = {
  type: 'apiKeyList',
  description:
    'Several keys for this slot, each a key or "${env:NAME}", tried in order: a key that gets a 429 cools down, a rejected one (401/403) is benched, and the request moves to the next key before the next slot. Instead of api_key.',
};
const baseUrl: FieldSpec = { type: 'url', description: 'Overrides the provider\'s address (proxies, gateways, enterprise hosts).' };
const model: FieldSpec = { type: 'string', description: 'Model for this slot; overrides [agent] model.' };
const reasoning: FieldSpec = {
  type: 'reasoning',
  description: 'How much this slot\'s model reasons when a request does not say: "off", "low", "medium", "high" or a token budget (e.g. 8000); overrides [agent] reasoning.',
};

const headers: FieldSpec = {
  type: 'headers',
  description:
    'Extra HTTP headers for every request to this slot\'s API address (gateways: Helicone-Auth, cf-aig-authorization, x-portkey-api-key; OpenRouter: HTTP-Referer, X-Title). Values may use ${env:NAME} and ${key} (this slot\'s API key); a value with either, or a header named like a credential, is a secret.',
};
const query: FieldSpec = {
  type: 'query',
  description: 'Extra URL query parameters for every request to this slot\'s API address (e.g. api-version). Values may use ${env:NAME} and ${key}.',
};
/** `headers`, `query`, `price` and the budgets, accepted by every provider table. */
const extras = { headers, query, ...SLOT_SPEND_FIELDS };

const promptCaching: FieldSpec = {
  type: 'boolean',
  description: 'Default true: mark the stable start of each request (tools, system prompt, earlier turns) for Claude\'s prompt cache, whose reads cost a tenth of the input price. false sends no cache markers.',
};

/** Every provider table of skynet.toml and its keys: the one source for the parser, the edits and the JSON Schema. */
export const PROVIDER_TABLES = {
  anthropic: { api_key: apiKey, api_keys: apiKeys, base_url: baseUrl, model, reasoning, prompt_caching: promptCaching, ...extras },
  openai: {
    api_key: apiKey,
    api_keys: apiKeys,
    base_url: baseUrl,
    model,
    reasoning,
    organization: { type: 'header', description: 'Sent as OpenAI-Organization.' },
    project: { type: 'header', description: 'Sent as OpenAI-Project.' },
    ...extras,
  },
  azure: {
    resource: { type: 'azureResource', description: 'Azure OpenAI / Foundry resource name: requests go to https://<resource>.openai.azure.com. Write this or base_url.' },
    base_url: {
      type: 'url',
      description: 'The resource endpoint instead of `resource` (https://<name>.cognitiveservices.azure.com, https://<name>.services.ai.azure.com, or a gateway in front of one), without /openai.',
    },
    api_version: {
      type: 'azureApiVersion',
      description: '"v1" (default: /openai/v1/…, the deployment in the body), "preview" (the v1 preview surface), or a dated version such as "2024-10-21" for the classic /openai/deployments/<deployment>/…?api-version=… path.',
    },
    deployments: {
      type: 'azureDeployments',
      description: 'Model id → deployment name, e.g. { "gpt-5.1" = "prod-gpt51" }; a model not listed is sent as its own deployment name.',
    },
    api_key: { ...apiKey, description: 'The resource key, sent as the api-key header; or "${env:NAME}". Omit it (and entra_command) to keep the key in SecretStorage (VS Code) or AZURE_API_KEY (CLI).' },
    api_keys: apiKeys,
    entra_command: {
      type: 'string',
      description:
        'Use Microsoft Entra ID instead of a key: a command (run without a shell) that prints a token for https://cognitiveservices.azure.com, e.g. "az account get-access-token --resource https://cognitiveservices.azure.com --output json". Not run for an untrusted workspace.',
    },
    model,
    reasoning,
    ...extras,
  },
  openai_compat: {
    id: { type: 'string', description: 'A registry id (groq, deepseek, openrouter, …) or your own name for a custom endpoint.' },
    api_key: apiKey,
    api_keys: apiKeys,
    base_url: { type: 'url', description: 'Required for custom endpoints; overrides the registry address otherwise.' },
    chat_path: { type: 'string', description: 'Path after base_url; default /chat/completions (registry) or /v1/chat/completions (custom).' },
    api: {
      type: 'string',
      values: CUSTOM_APIS,
      description:
        'Custom endpoints: the protocol the server speaks. "openai-chat" (default, POST chat_path), "openai-responses" (POST /v1/responses, or chat_path), "anthropic" (POST /v1/messages, x-api-key), "gemini" (Gemini API, x-goog-api-key), "ollama" (POST /api/chat, Bearer key when set).',
    },
    account_id: { type: 'string', description: 'Cloudflare rows (cloudflare, cloudflare-gateway): your account ID, 32 hexadecimal characters; it is part of the URL.' },
    gateway_id: { type: 'string', description: 'cloudflare-gateway: the name of your AI Gateway; it is part of the URL.' },
    model,
    reasoning,
    ...extras,
  },
  copilot: {
    token_path: { type: 'path', description: 'File holding a GitHub OAuth token.' },
    base_url: baseUrl,
    github_url: { type: 'url', description: 'GitHub web address for the device flow (GitHub Enterprise).' },
    github_api_url: { type: 'url', description: 'GitHub API address for the token exchange (GitHub Enterprise).' },
    model,
    reasoning,
    ...extras,
  },
  qwen_oauth: {
    credentials_path: { type: 'path', description: 'qwen-code compatible oauth_creds.json.' },
    base_url: baseUrl,
    auth_url: { type: 'url', description: 'Base of the OAuth endpoints (https://chat.qwen.ai).' },
    model,
    reasoning,
    ...extras,
  },
  bedrock: {
    region: { type: 'awsRegion', description: 'AWS region; default from AWS_REGION or ~/.aws/config.' },
    profile: { type: 'string', description: 'Profile in ~/.aws/credentials; default AWS_PROFILE or "default".' },
    base_url: baseUrl,
    model,
    reasoning,
    prompt_caching: promptCaching,
    // No `query`: SigV4 signs the query string, so a parameter added to a signed request would void its signature.
    headers,
    ...SLOT_SPEND_FIELDS,
  },
  vertex: {
    key_file: { type: 'path', description: 'Service-account JSON key; default GOOGLE_APPLICATION_CREDENTIALS.' },
    project_id: { type: 'string', description: 'Default: the key file\'s project_id.' },
    location: { type: 'vertexLocation', description: 'Default us-central1; "global" uses the global endpoint.' },
    base_url: baseUrl,
    model,
    reasoning,
    prompt_caching: promptCaching,
    ...extras,
  },
  ollama: { base_url: { type: 'url', description: 'Default http://localhost:11434.' }, model, reasoning, ...extras },
} as const satisfies Record<string, Record<string, FieldSpec>>;

export type ProviderTable = keyof typeof PROVIDER_TABLES;

/** The design's slot order. */
export const TABLE_ORDER: readonly ProviderTable[] = ['anthropic', 'openai', 'azure', 'openai_compat', 'copilot', 'qwen_oauth', 'bedrock', 'vertex', 'ollama'];

export const ROUTER_FIELDS = {
  connect_timeout_ms: { type: 'positiveInteger', description: 'Time allowed to open a connection.' },
  first_byte_timeout_ms: { type: 'positiveInteger', description: 'Time allowed until the response starts.' },
  idle_timeout_ms: { type: 'positiveInteger', description: 'Longest silence between two chunks of a stream.' },
  first_token_timeout_ms: {
    type: 'positiveInteger',
    description: 'Time allowed from sending a request to its first output (text, reasoning, tool call), default 120000; SSE comments and keep-alive bytes do not count. Before any output, the next slot is tried.',
  },
  request_timeout_ms: {
    type: 'positiveInteger',
    description: 'Off unless set. The longest a whole request may take; before any output the next slot is tried, after it the answer ends there, the partial text kept.',
  },
  cooldown_base_ms: { type: 'positiveInteger', description: 'First cooldown after a 429/529 without Retry-After; doubles each time.' },
  cooldown_max_ms: { type: 'positiveInteger', description: 'Longest cooldown.' },
  keep_alive_ms: { type: 'positiveInteger', description: 'How long an unused connection to a provider stays open for the next request (default 390000: just under the 400 s most hosted APIs keep it).' },
  hedge_after_ms: {
    type: 'positiveInteger',
    description: 'Off unless set. When the slot being tried has sent nothing for this long, the next slot is asked too; the first to answer wins and the other is cancelled. Faster answers from a stalling slot, at the cost of a second request.',
  },
} as const satisfies Record<string, FieldSpec>;

export const AGENT_FIELDS = {
  model: { type: 'string', description: 'Default model for every slot that names none.' },
  reasoning: {
    type: 'reasoning',
    description: 'Default reasoning for every slot that sets none: "off", "low", "medium", "high" or a token budget (e.g. 8000). A request\'s own choice (--reasoning, skynet.reasoning, modelOptions.reasoning) wins.',
  },
} as const satisfies Record<string, FieldSpec>;
