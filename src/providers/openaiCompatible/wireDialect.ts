import type { ToolCallIdRule } from '../toolCallIds';

/**
 * How one Chat Completions service differs from OpenAI's own API, as data: which fields it takes and refuses,
 * and what it needs sent back. The request builder reads it (buildOpenAIRequestBody.ts); nothing else
 * switches on a service. Each dialect's facts carry their source in the comment above it (comments, so that
 * the citations stay out of the bundle); all were checked 2026-12-05.
 */
export interface WireDialect {
  /** `stream_options: {include_usage: true}` with streamed requests; false where the service refuses it. */
  streamOptions: boolean;
  /** Models that take `max_completion_tokens` and refuse `max_tokens`; every other model gets `max_tokens`. */
  maxCompletionTokensModels?: RegExp;
  /** How reasoning is asked for, first matching rule wins; no rule for the model: nothing is sent. */
  reasoning: readonly ReasoningRule[];
  /** Models that need the assistant's reasoning sent back (`reasoning_content`), and on which turns. */
  reasoningReplay?: readonly ReasoningReplayRule[];
  /** Tool-call ids the service accepts; ids that do not fit are rewritten (toolCallIds.ts). */
  toolCallIds?: ToolCallIdRule;
  /** False: the service refuses any request that carries `tools` (400), so none are sent. */
  tools: boolean;
  /** Tool calls carry `extra_content.google.thought_signature`, which must come back with each call. */
  thoughtSignatures?: boolean;
}

export type ReasoningParameter =
  /** `reasoning_effort: "low" | "medium" | "high"` (OpenAI). */
  | 'reasoning_effort'
  /** `thinking: {type: "enabled" | "disabled"}` (DeepSeek, GLM, Z.AI, Doubao). */
  | 'thinking'
  /** `enable_thinking: true | false` (Qwen on DashScope), with `thinking_budget` when a budget is given. */
  | 'enable_thinking'
  /** `reasoning: {effort}` or `reasoning: {max_tokens}` (OpenRouter). */
  | 'reasoning';

export interface ReasoningRule {
  models: RegExp;
  parameter: ReasoningParameter;
  /** The `reasoning_effort` values these models take; an effort they lack becomes the nearest one they have. */
  efforts?: readonly string[];
}

export interface ReasoningReplayRule {
  models: RegExp;
  /**
   * `every-assistant-turn`: each assistant message carries `reasoning_content` ("" when it had none);
   * `tool-call-turns`: each assistant message with tool calls does;
   * `since-last-user`: assistant messages after the last user message do, when they had reasoning
   * (earlier reasoning is left out).
   */
  turns: 'every-assistant-turn' | 'tool-call-turns' | 'since-last-user';
}

/** o1/o3/o4…, gpt-5…, also behind a router's `openai/` prefix. */
const OPENAI_REASONING = /(^|\/)(o\d+|gpt-5)([-_.:]|$)/i;
const GPT_OSS = /gpt-oss/i;

/** Mistral: tool-call ids exactly 9 of [A-Za-z0-9]; anything else is refused (400/422). */
const MISTRAL_TOOL_CALL_IDS: ToolCallIdRule = { pattern: /^[A-Za-z0-9]{9}$/, alphabet: 'alphanumeric', length: 9 };
/** OpenAI: `tool_calls[].id` at most 40 characters ("string too long. Expected … maximum length 40"). */
const OPENAI_TOOL_CALL_IDS: ToolCallIdRule = { pattern: /^[\s\S]{1,40}$/, alphabet: 'word', length: 24 };

/**
 * A service with no quirks known: OpenAI's own wire, reasoning only to the model families known to take it.
 * Source: OpenAI Chat Completions reference; reasoning_effort only on o-series/gpt-5/gpt-oss (vercel/ai
 * packages/openai, openai-compatible).
 */
const STANDARD: WireDialect = {
  streamOptions: true,
  reasoning: [
    { models: new RegExp(`${OPENAI_REASONING.source}|${GPT_OSS.source}`, 'i'), parameter: 'reasoning_effort' },
  ],
  tools: true,
};

/**
 * Custom endpoints (vLLM, LM Studio, llama.cpp, LiteLLM, …): the standard wire; OpenAI-style limits for OpenAI-style
 * models. A custom endpoint may serve any model, so only known families get reasoning_effort.
 */
export const CUSTOM_ENDPOINT_DIALECT: WireDialect = Object.freeze({
  ...STANDARD,
  maxCompletionTokensModels: OPENAI_REASONING,
});

function dialect(overrides: Partial<WireDialect>): WireDialect {
  return Object.freeze({ ...STANDARD, ...overrides });
}

/**
 * The dialect of each service, by registry id, plus the native clients that speak Chat Completions
 * (`openai`, `copilot`, `qwen_oauth`). An id not listed speaks the standard wire.
 */
