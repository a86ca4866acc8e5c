import type { ProjectKeys } from './projectKeys';
import type { ReasoningRequest } from '../config/reasoning';
import { DEFAULT_KEEP_ALIVE_MS } from '../util/connectionPool';

/** Where something was written in skynet.toml (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type ProviderKind =
  'anthropic' | 'openai' | 'azure' | 'openai-compat' | 'copilot' | 'qwen-oauth' | 'bedrock' | 'vertex' | 'ollama';

/**
 * How a slot gets its key: a literal from the file, an `${env:NAME}` reference,
 * or the credential store (SecretStorage in VS Code, the environment in the CLI).
 */
export type ApiKeySource =
  | { type: 'literal'; value: string }
  | { type: 'env'; name: string }
  | {
      type: 'store';
      envFallback?: string;
      /** Which of the slot's stored keys (0 = the first, `skynet.apiKey.<slot>`; see `secretKeys.apiKey`). */
      position?: number;
      /** The workspace identity a workspace key is namespaced by (`workspaceKeyScope`); absent: all workspaces. */
      workspace?: string;
    };

/**
 * A slot that sends an API key. `apiKeys` (from `api_keys = [...]`, or several stored keys) lists every key in the
 * order they are tried, `apiKey` being the first; the router moves to the next healthy key before the next slot.
 */
export interface ApiKeySlot {
  apiKey: ApiKeySource;
  apiKeys?: readonly ApiKeySource[];
}

/** One piece of a header or query value: text as written, an environment variable, or the slot's own API key. */
export type TemplatePart = { type: 'text'; value: string } | { type: 'env'; name: string } | { type: 'key' };

/**
 * A `headers`/`query` value of skynet.toml: text with `${env:NAME}` and `${key}` references, resolved per request.
 * `secret`: it carries a credential (a reference, or a header named like one): redacted everywhere and sent only
 * to the slot's own API origin.
 */
export interface TemplateValue {
  parts: TemplatePart[];
  secret: boolean;
}

/** USD per million tokens (a slot's `price` in skynet.toml, or the model catalog's). */
export interface Price {
  input: number;
  output: number;
  /** Prompt tokens read from the provider's cache. */
  cacheRead?: number;
  /** Prompt tokens written to the provider's cache. */
  cacheWrite?: number;
}

/** Spend limits of one slot or of all slots together (`[budget]`); a day and a month are local (see docs/usage.md). */
export interface Budgets {
  dailyBudgetUsd?: number;
  monthlyBudgetUsd?: number;
  dailyBudgetTokens?: number;
  monthlyBudgetTokens?: number;
}

interface SlotBase extends Budgets {
  /** Unique in the config: the provider table name, or the openai_compat `id`. */
  id: string;
  kind: ProviderKind;
  /** Human name, e.g. "Groq". */
  displayName: string;
  /** Per-provider `model`, else `[agent] model`, else the provider's default. */
  model: string;
  baseUrl: string;
  /** Where the slot is declared in skynet.toml (or the environment variable it came from). */
  source: SourceLocation;
  /**
   * Reasoning sent when a request makes no choice of its own: the table's `reasoning`, else `[agent] reasoning`;
   * absent when neither is set or the one that applies is "off" (see `resolveReasoning` for the whole order).
   */
  reasoning?: ReasoningRequest;
  /** Per-slot `headers` table: sent with every request to the slot's API origin (never to sign-in or token hosts). */
  headers?: Record<string, TemplateValue>;
  /** Per-slot `query` table: added to every request URL on the slot's API origin. */
  query?: Record<string, TemplateValue>;
  /**
   * Set on the slots an untrusted file builds itself (its own key, or none): shown as the workspace's
   * ("Anthropic (workspace)", picker detail), never named like the user's own slots.
   */
  fromUntrustedFile?: true;
  /** `price` in skynet.toml: overrides the model catalog's price for this slot's cost. */
  price?: Price;
}

/** Providers that serve Claude and so take prompt-cache markers. */
interface PromptCachingSlot {
  /** `prompt_caching = false` in skynet.toml: send no cache markers. Absent: on. */
  promptCaching?: boolean;
}

export interface AnthropicSlot extends SlotBase, PromptCachingSlot, ApiKeySlot {
  kind: 'anthropic';
}

export interface OpenAISlot extends SlotBase, ApiKeySlot {
  kind: 'openai';
  organization?: string;
  project?: string;
}

/**
 * Azure OpenAI / Azure AI Foundry: `baseUrl` is the resource's endpoint (`https://{resource}.openai.azure.com`, a
 * `*.cognitiveservices.azure.com` or `*.services.ai.azure.com` endpoint, or a gateway in front of one), without
 * `/openai`. `apiVersion` chooses the path: `v1` (default) and `preview` use `/openai/v1/…` with the deployment in
 * the body; a dated version (`2024-10-21`) uses `/openai/deployments/{deployment}/…?api-version=…`.
 */
interface AzureSlotBase extends SlotBase {
  kind: 'azure';
  apiVersion: string;
  /** Model id → deployment name; a model not listed is its own deployment name. */
  deployments: Record<string, string>;
  /** `openai-responses`: every model on `/openai/v1/responses`; otherwise Chat Completions (codex models: Responses). */
  api?: AzureApi;
}

