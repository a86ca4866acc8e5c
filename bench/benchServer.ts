/**
 * The fake provider server of the bench, run in its own process (`fork`) so that the bench process's CPU time
 * counts only the client under test. 127.0.0.1 only. Speaks each family's real wire format.
 */
import type { ServerResponse } from 'node:http';
import { startFakeServer, type RecordedRequest } from '../test/fakes/fakeServer';
import { replyError, writeInPieces } from '../test/fakes/wire';
import {
  FAMILIES,
  buildLongStream,
  recordedAnthropicSse,
  recordedOpenAISse,
  type Family,
  type LongStream,
} from './longStreams';

export interface ServerReady {
  type: 'ready';
  url: string;
  streams: Array<Omit<LongStream, 'bytes'> & { byteLength: number }>;
}

/** Uneven writes that split events and lines, as TCP reads do. */
const PIECES = [180, 420, 90, 1400, 260, 33, 700];

function familyOf(path: string): Family | undefined {
  if (path === '/v1/chat/completions') return 'openai';
  if (path === '/v1/messages') return 'anthropic';
  if (path === '/api/chat') return 'ollama';
  if (path.endsWith('/converse-stream')) return 'bedrock';
  if (path.includes(':streamGenerateContent')) return 'gemini';
  return undefined;
}

async function replayStream(response: ServerResponse, stream: LongStream): Promise<void> {
  response.writeHead(200, { 'content-type': stream.contentType });
  response.flushHeaders();
  await writeInPieces(response, stream.bytes, { chunkSizes: PIECES });
}

/** A short recorded answer: every event up to the first text in the first write, then the rest. */
async function replayShort(response: ServerResponse, sse: Buffer, firstTextEnd: number): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(sse.subarray(0, firstTextEnd));
  await writeInPieces(response, sse.subarray(firstTextEnd), { chunkSizes: [4096] });
}

/** The offset just after the `count`-th SSE event. */
function endOfEvent(sse: Buffer, count: number): number {
  let offset = 0;
  for (let index = 0; index < count; index++) offset = sse.indexOf('\n\n', offset) + 2;
  return offset;
}

async function main(): Promise<void> {
  const streams = new Map<Family, LongStream>(FAMILIES.map((family) => [family, buildLongStream(family)]));
  const shortSse = Buffer.from(recordedOpenAISse());
  const secondEvent = endOfEvent(shortSse, 2);
  const anthropicSse = Buffer.from(recordedAnthropicSse());
  const anthropicSecondEvent = endOfEvent(anthropicSse, 4); // message_start, content_block_start, ping, first text
  const counts: Record<string, number> = {};

  const server = await startFakeServer(async (request: RecordedRequest, response: ServerResponse) => {
    const path = request.url.split('?')[0];
    const prefix = path.split('/')[1] ?? '';
    counts[prefix] = (counts[prefix] ?? 0) + 1;
    if (path === '/__stats') return replyError(response, 200, counts);
    // Google's OAuth token endpoint, for the Vertex client's service-account JWT.
    if (path === '/token')
      return replyError(response, 200, { access_token: 'bench-access-token', expires_in: 3600, token_type: 'Bearer' });
    if (prefix === 'limited')
      return replyError(
        response,
        429,
        { error: { message: 'Rate limit reached', type: 'rate_limit_error' } },
        { 'retry-after': '30' },
      );
    if (prefix === 'many' && path.endsWith('/v1/messages'))
      return replayShort(response, anthropicSse, anthropicSecondEvent);
    if (prefix === 'short' || prefix === 'many' || prefix === 'mem')
      return replayShort(response, shortSse, secondEvent);
    const family = familyOf(path);
    if (family) return replayStream(response, streams.get(family)!);
    replyError(response, 404, { error: { message: `no bench route for ${request.method} ${path}` } });
  });
  // The fake server records every request body; the bench needs counts only.
  setInterval(() => server.requests.splice(0), 1000).unref();

  const ready: ServerReady = {
    type: 'ready',
    url: server.url,
    streams: [...streams.values()].map(({ bytes, ...rest }) => ({ ...rest, byteLength: bytes.length })),
  };
  process.send?.(ready);
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
}

void main();