export const WIRE_DIALECTS: Readonly<Record<string, WireDialect>> = Object.freeze({
  // Source: platform.openai.com/docs/api-reference/chat (max_completion_tokens, reasoning_effort on reasoning models);
  // vercel/ai packages/openai
  openai: dialect({
    maxCompletionTokensModels: OPENAI_REASONING,
    reasoning: [{ models: OPENAI_REASONING, parameter: 'reasoning_effort' }],
    toolCallIds: OPENAI_TOOL_CALL_IDS,
  }),
  // Matched on the model id, before it becomes the deployment name in the body (azure/client.ts).
  // Source: learn.microsoft.com/azure/foundry/openai/how-to/reasoning (reasoning models: max_completion_tokens and
  // reasoning_effort, not max_tokens); stream_options.include_usage on the v1 and dated GA APIs
  // (learn.microsoft.com/azure/ai-foundry/openai/reference); checked 2026-12-05
  azure: dialect({
    maxCompletionTokensModels: OPENAI_REASONING,
    reasoning: [{ models: OPENAI_REASONING, parameter: 'reasoning_effort' }],
    toolCallIds: OPENAI_TOOL_CALL_IDS,
  }),
  // Source: microsoft/vscode-copilot-chat (chat/completions with max_tokens); BerriAI/litellm llms/github_copilot
  copilot: dialect({
    reasoning: [{ models: OPENAI_REASONING, parameter: 'reasoning_effort' }],
    toolCallIds: OPENAI_TOOL_CALL_IDS,
  }),
  // Source: console.groq.com/docs/reasoning; vercel/ai packages/groq groq-chat-options.ts
  groq: dialect({
    reasoning: [
      { models: GPT_OSS, parameter: 'reasoning_effort', efforts: ['low', 'medium', 'high'] },
      // qwen3-32b takes only "none" | "default"; llama models answer 400 to any reasoning_effort.
      { models: /qwen3/i, parameter: 'reasoning_effort', efforts: ['default'] },
    ],
  }),
  // Source: api-docs.deepseek.com/guides/thinking_mode#tool-calls; vercel/ai packages/deepseek convert-to-deepseek-
  // chat-messages.ts ("V4 requires it"), is-deepseek-v4-model.ts
  deepseek: dialect({
    reasoning: [{ models: /./, parameter: 'thinking' }],
    reasoningReplay: [
      // V4 requires reasoning_content on every assistant turn; earlier models within the current tool loop.
      { models: /deepseek-v4|^deepseek-(flash|pro)/i, turns: 'every-assistant-turn' },
      { models: /./, turns: 'since-last-user' },
    ],
  }),
  // Source: platform.moonshot.ai docs (thinking models); continuedev/continue#11600 (400 "reasoning_content is missing
  // in assistant tool call message")
  moonshot: dialect({
    reasoning: [],
    reasoningReplay: [{ models: /kimi-k2(\.[5-9]|-thinking)|kimi-k[3-9]/i, turns: 'tool-call-turns' }],
  }),
  // Source: openrouter.ai/docs/use-cases/reasoning-tokens (reasoning: {effort} | {max_tokens}, ignored by models
  // without reasoning)
  openrouter: dialect({
    reasoning: [{ models: /./, parameter: 'reasoning' }],
  }),
  // Source: docs.x.ai/docs/guides/reasoning; vercel/ai packages/xai supports-reasoning-effort.ts, xai-chat-language-
  // model.ts (max_completion_tokens)
  xai: dialect({
    maxCompletionTokensModels: /./,
    reasoning: [
      { models: /^grok-3-mini/i, parameter: 'reasoning_effort', efforts: ['low', 'high'] },
      // grok-4.20(-MMDD)-(non-)reasoning refuse the field for every value; grok-4.3, grok-latest and multi-agent take it.
      { models: /^(grok-4\.[3-9](?!\d)|grok-latest|grok-4\.20-multi-agent)/i, parameter: 'reasoning_effort' },
    ],
  }),
  // Source: docs.mistral.ai/capabilities/function_calling; anomalyco/opencode#1680 (ids must be a-z, A-Z, 0-9 with a
  // length of 9); Mistral refuses unknown fields with 422 extra_forbidden (charmbracelet/crush#1590, editor-code-
  // assistant/eca#231)
  mistral: dialect({
    reasoning: [],
    toolCallIds: MISTRAL_TOOL_CALL_IDS,
  }),
  // Source: docs.perplexity.ai (reasoning_effort for sonar-deep-research only); vercel/ai packages/perplexity (tools
  // unsupported); pipecat-ai/pipecat#4862 (400 "Tool calling is not supported")
  perplexity: dialect({
    reasoning: [{ models: /sonar-deep-research/i, parameter: 'reasoning_effort' }],
    tools: false,
  }),
  // Source: inference-docs.cerebras.ai/api-reference/chat-completions; continuedev/continue core/llm/llms/Cerebras.ts;
  // vercel/ai packages/cerebras
  cerebras: dialect({
    maxCompletionTokensModels: /./,
    reasoning: [{ models: GPT_OSS, parameter: 'reasoning_effort' }],
  }),
  // Source: docs.cohere.com/docs/compatibility-api (stream_options refused)
  cohere: dialect({
    streamOptions: false,
    reasoning: [],
  }),
  // Source: ai.google.dev/gemini-api/docs/openai (reasoning_effort), ai.google.dev/gemini-api/docs/thought-signatures
  // (extra_content.google.thought_signature required on Gemini 3 tool calls)
  gemini: dialect({
    reasoning: [
      { models: /gemini-3(\.\d+)?-pro/i, parameter: 'reasoning_effort', efforts: ['low', 'high'] },
      { models: /gemini-(2\.5|3)/i, parameter: 'reasoning_effort' },
    ],
    thoughtSignatures: true,
  }),
  // Source: docs.bigmodel.cn (thinking: {type: enabled|disabled}); RooCodeInc/Roo-Code packages/types zai.ts
  glm: dialect({
    reasoning: [{ models: /glm-(4\.[5-9]|[5-9])/i, parameter: 'thinking' }],
  }),
  // Source: docs.z.ai/guides/capabilities/thinking (thinking: {type: enabled|disabled}); RooCodeInc/Roo-Code
  // packages/types zai.ts
  zai: dialect({
    reasoning: [{ models: /glm-(4\.[5-9]|[5-9])/i, parameter: 'thinking' }],
  }),
  // Source: volcengine.com/docs/82379 (doubao-seed thinking: {type}); BerriAI/litellm llms/volcengine
  doubao: dialect({
    reasoning: [{ models: /seed/i, parameter: 'thinking' }],
  }),
  // Source: help.aliyun.com/zh/model-studio/deep-thinking (enable_thinking, thinking_budget); vercel/ai
  // packages/alibaba
  qwen: dialect({
    reasoning: [{ models: /qwen3(?!-coder)|qwen-(plus|flash|turbo)|qwq/i, parameter: 'enable_thinking' }],
  }),
  // Source: QwenLM/qwen-code (DashScope compatible mode); help.aliyun.com/zh/model-studio/deep-thinking
  qwen_oauth: dialect({
    reasoning: [{ models: /qwen3(?!-coder)|qwen-(plus|flash|turbo)|qwq/i, parameter: 'enable_thinking' }],
  }),
  // Source: anomalyco/models.dev providers/deepinfra/provider.toml (docs.deepinfra.com/chat/reasoning:
  // reasoning_effort low|medium|high|xhigh, "none" disables; accessed 2026-06-25)
  deepinfra: dialect({
    // Reasoning models take reasoning_effort (low … xhigh; "none" turns thinking off); others get nothing.
    reasoning: [
      {
        models:
          /deepseek-(v3\.[12]|v4|r1)|qwen3(?!-coder)|gpt-oss|kimi-k2(\.[5-9]|-thinking)|glm-(4\.[5-9]|[5-9])|minimax-m/i,
        parameter: 'reasoning_effort',
      },
    ],
  }),
  // Source: Mistral's API on codestral.mistral.ai: the mistral dialect (docs.mistral.ai/capabilities/function_calling;
  // anomalyco/opencode#1680)
  codestral: dialect({
    reasoning: [],
    toolCallIds: MISTRAL_TOOL_CALL_IDS,
  }),
  // Source: docs.github.com/en/rest/models/catalog (openai/* entries have registry azure-openai); OpenAI/Azure
  // reasoning models: max_completion_tokens (platform.openai.com/docs/api-reference/chat)
  'github-models': dialect({
    // Its OpenAI models run on Azure OpenAI (catalog "registry": "azure-openai"), whose reasoning models refuse max_tokens.
    maxCompletionTokensModels: OPENAI_REASONING,
  }),
  vllm: CUSTOM_ENDPOINT_DIALECT,
  sglang: CUSTOM_ENDPOINT_DIALECT,
  requesty: CUSTOM_ENDPOINT_DIALECT,
  glama: CUSTOM_ENDPOINT_DIALECT,
  litellm: CUSTOM_ENDPOINT_DIALECT,
  lmstudio: CUSTOM_ENDPOINT_DIALECT,
  llamacpp: CUSTOM_ENDPOINT_DIALECT,
  localai: CUSTOM_ENDPOINT_DIALECT,
});

/** The dialect of a registry id or native Chat Completions provider; custom endpoints get `CUSTOM_ENDPOINT_DIALECT`. */
export function wireDialectFor(id: string | undefined): WireDialect {
  return (id !== undefined && WIRE_DIALECTS[id]) || (id === undefined ? CUSTOM_ENDPOINT_DIALECT : STANDARD);
}
