import type { ServerResponse } from 'node:http';

export interface WriteOptions {
  /** Sizes of successive writes, cycled; default an uneven pattern that splits lines, CRLFs and UTF-8 characters. */
  chunkSizes?: number[];
  /** Pause between writes; 0 yields to the event loop so the client sees separate TCP reads. */
  delayMs?: number;
  /** Destroy the socket after this many bytes (a reset mid-stream). */
  resetAfterBytes?: number;
  /** Stop writing after this many bytes and hold the connection open (a stall). */
  stallAfterBytes?: number;
  /** End the response after this many bytes (a truncated stream). */
  truncateAfterBytes?: number;
}

const DEFAULT_SIZES = [1, 7, 3, 64, 2, 17, 5, 128, 11, 1, 33];

const sleep = (ms: number) => new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/** Writes `bytes` in small uneven pieces, flushing each, with optional faults. */
export async function writeInPieces(
  response: ServerResponse,
  bytes: Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const sizes = options.chunkSizes ?? DEFAULT_SIZES;
  let offset = 0;
  let index = 0;
  const limit = Math.min(
    bytes.length,
    options.resetAfterBytes ?? Infinity,
    options.stallAfterBytes ?? Infinity,
    options.truncateAfterBytes ?? Infinity,
  );
  while (offset < limit) {
    if (response.destroyed) return;
    const size = Math.min(sizes[index++ % sizes.length], limit - offset);
    response.write(Buffer.from(bytes.subarray(offset, offset + size)));
    offset += size;
    await sleep(options.delayMs ?? 0);
  }
  if (options.resetAfterBytes !== undefined && options.resetAfterBytes < bytes.length) {
    response.socket?.destroy();
    return;
  }
  if (options.stallAfterBytes !== undefined && options.stallAfterBytes < bytes.length) return;
  response.end();
}

/** SSE text for OpenAI-style chunks: `data: <json>` per line, then `data: [DONE]` unless `done` is false. */
export function sseFromPayloads(
  payloads: string[],
  options: { crlf?: boolean; done?: boolean; eventNames?: boolean } = {},
): string {
  const eol = options.crlf ? '\r\n' : '\n';
  let text = '';
  for (const payload of payloads) {
    if (options.eventNames) {
      const type = (JSON.parse(payload) as { type?: unknown }).type;
      if (typeof type === 'string' && type) text += `event: ${type}${eol}`;
    }
    text += `data: ${payload}${eol}${eol}`;
  }
  if (options.done !== false) text += `data: [DONE]${eol}${eol}`;
  return text;
}

/** One OpenAI chat.completion.chunk payload. */
export function openaiChunk(delta: Record<string, unknown>, finish: string | null = null): string {
  return JSON.stringify({
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
}

export function sseHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...extra,
  };
}

/** Answers with an SSE body written in pieces. */
export async function replaySse(
  response: ServerResponse,
  sse: string,
  options: WriteOptions & { headers?: Record<string, string> } = {},
): Promise<void> {
  response.writeHead(200, sseHeaders(options.headers));
  response.flushHeaders();
  await writeInPieces(response, Buffer.from(sse, 'utf8'), options);
}

/** Answers with a JSON error body and status. */
export function replyError(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}
