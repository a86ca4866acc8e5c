import { sseFromPayloads } from '../../fakes/wire';
import type { FinishReason, WireEvent } from './events';

/**
 * How a service streams Chat Completions tool calls and usage. Shapes from the services' streams as vercel/ai
 * records them (packages/{openai,deepseek,groq,mistral,xai,alibaba,perplexity}/src/__fixtures__, checked 2026-12-05):
 * - `fragments` (OpenAI, DeepSeek): first delta `{index,id,type,function{name,arguments:""}}`, then `{index,function{arguments}}` pieces;
 * - `whole` (xAI, Groq): the whole call in one delta (Groq puts `index` after `function`);
 * - `no-index` (Mistral): `{id,function{name,arguments}}` without `index` or `type`;
 * - `repeat-empty-id` (DashScope/Qwen): later fragments repeat `type` and `id:""`, then a trailing empty-arguments fragment.
 * Usage: `final-chunk` (stream_options.include_usage: a `choices:[]` chunk after the finish), `with-finish` (in the
 * finish chunk, Mistral/DeepSeek), `every-chunk` (cumulative on every chunk, Perplexity), `none`.
 */
export interface OpenAIChatDialect {
  toolCalls?: 'fragments' | 'whole' | 'no-index' | 'repeat-empty-id';
  usage?: 'final-chunk' | 'with-finish' | 'every-chunk' | 'none';
  /** The field reasoning deltas travel in (DeepSeek, xAI, Qwen: `reasoning_content`; OpenRouter: `reasoning`). */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** A first chunk `{role:"assistant",content:""}` before any content (OpenAI sends one). */
  roleChunk?: boolean;
  id?: string;
  model?: string;
}

const FINISH: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
};

type Usage = Extract<WireEvent, { type: 'usage' }>;

function usageBody(usage: Usage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}

function toolCallDeltas(
  event: Extract<WireEvent, { type: 'tool-call' }>,
  index: number,
  style: OpenAIChatDialect['toolCalls'],
): unknown[][] {
  const args = event.arguments.join('');
  switch (style) {
    case 'whole':
      return [[{ id: event.id, type: 'function', function: { name: event.name, arguments: args }, index }]];
    case 'no-index':
      return [[{ id: event.id, function: { name: event.name, arguments: args } }]];
    case 'repeat-empty-id':
      return [
        [{ index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } }],
        ...event.arguments.map((piece) => [{ index, id: '', type: 'function', function: { arguments: piece } }]),
        [{ index, id: '', type: 'function', function: { arguments: '' } }],
      ];
    default:
      return [
        [{ index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } }],
        ...event.arguments.map((piece) => [{ index, function: { arguments: piece } }]),
      ];
  }
}

/** The `data:` payloads (JSON, one per SSE event) of a Chat Completions stream saying `events`. */
export function openaiChatPayloads(events: WireEvent[], dialect: OpenAIChatDialect = {}): string[] {
  const usageStyle = dialect.usage ?? 'final-chunk';
  const usage = events.find((event): event is Usage => event.type === 'usage');
  const base = {
    id: dialect.id ?? 'chatcmpl-skynet-1',
    object: 'chat.completion.chunk',
    created: 1764979200,
    model: dialect.model ?? 'gpt-4.1-mini',
  };
  const payloads: Array<Record<string, unknown>> = [];
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => {
    payloads.push({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(usageStyle === 'final-chunk' ? { usage: null } : {}),
    });
  };
  if (dialect.roleChunk ?? true) chunk({ role: 'assistant', content: '' });
  let toolIndex = 0;
  for (const event of events) {
    if (event.type === 'text') chunk({ content: event.text });
    else if (event.type === 'reasoning')
      chunk({ content: null, [dialect.reasoningField ?? 'reasoning_content']: event.text });
    else if (event.type === 'tool-call') {
      for (const calls of toolCallDeltas(event, toolIndex, dialect.toolCalls))
        chunk({ content: null, tool_calls: calls });
      toolIndex++;
    } else if (event.type === 'error')
      payloads.push({ error: { message: event.message, type: 'server_error', code: event.code ?? 'server_error' } });
    else if (event.type === 'finish') {
      chunk({}, FINISH[event.reason]);
      if (usage && usageStyle === 'with-finish') payloads[payloads.length - 1].usage = usageBody(usage);
    }
  }
  if (usage && usageStyle === 'every-chunk') for (const payload of payloads) payload.usage = usageBody(usage);
  if (usage && usageStyle === 'final-chunk') payloads.push({ ...base, choices: [], usage: usageBody(usage) });
  return payloads.map((payload) => JSON.stringify(payload));
}

/** The same stream as SSE text: `data: <json>` events, then `data: [DONE]`. */
export function openaiChatSse(
  events: WireEvent[],
  dialect: OpenAIChatDialect = {},
  options: { crlf?: boolean; done?: boolean } = {},
): string {
  return sseFromPayloads(openaiChatPayloads(events, dialect), options);
}
