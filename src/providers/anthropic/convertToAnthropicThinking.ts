import { reasoningBudget, reasoningEffort, type ReasoningEffort, type ReasoningRequest } from '../../config/reasoning';

/** Anthropic's `thinking` request field as this client sends it. */
export type AnthropicThinking = { type: 'enabled'; budget_tokens: number } | { type: 'adaptive' };

/** The smallest `budget_tokens` the API accepts. */
export const ANTHROPIC_MIN_THINKING_BUDGET = 1024;

/**
 * Claude models that take only adaptive thinking (`thinking: {type: "adaptive"}` + `output_config.effort`) and
 * answer 400 to `type: "enabled"`: Opus 4.7 / 4.8 and every generation from 5 on. Matches plain ids
 * (`claude-opus-4-7`), Bedrock ids (`us.anthropic.claude-sonnet-5-v1:0`) and Vertex ids (`claude-opus-4-7@…`).
 */
export function anthropicThinksAdaptively(model: string): boolean {
  return /claude-(?:[a-z]+-)?(?:4-[7-9]|[5-9])(?![0-9])/i.test(model);
}

/** What a reasoning request changes in an Anthropic body (Messages API, Claude on Vertex, Claude on Bedrock). */
export interface AnthropicThinkingPlan {
  thinking: AnthropicThinking;
  /** Adaptive models only: the effort goes in `output_config.effort`. */
  effort?: ReasoningEffort;
  /** `max_tokens` to send: raised above the budget when it was not (thinking counts toward it). */
  maxTokens: number;
  /** Thinking refuses a changed temperature: it is left out. */
  dropTemperature: true;
  /** Manual thinking takes top_p only in [0.95, 1]; adaptive models refuse it: whether to leave it out. */
  dropTopP: boolean;
}

/**
 * Plans extended thinking for one request, within the constraints Anthropic enforces:
 * - manual (`enabled`): `budget_tokens` ≥ 1024 and < `max_tokens`; when `max_tokens` is not above the budget it
 *   becomes budget + the answer room the caller asked for (`maxTokens`, else `defaultMaxTokens`);
 * - temperature must stay at its default (dropped); top_p only in [0.95, 1] (dropped otherwise);
 * - only `auto`/`none` tool choice: a forced tool (`any`/`tool`) is the caller's contract, so that request is
 *   sent without thinking (returns undefined).
 */
export function planAnthropicThinking(
  reasoning: ReasoningRequest,
  model: string,
  options: { maxTokens: number | undefined; defaultMaxTokens: number; topP: number | undefined; forcedTool: boolean },
): AnthropicThinkingPlan | undefined {
  if (options.forcedTool) return undefined;
  const answerRoom = options.maxTokens ?? options.defaultMaxTokens;
  if (anthropicThinksAdaptively(model)) {
    return {
      thinking: { type: 'adaptive' },
      effort: reasoningEffort(reasoning),
      maxTokens: answerRoom,
      dropTemperature: true,
      dropTopP: true,
    };
  }
  const budget = Math.max(ANTHROPIC_MIN_THINKING_BUDGET, Math.floor(reasoningBudget(reasoning)));
  const maxTokens = answerRoom > budget ? answerRoom : budget + answerRoom;
  const topP = options.topP;
  return {
    thinking: { type: 'enabled', budget_tokens: budget },
    maxTokens,
    dropTemperature: true,
    dropTopP: topP !== undefined && (topP < 0.95 || topP > 1),
  };
}
