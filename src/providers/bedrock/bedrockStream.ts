import { ProviderError } from '../../util/errors';
import { headerText, type EventStreamMessage } from '../../util/eventStream';
import { parseToolArguments } from '../collect';
import { ToolCallBudget } from '../toolCallBudget';
import { tokenCount as count } from '../tokenCount';
import type { ChatEvent, Usage } from '../types';
import { bedrockStreamError } from './bedrockError';
import { mapBedrockStopReason } from './mapBedrockStopReason';
import { nonEmpty } from '../jsonValues';
import { flattenBatches, parseBatches, type BatchParser } from '../eventBatches';

interface BedrockUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

interface StreamPayload {
  contentBlockIndex?: number;
  start?: { toolUse?: { toolUseId?: string; name?: string } };
  delta?: {
    text?: string;
    toolUse?: { input?: string };
    reasoningContent?: { text?: string; signature?: string; redactedContent?: string };
  };
  stopReason?: string;
  usage?: BedrockUsage;
}

/**
 * Converse's `inputTokens` leaves out the tokens read from or written to the prompt cache (its `totalTokens`
 * counts them); ours counts the whole prompt, as the Anthropic mapping does, with the cache reads and writes
 * also given apart.
 */
export function mapBedrockUsage(usage: BedrockUsage): Usage {
  const cachedInputTokens = count(usage.cacheReadInputTokens);
  const cacheWriteInputTokens = count(usage.cacheWriteInputTokens);
  const uncached = count(usage.inputTokens);
  const inputTokens =
    uncached === undefined ? undefined : uncached + (cachedInputTokens ?? 0) + (cacheWriteInputTokens ?? 0);
  const outputTokens = count(usage.outputTokens);
  const totalTokens = count(usage.totalTokens);
  return {
    ...(inputTokens !== undefined ? { inputTokens } : {}),
    ...(outputTokens !== undefined ? { outputTokens } : {}),
    ...(totalTokens !== undefined ? { totalTokens } : {}),
    ...(cachedInputTokens !== undefined ? { cachedInputTokens } : {}),
    ...(cacheWriteInputTokens !== undefined ? { cacheWriteInputTokens } : {}),
  };
}

const utf8 = new TextDecoder('utf-8');

function invalid(provider: string, message: string, cause?: unknown): ProviderError {
  return new ProviderError({ kind: 'invalid-response', slot: provider, message, cause });
}

/** ConverseStream frames as a sync parser: one decoded frame in, its ChatEvents out. */
class BedrockStreamParser implements BatchParser<EventStreamMessage, ChatEvent> {
  private readonly tools = new Map<number, { id: string; name: string; input: string }>();
  private readonly budget: ToolCallBudget;
  private stopReason: string | undefined;

  constructor(private readonly provider: string) {
    this.budget = new ToolCallBudget(provider);
  }

  take(message: EventStreamMessage, out: ChatEvent[]): boolean {
    const messageType = headerText(message, ':message-type') ?? 'event';
    const payloadText = utf8.decode(message.payload);
    if (messageType === 'exception') {
      throw bedrockStreamError(
        headerText(message, ':exception-type') ?? 'unknownException',
        payloadText,
        this.provider,
      );
    }
    if (messageType === 'error') {
      const code = headerText(message, ':error-code') ?? 'unknownError';
      throw bedrockStreamError(
        code,
        JSON.stringify({ message: headerText(message, ':error-message') ?? payloadText }),
        this.provider,
      );
    }
    const eventType = headerText(message, ':event-type');
    let payload: StreamPayload;
    try {
      payload = (payloadText ? JSON.parse(payloadText) : {}) as StreamPayload;
    } catch (error) {
      throw invalid(this.provider, `Bedrock sent a ${eventType ?? 'stream'} event that is not JSON`, error);
    }
    if (!payload || typeof payload !== 'object')
      throw invalid(this.provider, `Bedrock sent a ${eventType ?? 'stream'} event that is not an object`);
    const index = count(payload.contentBlockIndex) ?? 0;
    switch (eventType) {
      case 'contentBlockStart': {
        const toolUse = payload.start?.toolUse;
        if (toolUse && typeof toolUse === 'object') {
          this.budget.start();
          this.tools.set(index, {
            id: nonEmpty(toolUse.toolUseId) ? toolUse.toolUseId : `call_${index}`,
            name: nonEmpty(toolUse.name) ? toolUse.name : '',
            input: '',
          });
        }
        break;
      }
      case 'contentBlockDelta': {
        const delta = payload.delta && typeof payload.delta === 'object' ? payload.delta : {};
        if (typeof delta.text === 'string' && delta.text) out.push({ type: 'text-delta', text: delta.text });
        const reasoning = delta.reasoningContent;
        if (nonEmpty(reasoning?.text)) out.push({ type: 'reasoning-delta', text: reasoning.text });
        if (nonEmpty(reasoning?.signature))
          out.push({ type: 'reasoning-delta', text: '', signature: reasoning.signature });
        if (typeof delta.toolUse?.input === 'string') {
          const tool = this.tools.get(index);
          if (!tool)
            throw invalid(
              this.provider,
              `Bedrock streamed tool input for block ${index} without its contentBlockStart`,
            );
          tool.input += delta.toolUse.input;
          this.budget.checkArguments(tool.input.length, tool.name);
        }
        break;
      }
      case 'contentBlockStop': {
        const tool = this.tools.get(index);
        if (tool) {
          this.tools.delete(index);
          const args = parseToolArguments(tool.input);
          if (!args) throw invalid(this.provider, `Bedrock sent invalid JSON arguments for tool "${tool.name}"`);
          out.push({
            type: 'tool-call',
            id: tool.id,
            name: tool.name,
            arguments: this.budget.checkDepth(args, tool.name),
          });
        }
        break;
      }
      case 'messageStop':
        this.stopReason = nonEmpty(payload.stopReason) ? payload.stopReason : 'end_turn';
        break;
      case 'metadata':
        if (payload.usage && typeof payload.usage === 'object')
          out.push({ type: 'usage', ...mapBedrockUsage(payload.usage) });
        break;
      default:
        // messageStart and event types added later carry nothing we emit.
        break;
    }
    return false;
  }

  end(out: ChatEvent[]): void {
    const { stopReason } = this;
    if (stopReason === undefined)
      throw invalid(this.provider, 'The Bedrock stream ended before messageStop (truncated)');
    out.push({ type: 'finish', reason: mapBedrockStopReason(stopReason), rawReason: stopReason });
  }
}

/**
 * Decoded ConverseStream frames → ChatEvents, in batches (one per batch of frames: those of one network read,
 * from readEventStreamBatches). Text and reasoning stream as deltas; a tool call is emitted whole at its
 * `contentBlockStop`; usage at `metadata`; finish once the stream ends after `messageStop` (the recordings put
 * `metadata` on either side of it). `exception`/`error` frames become typed errors.
 */
export function parseBedrockStreamBatches(
  batches: AsyncIterable<readonly EventStreamMessage[]>,
  provider: string,
): AsyncGenerator<ChatEvent[]> {
  return parseBatches(batches, new BedrockStreamParser(provider));
}

/** parseBedrockStreamBatches, one event at a time. */
export function parseBedrockStream(
  batches: AsyncIterable<readonly EventStreamMessage[]>,
  provider: string,
): AsyncGenerator<ChatEvent> {
  return flattenBatches(parseBedrockStreamBatches(batches, provider));
}
