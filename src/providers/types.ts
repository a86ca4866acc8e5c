import type { ServiceOriginApprovals } from '../auth/serviceAddress';
import type { HttpClient } from '../util/http';
import type { Logger } from '../util/logger';
import type { CredentialStore } from '../auth/credentialStore';
import type { SlotConfig } from '../config/types';
import type { ReasoningChoice } from '../config/reasoning';

export type { ReasoningChoice, ReasoningEffort, ReasoningRequest } from '../config/reasoning';

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export type ContentPart =
  | { type: 'text'; text: string }
  /** `data` is base64. */
  | { type: 'image'; mimeType: string; data: string }
  /** `signature`: an opaque token the service wants back with this call (Gemini's thought signature). */
  | { type: 'tool-call'; id: string; name: string; arguments: Record<string, unknown>; signature?: string }
  | { type: 'tool-result'; toolCallId: string; toolName?: string; content: string; isError?: boolean }
  /** Model reasoning kept for follow-up turns (Anthropic needs the signature back). */
  | { type: 'reasoning'; text: string; signature?: string };

export interface ChatMessage {
  role: Role;
  content: ContentPart[];
}

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  inputSchema: Record<string, unknown>;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface ChatRequest {
  /** Model id; when absent the slot's configured model is used. */
  model?: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  /**
   * Ask the model to reason before answering. Absent: the provider's default, and nothing new is sent.
   * Mapped per provider (see src/config/reasoning.ts): Anthropic `thinking`, OpenAI and OpenAI-compatible
   * `reasoning_effort`, Ollama `think`, Bedrock Claude `additionalModelRequestFields.thinking`, Gemini
   * `generationConfig.thinkingConfig`.
   * `false`: explicitly none; the router does not fill in the slot's default, and a provider sends nothing, or its
   * off switch where it has one (DeepSeek/GLM `thinking: {type: "disabled"}`, Qwen `enable_thinking: false`).
   */
  reasoning?: ReasoningChoice;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  /** Prompt tokens read from the provider's prompt cache (also counted in inputTokens). */
  cachedInputTokens?: number;
  /** Prompt tokens written to the provider's prompt cache this request (Anthropic, Bedrock; also counted in inputTokens). */
  cacheWriteInputTokens?: number;
  totalTokens?: number;
}

export type ChatEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string; signature?: string }
  | { type: 'tool-call'; id: string; name: string; arguments: Record<string, unknown>; signature?: string }
  | ({ type: 'usage' } & Usage)
  | { type: 'finish'; reason: FinishReason; rawReason?: string };

export interface ChatResult {
  text: string;
  reasoning: string;
  reasoningSignature?: string;
  toolCalls: Array<{ id: string; name: string; arguments: Record<string, unknown>; signature?: string }>;
  usage: Usage;
  finishReason: FinishReason;
  rawFinishReason?: string;
}

export interface ModelInfo {
  id: string;
  name?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  capabilities?: { toolCalling?: boolean; vision?: boolean; reasoning?: boolean };
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** One configured provider slot's client. Holds no per-request state. */
export interface ProviderClient {
  readonly slotId: string;
  streamChat(request: ChatRequest, options?: RequestOptions): AsyncIterable<ChatEvent>;
  /**
   * The same events in the same order, handed on in arrays (every event one network read completed; never an empty
   * array): one async step per read instead of one per event. The router and the consumers read this when a client
   * has it (src/providers/eventBatches.ts); every client in src/providers does.
   */
  streamChatBatches?(request: ChatRequest, options?: RequestOptions): AsyncIterable<readonly ChatEvent[]>;
  send(request: ChatRequest, options?: RequestOptions): Promise<ChatResult>;
  listModels(options?: RequestOptions): Promise<ModelInfo[]>;
}

/** Everything a client factory may use; injected so tests never patch globals. */
export interface ProviderDeps {
  http: HttpClient;
  logger: Logger;
  credentials: CredentialStore;
  env: Readonly<Record<string, string | undefined>>;
  /** Milliseconds since the epoch; injectable for token-expiry tests. */
  now: () => number;
  /** Home directory, for `~` in paths and default credential files. */
  homeDir: string;
  /**
   * Who approves an address a service hands back that is not one of its documented hosts (VS Code: the origin
   * modal); absent (the CLI, tests), such an address is refused (`src/auth/serviceAddress.ts`).
   */
  serviceOrigins?: ServiceOriginApprovals;
}

export type ProviderFactory = (slot: SlotConfig, deps: ProviderDeps) => ProviderClient;

/**
 * A provider family: how to create its client and, before routing, whether a slot can work at all
 * (returns the reason and the fix when it cannot: missing key, unreadable file). The router marks a
 * slot with a preflight reason `needs-credentials`, and the UI offers Set API Key / Sign In for it.
 */
export interface ProviderModule {
  create: ProviderFactory;
  preflight?(slot: SlotConfig, deps: ProviderDeps): Promise<string | undefined>;
}
