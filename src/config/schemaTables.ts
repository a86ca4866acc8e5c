import { AZURE_APIS, CUSTOM_APIS } from './types';
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

/** What each field means for the user is in schemaDescriptions.ts (the JSON Schema's text), not bundled. */
export interface FieldSpec {
  type: FieldType;
  /** A string field that takes only these words. */
  values?: readonly string[];
}

const apiKey: FieldSpec = { type: 'apiKey' };
const apiKeys: FieldSpec = { type: 'apiKeyList' };
const baseUrl: FieldSpec = { type: 'url' };
const model: FieldSpec = { type: 'string' };
const reasoning: FieldSpec = { type: 'reasoning' };

const headers: FieldSpec = { type: 'headers' };
const query: FieldSpec = { type: 'query' };
/** `headers`, `query`, `price` and the budgets, accepted by every provider table. */
const extras = { headers, query, ...SLOT_SPEND_FIELDS };

const promptCaching: FieldSpec = { type: 'boolean' };

/** Every provider table of skynet.toml and its keys: the one source for the parser, the edits and the JSON Schema. */
export const PROVIDER_TABLES = {
  anthropic: {
    api_key: apiKey,
    api_keys: apiKeys,
    base_url: baseUrl,
    model,
    reasoning,
    prompt_caching: promptCaching,
    ...extras,
  },
  openai: {
    api_key: apiKey,
    api_keys: apiKeys,
    base_url: baseUrl,
    model,
    reasoning,
    organization: { type: 'header' },
    project: { type: 'header' },
    ...extras,
  },
  azure: {
    resource: { type: 'azureResource' },
    base_url: { type: 'url' },
    api_version: { type: 'azureApiVersion' },
    api: { type: 'string', values: AZURE_APIS },
    deployments: { type: 'azureDeployments' },
    api_key: apiKey,
    api_keys: apiKeys,
    entra_command: { type: 'string' },
    model,
    reasoning,
    ...extras,
  },
  openai_compat: {
    id: { type: 'string' },
    api_key: apiKey,
    api_keys: apiKeys,
    base_url: { type: 'url' },
    chat_path: { type: 'string' },
    api: { type: 'string', values: CUSTOM_APIS },
    account_id: { type: 'string' },
    gateway_id: { type: 'string' },
    model,
    reasoning,
    ...extras,
  },
  copilot: {
    token_path: { type: 'path' },
    base_url: baseUrl,
    github_url: { type: 'url' },
    github_api_url: { type: 'url' },
    model,
    reasoning,
    ...extras,
  },
  qwen_oauth: {
    credentials_path: { type: 'path' },
    base_url: baseUrl,
    auth_url: { type: 'url' },
    model,
    reasoning,
    ...extras,
  },
  bedrock: {
    region: { type: 'awsRegion' },
    profile: { type: 'string' },
    base_url: baseUrl,
    model,
    reasoning,
    prompt_caching: promptCaching,
    // No `query`: SigV4 signs the query string, so a parameter added to a signed request would void its signature.
    headers,
    ...SLOT_SPEND_FIELDS,
  },
  vertex: {
    key_file: { type: 'path' },
    project_id: { type: 'string' },
    location: { type: 'vertexLocation' },
    base_url: baseUrl,
    model,
    reasoning,
    prompt_caching: promptCaching,
    ...extras,
  },
  ollama: { base_url: { type: 'url' }, model, reasoning, ...extras },
} as const satisfies Record<string, Record<string, FieldSpec>>;

export type ProviderTable = keyof typeof PROVIDER_TABLES;

/** The design's slot order. */
export const TABLE_ORDER: readonly ProviderTable[] = [
  'anthropic',
  'openai',
  'azure',
  'openai_compat',
  'copilot',
  'qwen_oauth',
  'bedrock',
  'vertex',
  'ollama',
];

export const ROUTER_FIELDS = {
  connect_timeout_ms: { type: 'positiveInteger' },
  first_byte_timeout_ms: { type: 'positiveInteger' },
  idle_timeout_ms: { type: 'positiveInteger' },
  first_token_timeout_ms: { type: 'positiveInteger' },
  request_timeout_ms: { type: 'positiveInteger' },
  cooldown_base_ms: { type: 'positiveInteger' },
  cooldown_max_ms: { type: 'positiveInteger' },
  keep_alive_ms: { type: 'positiveInteger' },
  hedge_after_ms: { type: 'positiveInteger' },
} as const satisfies Record<string, FieldSpec>;

export const AGENT_FIELDS = {
  model: { type: 'string' },
  reasoning: { type: 'reasoning' },
} as const satisfies Record<string, FieldSpec>;
