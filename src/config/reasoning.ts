/**
 * What a request may ask for when it wants the model to reason ("think") before answering, and the two ways
 * providers take it: a named effort (OpenAI `reasoning_effort`, Ollama levels, Anthropic adaptive effort,
 * Gemini 3 `thinkingLevel`) or a token budget (Anthropic `budget_tokens`, Gemini 2.5 `thinkingBudget`).
 * Each provider's request builder maps it with the helpers below; nothing here knows a wire format.
 */

export type ReasoningEffort = 'low' | 'medium' | 'high';

export const REASONING_EFFORTS: readonly ReasoningEffort[] = ['low', 'medium', 'high'];

/**
 * `ChatRequest.reasoning`. Absent: the provider's default (nothing is sent). Present: reasoning is asked for;
 * `effort` alone, `budgetTokens` alone, or both (a budget provider uses the budget, an effort provider the effort).
 * An empty object means "on, medium".
 */
export interface ReasoningRequest {
  effort?: ReasoningEffort;
  /** Tokens the model may spend thinking (a positive integer). */
  budgetTokens?: number;
}

/** Budget for an effort, for providers that take tokens: low 1024 (Anthropic's minimum) / medium 4096 / high 16384. */
export const REASONING_BUDGETS: Readonly<Record<ReasoningEffort, number>> = { low: 1024, medium: 4096, high: 16384 };

/** The token budget asked for: `budgetTokens` when given, else the effort's budget (medium when neither). */
export function reasoningBudget(reasoning: ReasoningRequest): number {
  if (reasoning.budgetTokens !== undefined) return reasoning.budgetTokens;
  return REASONING_BUDGETS[reasoning.effort ?? 'medium'];
}

/**
 * The effort asked for: `effort` when given, else the effort whose budget is nearest to `budgetTokens` on a log
 * scale (below 2048 → low, below 8192 → medium, else high), medium when neither.
 */
export function reasoningEffort(reasoning: ReasoningRequest): ReasoningEffort {
  if (reasoning.effort) return reasoning.effort;
  const budget = reasoning.budgetTokens;
  if (budget === undefined) return 'medium';
  if (budget < 2048) return 'low';
  if (budget < 8192) return 'medium';
  return 'high';
}

/**
 * A reasoning choice as a person wrote it: a request, or `false` for an explicit "off". Off is not the same as
 * saying nothing: it also overrules every default below it (see `resolveReasoning`).
 */
export type ReasoningChoice = ReasoningRequest | false;

/**
 * Parses the one text form used by the CLI flag, the VS Code setting, `vscode.lm` model options and skynet.toml:
 * `off` (→ false: no reasoning, and no default either), `low` | `medium` | `high`, or a positive integer (budget tokens).
 * Throws a message naming the accepted values otherwise.
 */
export function parseReasoningChoice(text: string): ReasoningChoice {
  const value = text.trim().toLowerCase();
  if (value === 'off' || value === 'none') return false;
  if ((REASONING_EFFORTS as readonly string[]).includes(value)) return { effort: value as ReasoningEffort };
  if (/^\d+$/.test(value) && Number(value) > 0 && Number.isSafeInteger(Number(value)))
    return { budgetTokens: Number(value) };
  throw new Error(`reasoning takes off, low, medium, high or a number of tokens (e.g. 8000), got "${text}"`);
}

/** `parseReasoningChoice` with off as undefined (nothing asked for). */
export function parseReasoning(text: string): ReasoningRequest | undefined {
  return parseReasoningChoice(text) || undefined;
}

/**
 * What one slot is sent, highest first:
 * 1. the request's own choice (CLI `--reasoning`, `vscode.lm` `modelOptions.reasoning`, the `skynet.reasoning`
 *    setting when set), including an explicit off (`false`);
 * 2. the slot's default from skynet.toml (its table's `reasoning`, else `[agent] reasoning`, resolved by the
 *    parser; an untrusted workspace's file contributes none);
 * 3. nothing: the provider's own default.
 * Applied per slot (see src/router/slotDefaults.ts), so a failover to another slot uses that slot's default.
 */
export function resolveReasoning(
  requested: ReasoningChoice | undefined,
  slotDefault: ReasoningRequest | undefined,
): ReasoningRequest | undefined {
  if (requested === false) return undefined;
  return requested ?? slotDefault;
}
