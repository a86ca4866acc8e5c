import { sseFromPayloads } from '../../fakes/wire';
import type { FinishReason, WireEvent } from './events';

/**
 * Anthropic Messages streaming (https://docs.anthropic.com/en/docs/build-with-claude/streaming, checked 2026-12-05):
 * message_start (usage with input tokens) → per block content_block_start / *_delta / content_block_stop
 * (text_delta; thinking_delta then signature_delta; tool_use with input_json_delta, the first one empty) →
 * message_delta (stop_reason, cumulative usage) → message_stop. `ping` may come anywhere; an `error` event ends
 * a stream that failed after the 200.
 */
export interface AnthropicDialect {
  id?: string;
  model?: string;
}

const STOP: Record<FinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
  'content-filter': 'refusal',
};

/** The `data:` payloads of a Messages stream saying `events` (each carries its `type`, which is also the SSE event name). */
export function anthropicPayloads(events: WireEvent[], dialect: AnthropicDialect = {}): string[] {
  const usage = events.find((event): event is Extract<WireEvent, { type: 'usage' }> => event.type === 'usage');
  const cache = {
    cache_creation_input_tokens: usage?.cacheWriteTokens ?? 0,
    cache_read_input_tokens: usage?.cacheReadTokens ?? 0,
  };
  const message = {
    id: dialect.id ?? 'msg_01SkynetWriter',
    type: 'message',
    role: 'assistant',
    model: dialect.model ?? 'claude-sonnet-4-5',
    content: [],
    stop_reason: null,
    stop_sequence: null,
  };
  const payloads: unknown[] = [
    {
      type: 'message_start',
      message: { ...message, usage: { input_tokens: usage?.inputTokens ?? 0, ...cache, output_tokens: 1 } },
    },
  ];
  let index = -1;
  let open: 'text' | 'reasoning' | 'tool-call' | undefined;
  const close = () => {
    if (open) payloads.push({ type: 'content_block_stop', index });
    open = undefined;
  };
  const start = (kind: 'text' | 'reasoning' | 'tool-call', block: unknown) => {
    close();
    open = kind;
    payloads.push({ type: 'content_block_start', index: ++index, content_block: block });
  };
  for (const event of events) {
    if (event.type === 'text') {
      if (open !== 'text') start('text', { type: 'text', text: '' });
      payloads.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: event.text } });
    } else if (event.type === 'reasoning') {
      if (open !== 'reasoning') start('reasoning', { type: 'thinking', thinking: '', signature: '' });
      payloads.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: event.text } });
      if (event.signature !== undefined) {
        payloads.push({
          type: 'content_block_delta',
          index,
          delta: { type: 'signature_delta', signature: event.signature },
        });
        close();
      }
    } else if (event.type === 'tool-call') {
      start('tool-call', { type: 'tool_use', id: event.id, name: event.name, input: {} });
      for (const piece of ['', ...event.arguments])
        payloads.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } });
    } else if (event.type === 'ping') payloads.push({ type: 'ping' });
    else if (event.type === 'error')
      payloads.push({ type: 'error', error: { type: event.code ?? 'overloaded_error', message: event.message } });
    else if (event.type === 'finish') {
      close();
      payloads.push({
        type: 'message_delta',
        delta: { stop_reason: STOP[event.reason], stop_sequence: null },
        usage: { input_tokens: usage?.inputTokens ?? 0, ...cache, output_tokens: usage?.outputTokens ?? 0 },
      });
      payloads.push({ type: 'message_stop' });
    }
  }
  return payloads.map((payload) => JSON.stringify(payload));
}

/** The same stream as SSE text: `event: <type>` + `data: <json>`, no `[DONE]`. */
export function anthropicSse(
  events: WireEvent[],
  dialect: AnthropicDialect = {},
  options: { crlf?: boolean } = {},
): string {
  return sseFromPayloads(anthropicPayloads(events, dialect), { eventNames: true, done: false, crlf: options.crlf });
}

/** The non-streaming Message body for `events` (content blocks, stop_reason, usage). */
export function anthropicMessageBody(events: WireEvent[], dialect: AnthropicDialect = {}): string {
  const content: unknown[] = [];
  let usage = { input_tokens: 0, output_tokens: 0 };
  let stop: string | null = null;
  for (const event of events) {
    const last = content[content.length - 1] as { type?: string; text?: string } | undefined;
    if (event.type === 'text') {
      if (last?.type === 'text') last.text += event.text;
      else content.push({ type: 'text', text: event.text });
    } else if (event.type === 'tool-call')
      content.push({ type: 'tool_use', id: event.id, name: event.name, input: JSON.parse(event.arguments.join('')) });
    else if (event.type === 'usage') usage = { input_tokens: event.inputTokens, output_tokens: event.outputTokens };
    else if (event.type === 'finish') stop = STOP[event.reason];
  }
  return JSON.stringify({
    id: dialect.id ?? 'msg_01SkynetWriter',
    type: 'message',
    role: 'assistant',
    model: dialect.model ?? 'claude-sonnet-4-5',
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage,
  });
}

/** The ChatEvents Skynet's Anthropic parser should make of `events` (independent of the parser; the writer's contract). */
export function expectedAnthropicChatEvents(events: WireEvent[]): unknown[] {
  const out: unknown[] = [];
  for (const event of events) {
    if (event.type === 'text' && event.text) out.push({ type: 'text-delta', text: event.text });
    if (event.type === 'reasoning' && event.text) out.push({ type: 'reasoning-delta', text: event.text });
    if (event.type === 'reasoning' && event.signature !== undefined)
      out.push({ type: 'reasoning-delta', text: '', signature: event.signature });
    if (event.type === 'tool-call')
      out.push({ type: 'tool-call', id: event.id, name: event.name, arguments: JSON.parse(event.arguments.join('')) });
  }
  const usage = events.find((event): event is Extract<WireEvent, { type: 'usage' }> => event.type === 'usage');
  if (usage)
    out.push({
      type: 'usage',
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      totalTokens: usage.inputTokens + usage.outputTokens,
    });
  const finish = events.find((event): event is Extract<WireEvent, { type: 'finish' }> => event.type === 'finish');
  if (finish) out.push({ type: 'finish', reason: finish.reason, rawReason: STOP[finish.reason] });
  return out;
}
