import {
  parseReasoningChoice,
  REASONING_EFFORTS,
  type ReasoningChoice,
  type ReasoningEffort,
} from '../../config/reasoning';

/** The `skynet.reasoning` setting's key under `skynet` (declared in scripts/set-contributions.js). */
export const REASONING_SETTING = 'reasoning';

/** A written choice (`off` → false, an effort, a number of tokens), or undefined when it cannot be read. */
function readChoice(value: unknown): ReasoningChoice | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parseReasoningChoice(value);
  } catch {
    return undefined;
  }
}

/** What `WorkspaceConfiguration.inspect()` reports for the setting (the levels Skynet reads). */
export interface SettingLevels {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * `skynet.reasoning` → the request's choice, where "not set" and "set to off" differ: the default (set nowhere)
 * makes no choice, so each slot's skynet.toml `reasoning` applies; a value the user set, `off` included, is the
 * request's choice and overrules the file. The most specific level wins (folder, workspace, user), as in VS Code;
 * workspace levels count only in a trusted workspace (the setting is in restrictedConfigurations).
 * A value Skynet cannot read makes no choice.
 */
export function reasoningChoiceFromSetting(
  levels: SettingLevels | undefined,
  trusted: boolean,
): ReasoningChoice | undefined {
  if (!levels) return undefined;
  return readChoice(
    (trusted ? (levels.workspaceFolderValue ?? levels.workspaceValue) : undefined) ?? levels.globalValue,
  );
}

function isEffort(value: unknown): value is ReasoningEffort {
  return typeof value === 'string' && (REASONING_EFFORTS as readonly string[]).includes(value.toLowerCase());
}

function isBudget(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * `vscode.lm` callers' `modelOptions` → a request's reasoning choice. Accepted, in this order:
 * `reasoning: "low"|"medium"|"high"|"off"|<tokens>` (string or number; `"off"` or `false` is a choice too: no
 * reasoning, whatever skynet.toml's default),
 * `reasoning: {effort?, budgetTokens? | budget_tokens?}`, and OpenAI's spelling `reasoningEffort` / `reasoning_effort`.
 * A value Skynet cannot read asks for nothing rather than failing the caller's request.
 */
export function reasoningFromModelOptions(
  options: { readonly [name: string]: unknown } | undefined,
): ReasoningChoice | undefined {
  if (!options) return undefined;
  const reasoning = options.reasoning;
  if (reasoning === false) return false;
  if (typeof reasoning === 'string') return readChoice(reasoning);
  if (isBudget(reasoning)) return { budgetTokens: reasoning };
  if (reasoning && typeof reasoning === 'object') {
    const fields = reasoning as Record<string, unknown>;
    const effort = isEffort(fields.effort) ? (fields.effort.toLowerCase() as ReasoningEffort) : undefined;
    const budget = isBudget(fields.budgetTokens)
      ? fields.budgetTokens
      : isBudget(fields.budget_tokens)
        ? fields.budget_tokens
        : undefined;
    if (effort || budget) return { ...(effort ? { effort } : {}), ...(budget ? { budgetTokens: budget } : {}) };
    return undefined;
  }
  const effort = options.reasoningEffort ?? options.reasoning_effort;
  return isEffort(effort) ? { effort: effort.toLowerCase() as ReasoningEffort } : undefined;
}
