import type { WireEvent } from './events';
import { openaiChatPayloads } from './openaiChat';

/**
 * Azure OpenAI's Chat Completions stream: OpenAI's chunks, opened by a chunk with `choices: []`, empty id and
 * model and `prompt_filter_results`, and each choice carrying `content_filter_results`. Shape from streams quoted in
 * AbanteAI/archive-old-cli-mentat#429, microsoft/autogen#6465 and sashabaranov/go-openai#448 (checked 2026-12-05).
 */
const SAFE = { filtered: false, severity: 'safe' };
export const SAFE_RESULTS = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };

export function azureChatPayloads(
  events: WireEvent[],
  options: { model?: string; flagged?: Record<string, unknown> } = {},
): string[] {
  const promptFilter = {
    choices: [],
    created: 0,
    id: '',
    model: '',
    object: '',
    prompt_filter_results: [
      { prompt_index: 0, content_filter_results: { ...SAFE_RESULTS, jailbreak: { filtered: false, detected: false } } },
    ],
  };
  const chunks = openaiChatPayloads(events, {
    model: options.model ?? 'gpt-5.5-2026-04-24',
    id: 'chatcmpl-azure-1',
  }).map((payload) => {
    const chunk = JSON.parse(payload) as { choices: Array<Record<string, unknown>> };
    for (const choice of chunk.choices) {
      const filtered = choice.finish_reason === 'content_filter';
      choice.content_filter_results = filtered ? { ...SAFE_RESULTS, ...options.flagged } : SAFE_RESULTS;
    }
    return JSON.stringify(chunk);
  });
  return [JSON.stringify(promptFilter), ...chunks];
}