/** An Azure slot that sends its resource key as the `api-key` header. */
export interface AzureKeySlot extends AzureSlotBase, ApiKeySlot {
  entraCommand?: undefined;
}

/** An Azure slot that sends a Microsoft Entra ID token (Bearer) from `entra_command` (run without a shell). */
export interface AzureEntraSlot extends AzureSlotBase {
  entraCommand: string;
}

export type AzureSlot = AzureKeySlot | AzureEntraSlot;

/** The wire protocol a custom endpoint speaks (`api =`); registry rows all speak `openai-chat`. */
export const CUSTOM_APIS = ['openai-chat', 'openai-responses', 'anthropic', 'gemini', 'ollama'] as const;
export type CustomApi = (typeof CUSTOM_APIS)[number];
/** The wires an Azure slot speaks on its v1 path. */
export const AZURE_APIS = ['openai-chat', 'openai-responses'] as const;
export type AzureApi = (typeof AZURE_APIS)[number];

export interface OpenAICompatSlot extends SlotBase, ApiKeySlot {
  kind: 'openai-compat';
  /** Custom endpoints only: the protocol, when it is not Chat Completions. */
  api?: Exclude<CustomApi, 'openai-chat'>;
  chatPath: string;
  /** Registry row id when the slot comes from the built-in registry. */
  registryId?: string;
  /** The row's URL parameters as skynet.toml gives them (`account_id`), already checked and filled into `baseUrl`. */
  urlParameters?: Record<string, string>;
  freeTier: boolean;
  local: boolean;
  /** Some services reject `stream_options` (Cohere's compatibility API). */
  supportsStreamOptions: boolean;
}

export interface OllamaSlot extends SlotBase {
  kind: 'ollama';
}

export interface CopilotSlot extends SlotBase {
  kind: 'copilot';
  /** File holding a GitHub OAuth token (the design's `token_path`). */
  tokenPath?: string;
  /** GitHub web URL for the device flow (github.com or a GHE host). */
  githubUrl: string;
  /** GitHub API URL for the token exchange (api.github.com or GHE `/api/v3`). */
  githubApiUrl: string;
}

export interface QwenOAuthSlot extends SlotBase {
  kind: 'qwen-oauth';
  credentialsPath: string;
  /** Base of the OAuth endpoints (`https://chat.qwen.ai`). */
  authUrl: string;
}

export interface BedrockSlot extends SlotBase, PromptCachingSlot {
  kind: 'bedrock';
  region?: string;
  profile?: string;
}

export interface VertexSlot extends SlotBase, PromptCachingSlot {
  kind: 'vertex';
  keyFile?: string;
  projectId?: string;
  location: string;
}

export type SlotConfig =
  | AnthropicSlot
  | OpenAISlot
  | AzureKeySlot
  | AzureEntraSlot
  | OpenAICompatSlot
  | OllamaSlot
  | CopilotSlot
  | QwenOAuthSlot
  | BedrockSlot
  | VertexSlot;

export interface RouterSettings {
  connectTimeoutMs: number;
  /** From sending the request to the first response byte (headers). */
  firstByteTimeoutMs: number;
  /** Longest silence between two chunks of a streamed body. */
  idleTimeoutMs: number;
  /** First cooldown after a 429/529 without Retry-After; doubles each time. */
  cooldownBaseMs: number;
  cooldownMaxMs: number;
  /** How long an unused connection stays open for the next request. */
  keepAliveMs?: number;
  /** Off when absent: after this long without output from the slot being tried, the next slot is asked too. */
  hedgeAfterMs?: number;
  /** From sending the request to the first output event (text, reasoning, tool call); 120000 when absent. */
  firstTokenTimeoutMs?: number;
  /** Off when absent: the longest a whole request may take, answer included. */
  requestTimeoutMs?: number;
}

export const DEFAULT_ROUTER_SETTINGS: Readonly<RouterSettings> = Object.freeze({
  connectTimeoutMs: 10_000,
  firstByteTimeoutMs: 60_000,
  idleTimeoutMs: 60_000,
  cooldownBaseMs: 5_000,
  cooldownMaxMs: 300_000,
  keepAliveMs: DEFAULT_KEEP_ALIVE_MS,
});

export type ConfigSeverity = 'error' | 'warning';

export interface ConfigDiagnostic extends SourceLocation {
  severity: ConfigSeverity;
  message: string;
}

export interface SkynetConfig {
  file: string;
  agentModel?: string;
  /** `[agent] reasoning`, already applied to every slot that sets none ("off" → absent). */
  agentReasoning?: ReasoningRequest;
  slots: SlotConfig[];
  router: RouterSettings;
  /** `[budget]`: limits on all slots together. */
  budget?: Budgets;
  /** `[projects."<dir>"]`: per-project keys for the CLI, honoured only in the user's own file (`src/config/projectKeys.ts`). */
  projects?: ProjectKeys[];
  /** True when the slots came from environment fallbacks, not from the file. */
  fromEnvironment: boolean;
}

export type ConfigResult =
  | { ok: true; config: SkynetConfig; warnings: ConfigDiagnostic[] }
  | { ok: false; errors: ConfigDiagnostic[]; warnings: ConfigDiagnostic[] };
