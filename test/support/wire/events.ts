/**
 * One answer, independent of any wire: what the model says, in order. Each family's writer in this folder turns
 * a list of these into that family's wire format, so a test can say *what* streams and the writer knows *how*.
 */
export type WireEvent =
  /** One text delta (consecutive ones share a content block where the family has blocks). */
  | { type: 'text'; text: string }
  /** One reasoning delta; `signature` ends the reasoning block (Anthropic signature_delta, Bedrock, Gemini thoughtSignature). */
  | { type: 'reasoning'; text: string; signature?: string }
  /** A tool call whose arguments stream as these fragments (joined they are the JSON arguments). */
  | { type: 'tool-call'; id: string; name: string; arguments: string[] }
  | {
      type: 'usage';
      inputTokens: number;
      outputTokens: number;
      reasoningTokens?: number;
      cacheReadTokens?: number;
      cacheWriteTokens?: number;
    }
  | { type: 'finish'; reason: FinishReason }
  /** The service's error inside a 200 stream. */
  | { type: 'error'; message: string; code?: string }
  /** A keep-alive, where the family sends one (Anthropic ping); other writers ignore it. */
  | { type: 'ping' };

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter';

/** Text split into deltas: after each space, so a stream has many small pieces like a real one. */
export function textDeltas(text: string): Array<{ type: 'text'; text: string }> {
  return text.split(/(?<= )/).map((piece) => ({ type: 'text', text: piece }));
}

/** JSON arguments cut into `count` fragments at arbitrary places (inside strings and keys), as services stream them. */
export function argumentFragments(args: unknown, count = 4): string[] {
  const json = JSON.stringify(args);
  const size = Math.max(1, Math.ceil(json.length / count));
  const pieces: string[] = [];
  for (let offset = 0; offset < json.length; offset += size) pieces.push(json.slice(offset, offset + size));
  return pieces;
}

/** The text an answer streams (what a client must put together). */
export function textOf(events: WireEvent[]): string {
  return events.map((event) => (event.type === 'text' ? event.text : '')).join('');
}

/** The reasoning an answer streams. */
export function reasoningOf(events: WireEvent[]): string {
  return events.map((event) => (event.type === 'reasoning' ? event.text : '')).join('');
}

export function usageOf(events: WireEvent[]): Extract<WireEvent, { type: 'usage' }> | undefined {
  return events.find((event): event is Extract<WireEvent, { type: 'usage' }> => event.type === 'usage');
}

export function finishOf(events: WireEvent[]): FinishReason | undefined {
  return events.find((event): event is Extract<WireEvent, { type: 'finish' }> => event.type === 'finish')?.reason;
}
