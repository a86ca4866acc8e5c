import { ProviderError } from '../../util/errors';
import type { SseEvent } from '../../util/sse';
import { parseToolArguments } from '../collect';
import { ToolCallBudget } from '../toolCallBudget';
import type { ChatEvent } from '../types';
import { anthropicStreamError } from './anthropicError';
import { mapAnthropicStopReason } from './mapAnthropicStopReason';
import { mapAnthropicUsage, mergeAnthropicUsage, type AnthropicUsage } from './mapAnthropicUsage';
import { nonEmpty } from '../jsonValues';

interface ToolBlock {
  id: string;
  name: string;
  json: string;
  /** `content_block_start.input` when it is not the usual empty object. */
  initialInput?: Record<string, unknown>;
}

interface StreamPayload {
  type?: string;
  index?: number;
  message?: { usage?: AnthropicUsage };
  content_block?: { type?: string; id?: string; name?: string; input?: unknown; text?: string; thinking?: string; signature?: string };
  delta?: { type?: string; text?: string; partial_json?: string; thinking?: string; signature?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
}

function invalid(provider: string, message: string, cause?: unknown): ProviderError {
  return new ProviderError({ kind: 'invalid-response', slot: provider, message, cause });
}

/**
 * Anthropic Messages SSE events → ChatEvents. Text and thinking stream as deltas; a tool call is emitted whole
 * at its `content_block_stop` with parsed arguments; usage then finish at `message_stop`.
 * Throws a typed ProviderError for in-stream `error` events, malformed JSON and a stream cut before `message_stop`.
 * Shared by the Anthropic client and Claude on Vertex.
 */
/** A string field, or undefined when the server sent something else: events always carry strings. */
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export async function* parseAnthropicStream(batches: AsyncIterable<readonly SseEvent[]>, slotId: string): AsyncGenerator<ChatEvent> {
  const tools = new Map<number, ToolBlock>();
  const budget = new ToolCallBudget(slotId);
  let usage: AnthropicUsage = {};
  let stopReason: string | null | undefined;
  for await (const batch of batches) for (const event of batch) {
    if (!event.data || event.data === '[DONE]') continue;
    let payload: StreamPayload;
    try {
      payload = JSON.parse(event.data) as StreamPayload;
    } catch (error) {
      throw invalid(slotId, `Anthropic sent a malformed stream event${event.event ? ` (${event.event})` : ''}`, error);
    }
    if (!payload || typeof payload !== 'object') throw invalid(slotId, 'Anthropic sent a stream event that is not an object');
    const type = payload.type ?? event.event;
    switch (type) {
      case 'message_start':
        usage = mergeAnthropicUsage(usage, payload.message?.usage);
        break;
      case 'content_block_start': {
        const block = payload.content_block;
        const index = payload.index ?? -1;
        if (block?.type === 'tool_use') {
          budget.start();
          const input = block.input && typeof block.input === 'object' && !Array.isArray(block.input) ? (block.input as Record<string, unknown>) : undefined;
          tools.set(index, {
            id: str(block.id) ?? `toolu_${index}`,
            name: str(block.name) ?? '',
            json: '',
            initialInput: input && Object.keys(input).length > 0 ? input : undefined,
          });
        } else if (block?.type === 'text' && nonEmpty(block.text)) {
          yield { type: 'text-delta', text: block.text };
        } else if (block?.type === 'thinking' && (str(block.thinking) || str(block.signature))) {
          yield { type: 'reasoning-delta', text: str(block.thinking) ?? '', ...(nonEmpty(block.signature) ? { signature: block.signature } : {}) };
        }
        break;
      }
      case 'content_block_delta': {
        const delta = payload.delta;
        if (delta?.type === 'text_delta' && nonEmpty(delta.text)) yield { type: 'text-delta', text: delta.text };
        else if (delta?.type === 'thinking_delta' && nonEmpty(delta.thinking)) yield { type: 'reasoning-delta', text: delta.thinking };
        else if (delta?.type === 'signature_delta' && nonEmpty(delta.signature)) yield { type: 'reasoning-delta', text: '', signature: delta.signature };
        else if (delta?.type === 'input_json_delta') {
          const tool = tools.get(payload.index ?? -1);
          if (tool) {
            tool.json += str(delta.partial_json) ?? '';
            budget.checkArguments(tool.json.length, tool.name);
          }
        }
        break;
      }
      case 'content_block_stop': {
        const index = payload.index ?? -1;
        const tool = tools.get(index);
        if (!tool) break;
        tools.delete(index);
        const parsed = tool.json.trim() ? parseToolArguments(tool.json) : (tool.initialInput ?? {});
        if (!parsed) throw invalid(slotId, `Anthropic sent unparsable arguments for the tool call ${tool.name}`);
        yield { type: 'tool-call', id: tool.id, name: tool.name, arguments: budget.checkDepth(parsed, tool.name) };
        break;
      }
      case 'message_delta':
        usage = mergeAnthropicUsage(usage, payload.usage);
        if (payload.delta && typeof payload.delta === 'object' && 'stop_reason' in payload.delta) stopReason = str(payload.delta.stop_reason) ?? null;
        break;
      case 'message_stop':
        yield { type: 'usage', ...mapAnthropicUsage(usage) };
        yield { type: 'finish', reason: mapAnthropicStopReason(stopReason), ...(stopReason ? { rawReason: stopReason } : {}) };
        return;
      case 'error':
        throw anthropicStreamError(payload, slotId);
      default:
        // `ping` and event types added later are ignored.
        break;
    }
  }
  throw invalid(slotId, 'The Anthropic stream ended before message_stop (truncated)');
}
