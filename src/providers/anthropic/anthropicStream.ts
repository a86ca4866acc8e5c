import { ProviderError } from '../../util/errors';
import type { SseEvent } from '../../util/sse';
import { parseToolArguments } from '../collect';
import { ToolCallBudget } from '../toolCallBudget';
import type { ChatEvent } from '../types';
import { anthropicStreamError } from './anthropicError';
import { mapAnthropicStopReason } from './mapAnthropicStopReason';
import { mapAnthropicUsage, mergeAnthropicUsage, type AnthropicUsage } from './mapAnthropicUsage';
import { nonEmpty } from '../jsonValues';
import { flattenBatches, parseBatches, type BatchParser } from '../eventBatches';

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
  content_block?: {
    type?: string;
    id?: string;
    name?: string;
    input?: unknown;
    text?: string;
    thinking?: string;
    signature?: string;
  };
  delta?: {
    type?: string;
    text?: string;
    partial_json?: string;
    thinking?: string;
    signature?: string;
    stop_reason?: string | null;
  };
  usage?: AnthropicUsage;
}

function invalid(provider: string, message: string, cause?: unknown): ProviderError {
  return new ProviderError({ kind: 'invalid-response', slot: provider, message, cause });
}

/** A string field, or undefined when the server sent something else: events always carry strings. */
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The Messages stream as a sync parser: one SSE event in, its ChatEvents out; complete at `message_stop`. */
class AnthropicStreamParser implements BatchParser<SseEvent, ChatEvent> {
  private readonly tools = new Map<number, ToolBlock>();
  private readonly budget: ToolCallBudget;
  private usage: AnthropicUsage = {};
  private stopReason: string | null | undefined;
  private stopped = false;

  constructor(private readonly slotId: string) {
    this.budget = new ToolCallBudget(slotId);
  }

  take(event: SseEvent, out: ChatEvent[]): boolean {
    if (!event.data || event.data === '[DONE]') return false;
    let payload: StreamPayload;
    try {
      payload = JSON.parse(event.data) as StreamPayload;
    } catch (error) {
      throw invalid(
        this.slotId,
        `Anthropic sent a malformed stream event${event.event ? ` (${event.event})` : ''}`,
        error,
      );
    }
    if (!payload || typeof payload !== 'object')
      throw invalid(this.slotId, 'Anthropic sent a stream event that is not an object');
    switch (payload.type ?? event.event) {
      case 'message_start':
        this.usage = mergeAnthropicUsage(this.usage, payload.message?.usage);
        break;
      case 'content_block_start':
        this.blockStart(payload, out);
        break;
      case 'content_block_delta':
        this.blockDelta(payload, out);
        break;
      case 'content_block_stop':
        this.blockStop(payload, out);
        break;
      case 'message_delta':
        this.usage = mergeAnthropicUsage(this.usage, payload.usage);
        if (payload.delta && typeof payload.delta === 'object' && 'stop_reason' in payload.delta)
          this.stopReason = str(payload.delta.stop_reason) ?? null;
        break;
      case 'message_stop': {
        const { stopReason } = this;
        out.push({ type: 'usage', ...mapAnthropicUsage(this.usage) });
        out.push({
          type: 'finish',
          reason: mapAnthropicStopReason(stopReason),
          ...(stopReason ? { rawReason: stopReason } : {}),
        });
        this.stopped = true;
        return true;
      }
      case 'error':
        throw anthropicStreamError(payload, this.slotId);
      default:
        // `ping` and event types added later are ignored.
        break;
    }
    return false;
  }

  end(): void {
    if (!this.stopped) throw invalid(this.slotId, 'The Anthropic stream ended before message_stop (truncated)');
  }

  private blockStart(payload: StreamPayload, out: ChatEvent[]): void {
    const block = payload.content_block;
    const index = payload.index ?? -1;
    if (block?.type === 'tool_use') {
      this.budget.start();
      const input =
        block.input && typeof block.input === 'object' && !Array.isArray(block.input)
          ? (block.input as Record<string, unknown>)
          : undefined;
      this.tools.set(index, {
        id: str(block.id) ?? `toolu_${index}`,
        name: str(block.name) ?? '',
        json: '',
        initialInput: input && Object.keys(input).length > 0 ? input : undefined,
      });
    } else if (block?.type === 'text' && nonEmpty(block.text)) {
      out.push({ type: 'text-delta', text: block.text });
    } else if (block?.type === 'thinking' && (str(block.thinking) || str(block.signature))) {
      out.push({
        type: 'reasoning-delta',
        text: str(block.thinking) ?? '',
        ...(nonEmpty(block.signature) ? { signature: block.signature } : {}),
      });
    }
  }

  private blockDelta(payload: StreamPayload, out: ChatEvent[]): void {
    const delta = payload.delta;
    if (delta?.type === 'text_delta' && nonEmpty(delta.text)) out.push({ type: 'text-delta', text: delta.text });
    else if (delta?.type === 'thinking_delta' && nonEmpty(delta.thinking))
      out.push({ type: 'reasoning-delta', text: delta.thinking });
    else if (delta?.type === 'signature_delta' && nonEmpty(delta.signature))
      out.push({ type: 'reasoning-delta', text: '', signature: delta.signature });
    else if (delta?.type === 'input_json_delta') {
      const tool = this.tools.get(payload.index ?? -1);
      if (tool) {
        tool.json += str(delta.partial_json) ?? '';
        this.budget.checkArguments(tool.json.length, tool.name);
      }
    }
  }

  private blockStop(payload: StreamPayload, out: ChatEvent[]): void {
    const index = payload.index ?? -1;
    const tool = this.tools.get(index);
    if (!tool) return;
    this.tools.delete(index);
    const parsed = tool.json.trim() ? parseToolArguments(tool.json) : (tool.initialInput ?? {});
    if (!parsed) throw invalid(this.slotId, `Anthropic sent unparsable arguments for the tool call ${tool.name}`);
    out.push({ type: 'tool-call', id: tool.id, name: tool.name, arguments: this.budget.checkDepth(parsed, tool.name) });
  }
}

/**
 * Anthropic Messages SSE events → ChatEvents, in batches (one per SSE batch). Text and thinking stream as deltas;
 * a tool call is emitted whole at its `content_block_stop` with parsed arguments; usage then finish at
 * `message_stop`. Throws a typed ProviderError for in-stream `error` events, malformed JSON and a stream cut before
 * `message_stop`. Shared by the Anthropic client and Claude on Vertex.
 */
export function parseAnthropicStreamBatches(
  batches: AsyncIterable<readonly SseEvent[]>,
  slotId: string,
): AsyncGenerator<ChatEvent[]> {
  return parseBatches(batches, new AnthropicStreamParser(slotId));
}

/** parseAnthropicStreamBatches, one event at a time. */
export function parseAnthropicStream(
  batches: AsyncIterable<readonly SseEvent[]>,
  slotId: string,
): AsyncGenerator<ChatEvent> {
  return flattenBatches(parseAnthropicStreamBatches(batches, slotId));
}
