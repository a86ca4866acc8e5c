import { createParser, type EventSourceMessage, type ParseError } from 'eventsource-parser';
import { MAX_EVENT_CHARS, tooLargeError } from './limits';

export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/** Decodes a byte stream as Server-Sent Events; tolerates CRLF and splits inside UTF-8 characters. */
export async function* readSse(
  body: AsyncIterable<Uint8Array>,
  provider = '',
  maxEventChars = MAX_EVENT_CHARS,
): AsyncGenerator<SseEvent> {
  for await (const batch of readSseBatches(body, provider, maxEventChars)) yield* batch;
}

/**
 * readSse, handing on every event completed by one network read together: one await per read instead of one per
 * event for the layer above (the stream parsers take these batches). An event (or a line without its newline)
 * longer than `maxEventChars` ends the stream with an `invalid-response` error: memory stays bounded.
 */
export async function* readSseBatches(
  body: AsyncIterable<Uint8Array>,
  provider = '',
  maxEventChars = MAX_EVENT_CHARS,
): AsyncGenerator<SseEvent[]> {
  const decoder = new TextDecoder('utf-8');
  let pending: SseEvent[] = [];
  let overflow = false;
  // The parser keeps an unfinished line as a list of pieces (joined once, when its newline comes): linear in the input.
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      pending.push({ event: message.event, data: message.data, id: message.id });
    },
    onError(error: ParseError) {
      if (error.type === 'max-buffer-size-exceeded') overflow = true;
    },
    maxBufferSize: maxEventChars,
  });
  const feed = (text: string): void => {
    parser.feed(text);
    if (overflow) throw tooLargeError(provider, 'An event in the stream', maxEventChars);
  };
  for await (const chunk of body) {
    feed(decoder.decode(chunk, { stream: true }));
    if (pending.length > 0) {
      const ready = pending;
      pending = [];
      yield ready;
    }
  }
  const rest = decoder.decode();
  if (rest) feed(rest);
  // A final event without its blank line still counts: servers that close right after `data:` lose nothing.
  feed('\n\n');
  if (pending.length > 0) yield pending;
}

/**
 * Decodes newline-delimited text (NDJSON): one non-empty line at a time, CRLF tolerated. Only each new chunk is
 * searched for a newline and an unfinished line is kept as pieces, so the work is linear however the input is
 * split; a line longer than `maxLineChars` ends the stream with an `invalid-response` error.
 */
export async function* readLines(
  body: AsyncIterable<Uint8Array>,
  provider = '',
  maxLineChars = MAX_EVENT_CHARS,
): AsyncGenerator<string> {
  for await (const batch of readLineBatches(body, provider, maxLineChars)) yield* batch;
}

/** readLines, handing on every line one network read completed together (never an empty array), as readSseBatches does. */
export async function* readLineBatches(
  body: AsyncIterable<Uint8Array>,
  provider = '',
  maxLineChars = MAX_EVENT_CHARS,
): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8');
  const pieces: string[] = [];
  let pieceChars = 0;
  const take = (text: string): string[] => {
    const lines: string[] = [];
    let start = 0;
    let newline: number;
    while ((newline = text.indexOf('\n', start)) >= 0) {
      pieces.push(text.slice(start, newline));
      const line = pieces.join('');
      pieces.length = 0;
      pieceChars = 0;
      start = newline + 1;
      if (line.length > maxLineChars) throw tooLargeError(provider, 'A line in the stream', maxLineChars);
      if (line.trim()) lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (start < text.length) {
      pieces.push(text.slice(start));
      pieceChars += text.length - start;
    }
    if (pieceChars > maxLineChars) throw tooLargeError(provider, 'A line in the stream', maxLineChars);
    return lines;
  };
  for await (const chunk of body) {
    const lines = take(decoder.decode(chunk, { stream: true }));
    if (lines.length > 0) yield lines;
  }
  const last = take(decoder.decode());
  const rest = pieces.join('');
  if (rest.trim()) last.push(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  if (last.length > 0) yield last;
}
