import { eventMessage, exceptionMessage } from './awsEventStream';
import type { FinishReason, WireEvent } from './events';

/**
 * Bedrock ConverseStream events (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html,
 * checked 2026-12-05): messageStart → per block contentBlockStart (tool use only) / contentBlockDelta (text,
 * reasoningContent.text then reasoningContent.signature, toolUse.input string fragments) / contentBlockStop →
 * messageStop (stopReason) → metadata (usage, metrics). A failure after the 200 is an exception message.
 */
const STOP: Record<FinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
  'content-filter': 'content_filtered',
};

/** The decoded events, one `{"<eventType>": payload}` JSON per line (the shape vercel/ai's recordings use). */
export function bedrockEventLines(events: WireEvent[]): string[] {
  const lines: Array<Record<string, unknown>> = [{ messageStart: { role: 'assistant' } }];
  let index = -1;
  let open: 'text' | 'reasoning' | 'tool-call' | undefined;
  const close = () => {
    if (open) lines.push({ contentBlockStop: { contentBlockIndex: index } });
    open = undefined;
  };
  const delta = (body: unknown) => lines.push({ contentBlockDelta: { contentBlockIndex: index, delta: body } });
  let usage: Extract<WireEvent, { type: 'usage' }> | undefined;
  for (const event of events) {
    if (event.type === 'text') {
      if (open !== 'text') {
        close();
        index++;
        open = 'text';
      }
      delta({ text: event.text });
    } else if (event.type === 'reasoning') {
      if (open !== 'reasoning') {
        close();
        index++;
        open = 'reasoning';
      }
      delta({ reasoningContent: { text: event.text } });
      if (event.signature !== undefined) {
        delta({ reasoningContent: { signature: event.signature } });
        close();
      }
    } else if (event.type === 'tool-call') {
      close();
      open = 'tool-call';
      lines.push({
        contentBlockStart: {
          contentBlockIndex: ++index,
          start: { toolUse: { toolUseId: event.id, name: event.name } },
        },
      });
      for (const piece of event.arguments) delta({ toolUse: { input: piece } });
    } else if (event.type === 'usage') usage = event;
    else if (event.type === 'error') lines.push({ [event.code ?? 'throttlingException']: { message: event.message } });
    else if (event.type === 'finish') {
      close();
      lines.push({ messageStop: { stopReason: STOP[event.reason] } });
    }
  }
  close();
  if (usage) {
    const cache = {
      ...(usage.cacheReadTokens ? { cacheReadInputTokens: usage.cacheReadTokens } : {}),
      ...(usage.cacheWriteTokens ? { cacheWriteInputTokens: usage.cacheWriteTokens } : {}),
    };
    lines.push({
      metadata: {
        usage: {
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          totalTokens: usage.inputTokens + usage.outputTokens,
          ...cache,
        },
        metrics: { latencyMs: 412 },
      },
    });
  }
  return lines.map((line) => JSON.stringify(line));
}

const EXCEPTIONS = new Set([
  'internalServerException',
  'modelStreamErrorException',
  'validationException',
  'throttlingException',
  'serviceUnavailableException',
]);

/** Decoded lines framed as event-stream messages (an exception name as key becomes an exception message). */
export function bedrockFrames(lines: string[]): Buffer[] {
  return lines.map((line) => {
    const [type, value] = Object.entries(JSON.parse(line) as Record<string, { message?: string }>)[0];
    return EXCEPTIONS.has(type) ? exceptionMessage(type, value.message ?? '') : eventMessage(type, value);
  });
}

/** The whole ConverseStream body for `events`. */
export function bedrockStream(events: WireEvent[]): Buffer {
  return Buffer.concat(bedrockFrames(bedrockEventLines(events)));
}

/** The non-streaming Converse response body for `events` (output.message.content blocks, stopReason, usage, metrics). */
export function bedrockConverseBody(events: WireEvent[]): string {
  const content: unknown[] = [];
  let text = '';
  const flush = () => {
    if (text) content.push({ text });
    text = '';
  };
  let usage: Extract<WireEvent, { type: 'usage' }> | undefined;
  let finish: FinishReason = 'stop';
  for (const event of events) {
    if (event.type === 'text') text += event.text;
    else if (event.type === 'tool-call') {
      flush();
      content.push({ toolUse: { toolUseId: event.id, name: event.name, input: JSON.parse(event.arguments.join('')) } });
    } else if (event.type === 'usage') usage = event;
    else if (event.type === 'finish') finish = event.reason;
  }
  flush();
  const tokens = usage ?? { inputTokens: 0, outputTokens: 0 };
  return JSON.stringify({
    output: { message: { role: 'assistant', content } },
    stopReason: STOP[finish],
    usage: {
      inputTokens: tokens.inputTokens,
      outputTokens: tokens.outputTokens,
      totalTokens: tokens.inputTokens + tokens.outputTokens,
    },
    metrics: { latencyMs: 412 },
  });
}
