import { reasoningEffort, REASONING_EFFORTS } from '../../config/reasoning';
import type { ReasoningChoice } from '../../config/reasoning';
import type { ReasoningRule, WireDialect } from './wireDialect';

export interface ReasoningFields {
  /** Fields to add to the request body (empty when nothing is sent). */
  fields: Record<string, unknown>;
  /** Why nothing was sent although reasoning was asked for (for the verbose log). */
  omitted?: string;
}

/** The effort among `allowed` nearest to `wanted` (ties go up: an effort asked for is not weakened). */
function nearestEffort(wanted: string, allowed: readonly string[]): string {
  if (allowed.includes(wanted)) return wanted;
  const rank = (effort: string) => (REASONING_EFFORTS as readonly string[]).indexOf(effort);
  const ranked = allowed.filter((effort) => rank(effort) >= 0);
  if (ranked.length === 0) return allowed[0];
  return ranked.reduce((best, effort) => {
    const distance = Math.abs(rank(effort) - rank(wanted));
    const bestDistance = Math.abs(rank(best) - rank(wanted));
    return distance < bestDistance || (distance === bestDistance && rank(effort) > rank(best)) ? effort : best;
  });
}

function fieldsFor(rule: ReasoningRule, reasoning: ReasoningChoice): Record<string, unknown> {
  switch (rule.parameter) {
    case 'thinking':
      return { thinking: { type: reasoning ? 'enabled' : 'disabled' } };
    case 'enable_thinking':
      if (!reasoning) return { enable_thinking: false };
      return {
        enable_thinking: true,
        ...(reasoning.budgetTokens !== undefined ? { thinking_budget: reasoning.budgetTokens } : {}),
      };
    case 'reasoning':
      if (!reasoning) return {};
      return {
        reasoning:
          reasoning.effort === undefined && reasoning.budgetTokens !== undefined
            ? { max_tokens: reasoning.budgetTokens }
            : { effort: reasoningEffort(reasoning) },
      };
    case 'reasoning_effort': {
      if (!reasoning) return {};
      const effort = reasoningEffort(reasoning);
      return { reasoning_effort: rule.efforts ? nearestEffort(effort, rule.efforts) : effort };
    }
  }
}

/**
 * How `model` on a service of `dialect` is asked to reason. Nothing is sent when reasoning is not asked for,
 * or when no rule covers the model (it would answer 400); then `omitted` says why. An explicit off (`false`)
 * is sent only where the service has an off switch (`thinking`, `enable_thinking`): elsewhere off is the default.
 */
export function reasoningParameters(
  dialect: WireDialect,
  model: string,
  reasoning: ReasoningChoice | undefined,
): ReasoningFields {
  if (reasoning === undefined) return { fields: {} };
  const rule = dialect.reasoning.find((candidate) => candidate.models.test(model));
  if (!rule) {
    return reasoning
      ? {
          fields: {},
          omitted: `reasoning not sent: model "${model}" is not known to accept a reasoning parameter on this service (it would answer 400)`,
        }
      : { fields: {} };
  }
  return { fields: fieldsFor(rule, reasoning) };
}
