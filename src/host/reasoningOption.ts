import { parseReasoning, REASONING_EFFORTS, type ReasoningEffort, type ReasoningRequest } from '../providers/reasoning';

/** The `skynet.reasoning` setting's key under `skynet` (declared in scripts/set-contributions.js). */
export const REASONING_SETTING = 'reasoning';

/** `skynet.reasoning` → a request's reasoning: `off` (the default) and anything unknown ask for nothing. */
export function reasoningFromSetting(value: unknown): ReasoningRequest | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parseReasoning(value);
  } catch {
    return undefined;
  }
}

function isEffort(value: unknown): value is ReasoningEffort {
  return typeof value === 'string' && (REASONING_EFFORTS as readonly string[]).includes(value.toLowerCase());
}

function isBudget(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * `vscode.lm` callers' `modelOptions` → a request's reasoning. Accepted, in this order:
 * `reasoning: "low"|"medium"|"high"|"off"|<tokens>` (string or number),
 * `reasoning: {effort?, budgetTokens? | budget_tokens?}`, and OpenAI's spelling `reasoningEffort` / `reasoning_effort`.
 * A value Skynet cannot read asks for nothing rather than failing the caller's request.
 */
export function reasoningFromModelOptions(options: { readonly [name: string]: unknown } | undefined): ReasoningRequest | undefined {
  if (!options) return undefined;
  const reasoning = options.reasoning;
  if (typeof reasoning === 'string') return reasoningFromSetting(reasoning);
  if (isBudget(reasoning)) return { budgetTokens: reasoning };
  if (reasoning && typeof reasoning === 'object') {
    const fields = reasoning as Record<string, unknown>;
    const effort = isEffort(fields.effort) ? (fields.effort.toLowerCase() as ReasoningEffort) : undefined;
    const budget = isBudget(fields.budgetTokens) ? fields.budgetTokens : isBudget(fields.budget_tokens) ? fields.budget_tokens : undefined;
    if (effort || budget) return { ...(effort ? { effort } : {}), ...(budget ? { budgetTokens: budget } : {}) };
    return undefined;
  }
  const effort = options.reasoningEffort ?? options.reasoning_effort;
  return isEffort(effort) ? { effort: effort.toLowerCase() as ReasoningEffort } : undefined;
}
