import type { SseEvent } from '../../util/sse';
import { parseToolArguments } from '../collect';
import { ToolCallBudget } from '../toolCallBudget';
import { invalidResponse } from '../openaiCompatible/openaiError';
import type { ChatEvent, FinishReason } from '../types';
import { mapResponsesIncompleteReason, mapResponsesUsage } from './mapResponsesUsage';
import { responsesStreamError } from './responsesError';
import { isObject, nonEmpty, tryParseJson, type Json } from '../jsonValues';
import { flattenBatches, parseBatches, type BatchParser } from '../eventBatches';

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A part index as the stream sends it (a number; a string is tolerated); anything else is not one. */
function partIndex(value: unknown): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

/** One function call being assembled, keyed by `output_index` (Copilot rotates `item_id` on every event). */
interface PendingCall {
  callId?: string;
  name?: string;
  arguments: string;
  emitted: boolean;
}

/** The Responses stream as a sync parser: one SSE event in, its ChatEvents out; complete at a terminal event. */
function responsesParser(provider: string): BatchParser<SseEvent, ChatEvent> {
  const calls = new Map<number, PendingCall>();
  const budget = new ToolCallBudget(provider);
  /** The pending call at `index`, counted against the budget when it is new. */
  const callAt = (index: number): PendingCall => {
    const existing = calls.get(index);
    if (existing) return existing;
    budget.start();
    const created: PendingCall = { arguments: '', emitted: false };
    calls.set(index, created);
    return created;
  };
  let callsEmitted = 0;
  let lastReasoningKey: string | undefined;

  let complete = false;

  function emitCall(out: ChatEvent[], index: number, item?: Json): void {
    const pending = callAt(index);
    if (pending.emitted) return;
    const id = str(item?.call_id) ?? pending.callId;
    const name = str(item?.name) ?? pending.name;
    const text = nonEmpty(item?.arguments) ? item.arguments : pending.arguments;
    const args = parseToolArguments(text);
    if (!id || !name)
      throw invalidResponse(provider, `A function call at output ${index} has no ${id ? 'name' : 'call_id'}`);
    if (!args)
      throw invalidResponse(
        provider,
        `The arguments of function call ${name} are not a JSON object (${text.length} characters)`,
      );
    pending.emitted = true;
    callsEmitted++;
    out.push({ type: 'tool-call', id, name, arguments: budget.checkDepth(args, name) });
  }

  function finish(out: ChatEvent[], response: unknown, reason: FinishReason, rawReason: string): true {
    for (const [index, pending] of calls) if (!pending.emitted) emitCall(out, index);
    const usage = mapResponsesUsage(isObject(response) ? response.usage : undefined);
    if (usage) out.push({ type: 'usage', ...usage });
    out.push({ type: 'finish', reason: reason === 'stop' && callsEmitted > 0 ? 'tool-calls' : reason, rawReason });
    complete = true;
    return true;
  }

  function take(event: SseEvent, out: ChatEvent[]): boolean {
    const data = event.data.trim();
    if (event.event === 'error') throw responsesStreamError(tryParseJson(data), data, provider);
    if (data === '[DONE]') return true;
    if (!data) return false;
    const chunk = tryParseJson(data);
    if (!isObject(chunk))
      throw invalidResponse(
        provider,
        `Malformed event in the stream (${data.length} characters that are not a JSON object)`,
      );
    const type = str(chunk.type) ?? event.event;
    const index = typeof chunk.output_index === 'number' ? chunk.output_index : -1;
    switch (type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        if (nonEmpty(chunk.delta)) out.push({ type: 'text-delta', text: chunk.delta });
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta': {
        if (!nonEmpty(chunk.delta)) break;
        // A new summary part (or reasoning item) starts a new paragraph, as the parts are shown apart.
        // Never String() a parsed object: `{"toString":1}` makes that throw a TypeError.
        const key = `${index}:${partIndex(chunk.summary_index) ?? partIndex(chunk.content_index) ?? 0}`;
        const separator = lastReasoningKey !== undefined && lastReasoningKey !== key ? '\n\n' : '';
        lastReasoningKey = key;
        out.push({ type: 'reasoning-delta', text: separator + chunk.delta });
        break;
      }
      case 'response.output_item.added':
        if (isObject(chunk.item) && chunk.item.type === 'function_call') {
          Object.assign(callAt(index), {
            callId: str(chunk.item.call_id),
            name: str(chunk.item.name),
            arguments: str(chunk.item.arguments) ?? '',
            emitted: false,
          });
        }
        break;
      case 'response.function_call_arguments.delta': {
        const pending = callAt(index);
        pending.arguments += str(chunk.delta) ?? '';
        budget.checkArguments(pending.arguments.length, pending.name);
        break;
      }
      case 'response.function_call_arguments.done': {
        const pending = callAt(index);
        if (typeof chunk.arguments === 'string') pending.arguments = chunk.arguments;
        break;
      }
      case 'response.output_item.done':
        if (isObject(chunk.item) && chunk.item.type === 'function_call') emitCall(out, index, chunk.item);
        break;
      case 'response.completed':
        return finish(out, chunk.response, 'stop', 'completed');
      case 'response.incomplete': {
        const response = isObject(chunk.response) ? chunk.response : {};
        const reason = str(isObject(response.incomplete_details) ? response.incomplete_details.reason : undefined);
        return finish(out, response, mapResponsesIncompleteReason(reason), reason ?? 'incomplete');
      }
      case 'response.failed':
      case 'error':
        throw responsesStreamError(chunk, data, provider);
      default:
        if (chunk.error !== undefined && chunk.error !== null) throw responsesStreamError(chunk, data, provider);
    }
    return false;
  }
  return {
    take,
    end() {
      if (!complete)
        throw invalidResponse(
          provider,
          'The stream ended early: no response.completed, response.incomplete or response.failed',
        );
    },
  };
}

/**
 * Responses API SSE → ChatEvents. Text (`response.output_text.delta`, refusals) and reasoning
 * (`response.reasoning_summary_text.delta`, `response.reasoning_text.delta`) stream as they come; a function call
 * is assembled from `response.output_item.added` and the argument deltas of the same `output_index` and emitted
 * whole at `response.output_item.done`. The terminal event gives usage and finish: `response.completed` (stop, or
 * tool-calls after a function call), `response.incomplete` (length, content-filter). `response.failed`, `error`
 * events and a stream that ends before a terminal event throw typed ProviderErrors.
 */
export function parseResponsesStreamBatches(
  batches: AsyncIterable<readonly SseEvent[]>,
  provider: string,
): AsyncGenerator<ChatEvent[]> {
  return parseBatches(batches, responsesParser(provider));
}

/** parseResponsesStreamBatches, one event at a time. */
export function parseResponsesStream(
  batches: AsyncIterable<readonly SseEvent[]>,
  provider: string,
): AsyncGenerator<ChatEvent> {
  return flattenBatches(parseResponsesStreamBatches(batches, provider));
}
