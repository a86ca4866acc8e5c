import type { FinishReason, WireEvent } from './events';

/**
 * Ollama `/api/chat` streaming (https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion,
 * checked 2026-12-05): NDJSON, one object per line, `message.content` / `message.thinking` deltas, whole tool calls
 * (`message.tool_calls[{function{name,arguments:{…}}}]`, arguments an object), then a `done:true` line with
 * `done_reason` and the counts; `{"error":"…"}` is a failure after the 200 (docs/api/errors.mdx).
 */
const DONE: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'stop',
  'content-filter': 'stop',
};

export function ollamaChatLines(events: WireEvent[], options: { model?: string } = {}): string[] {
  const model = options.model ?? 'gemma4';
  let tick = 0;
  const line = (fields: Record<string, unknown>) =>
    JSON.stringify({
      model,
      created_at: new Date(Date.UTC(2026, 11, 5, 12, 0, 0, tick++ * 12)).toISOString(),
      ...fields,
    });
  const usage = events.find((event): event is Extract<WireEvent, { type: 'usage' }> => event.type === 'usage');
  const lines: string[] = [];
  for (const event of events) {
    if (event.type === 'text') lines.push(line({ message: { role: 'assistant', content: event.text }, done: false }));
    else if (event.type === 'reasoning')
      lines.push(line({ message: { role: 'assistant', content: '', thinking: event.text }, done: false }));
    else if (event.type === 'tool-call')
      lines.push(
        line({
          message: {
            role: 'assistant',
            content: '',
            tool_calls: [{ function: { name: event.name, arguments: JSON.parse(event.arguments.join('')) } }],
          },
          done: false,
        }),
      );
    else if (event.type === 'error') lines.push(JSON.stringify({ error: event.message }));
    else if (event.type === 'finish')
      lines.push(
        line({
          message: { role: 'assistant', content: '' },
          done: true,
          done_reason: DONE[event.reason],
          total_duration: 4883583458,
          load_duration: 1334875,
          ...(usage ? { prompt_eval_count: usage.inputTokens, eval_count: usage.outputTokens } : {}),
        }),
      );
  }
  return lines;
}

/** The NDJSON body: each line and a newline. */
export function ollamaChatBody(events: WireEvent[], options: { model?: string } = {}): string {
  return ollamaChatLines(events, options)
    .map((line) => `${line}\n`)
    .join('');
}
