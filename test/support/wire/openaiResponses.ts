import { sseFromPayloads } from '../../fakes/wire';
import type { WireEvent } from './events';

/**
 * OpenAI Responses API streaming (https://platform.openai.com/docs/api-reference/responses-streaming, checked
 * 2026-12-05), as OpenAI and GitHub Copilot send it: response.created / in_progress, then per output item
 * output_item.added → (reasoning_summary_part/text | content_part + output_text | function_call_arguments) deltas
 * and .done events → output_item.done; the end is response.completed (usage), response.incomplete
 * (max_output_tokens) or response.failed (error). Every event carries `type` and `sequence_number`.
 */
/**
 * `rotateItemIds`: GitHub Copilot's Responses stream gives every event a new item id, even within one output item
 * (vercel/ai packages/openai/src/responses/__fixtures__/github-copilot-id-rotation.1, checked 2026-12-05).
 */
export function responsesPayloads(
  events: WireEvent[],
  options: { model?: string; id?: string; rotateItemIds?: boolean } = {},
): string[] {
  const id = options.id ?? 'resp_skynet_1';
  const response = {
    id,
    object: 'response',
    created_at: 1764979200,
    model: options.model ?? 'gpt-5.3-codex',
    status: 'in_progress',
    output: [] as unknown[],
    usage: null as unknown,
  };
  const out: Array<Record<string, unknown>> = [];
  // A snapshot per event: the response and items change as the stream goes on, each event shows them as they were.
  const emit = (type: string, body: Record<string, unknown>) =>
    out.push(structuredClone({ type, sequence_number: out.length, ...body }));
  const usage = events.find((event): event is Extract<WireEvent, { type: 'usage' }> => event.type === 'usage');
  const finalUsage = usage && {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  emit('response.created', { response: { ...response } });
  emit('response.in_progress', { response: { ...response } });
  let outputIndex = -1;
  let open: { kind: 'text' | 'reasoning'; item: Record<string, unknown>; text: string } | undefined;
  const close = () => {
    if (!open) return;
    const { item, text } = open;
    if (open.kind === 'text') {
      emit('response.output_text.done', { item_id: item.id, output_index: outputIndex, content_index: 0, text });
      emit('response.content_part.done', {
        item_id: item.id,
        output_index: outputIndex,
        content_index: 0,
        part: { type: 'output_text', text, annotations: [] },
      });
      item.content = [{ type: 'output_text', text, annotations: [] }];
      item.status = 'completed';
    } else {
      emit('response.reasoning_summary_text.done', {
        item_id: item.id,
        output_index: outputIndex,
        summary_index: 0,
        text,
      });
      emit('response.reasoning_summary_part.done', {
        item_id: item.id,
        output_index: outputIndex,
        summary_index: 0,
        part: { type: 'summary_text', text },
      });
      item.summary = [{ type: 'summary_text', text }];
    }
    emit('response.output_item.done', { output_index: outputIndex, item });
    response.output.push(item);
    open = undefined;
  };
  for (const event of events) {
    if (event.type === 'text') {
      if (open?.kind !== 'text') {
        close();
        const item = {
          id: `msg_${outputIndex + 2}`,
          type: 'message',
          role: 'assistant',
          status: 'in_progress',
          content: [],
        };
        emit('response.output_item.added', { output_index: ++outputIndex, item: { ...item } });
        emit('response.content_part.added', {
          item_id: item.id,
          output_index: outputIndex,
          content_index: 0,
          part: { type: 'output_text', text: '', annotations: [] },
        });
        open = { kind: 'text', item, text: '' };
      }
      open.text += event.text;
      emit('response.output_text.delta', {
        item_id: open.item.id,
        output_index: outputIndex,
        content_index: 0,
        delta: event.text,
      });
    } else if (event.type === 'reasoning') {
      if (open?.kind !== 'reasoning') {
        close();
        const item = {
          id: `rs_${outputIndex + 2}`,
          type: 'reasoning',
          summary: [],
          encrypted_content: event.signature ?? null,
        };
        emit('response.output_item.added', { output_index: ++outputIndex, item: { ...item } });
        emit('response.reasoning_summary_part.added', {
          item_id: item.id,
          output_index: outputIndex,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        });
        open = { kind: 'reasoning', item, text: '' };
      }
      open.text += event.text;
      // The signature is the item's encrypted_content; Responses sends no empty deltas.
      if (event.text)
        emit('response.reasoning_summary_text.delta', {
          item_id: open.item.id,
          output_index: outputIndex,
          summary_index: 0,
          delta: event.text,
        });
    } else if (event.type === 'tool-call') {
      close();
      const item = {
        id: `fc_${outputIndex + 2}`,
        type: 'function_call',
        status: 'in_progress',
        call_id: event.id,
        name: event.name,
        arguments: '',
      };
      emit('response.output_item.added', { output_index: ++outputIndex, item: { ...item } });
      for (const piece of event.arguments)
        emit('response.function_call_arguments.delta', { item_id: item.id, output_index: outputIndex, delta: piece });
      const done = { ...item, status: 'completed', arguments: event.arguments.join('') };
      emit('response.function_call_arguments.done', {
        item_id: item.id,
        output_index: outputIndex,
        arguments: done.arguments,
      });
      emit('response.output_item.done', { output_index: outputIndex, item: done });
      response.output.push(done);
    } else if (event.type === 'error') {
      close();
      emit('response.failed', {
        response: {
          ...response,
          status: 'failed',
          error: { code: event.code ?? 'server_error', message: event.message },
        },
      });
    } else if (event.type === 'finish') {
      close();
      if (event.reason === 'length')
        emit('response.incomplete', {
          response: {
            ...response,
            status: 'incomplete',
            usage: finalUsage ?? null,
            incomplete_details: { reason: 'max_output_tokens' },
          },
        });
      else emit('response.completed', { response: { ...response, status: 'completed', usage: finalUsage ?? null } });
    }
  }
  if (options.rotateItemIds) {
    let next = 0;
    for (const payload of out) {
      if (typeof payload.item_id === 'string') payload.item_id = `item_rotated_${++next}`;
      if (payload.item && typeof payload.item === 'object')
        payload.item = { ...(payload.item as object), id: `item_rotated_${++next}` };
    }
  }
  return out.map((payload) => JSON.stringify(payload));
}

/** As SSE with `event:` names, no `[DONE]`. */
export function responsesSse(events: WireEvent[], options: Parameters<typeof responsesPayloads>[1] = {}): string {
  return sseFromPayloads(responsesPayloads(events, options), { eventNames: true, done: false });
}
