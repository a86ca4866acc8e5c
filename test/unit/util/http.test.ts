import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { createHttpClient } from '../../../src/util/http';
import { ProviderError, parseRetryAfter, kindForStatus } from '../../../src/util/errors';
import { readLines, readSse, readSseBatches } from '../../../src/util/sse';
import { eventually, startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { replaySse, writeInPieces } from '../../fakes/wire';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function expectProviderError(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected ProviderError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a ProviderError');
}

describe('http client', () => {
  let server: FakeServer;
  const http = createHttpClient({ connectTimeoutMs: 500, firstByteTimeoutMs: 300, idleTimeoutMs: 200 });
  beforeEach(async () => (server = await startFakeServer()));
  afterEach(async () => server.close());
  after(() => http.close());

  it('maps a refused connection to a network error naming the origin only', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const error = await expectProviderError(
      http.request({ method: 'GET', url: `http://127.0.0.1:${port}/v1/x?key=secret-value`, provider: 'p' }),
    );
    assert.equal(error.kind, 'network');
    assert.equal(error.slot, 'p');
    assert.doesNotMatch(error.message, /secret-value/);
  });

  it('maps a reset before headers to a network error', async () => {
    server.route('GET', '/reset', (_req, res) => void res.socket?.destroy());
    const error = await expectProviderError(http.request({ method: 'GET', url: `${server.url}/reset`, provider: 'p' }));
    assert.equal(error.kind, 'network');
  });

  it('times out when no headers arrive (first-byte timeout)', async () => {
    server.route('GET', '/stall', () => undefined);
    const error = await expectProviderError(http.request({ method: 'GET', url: `${server.url}/stall`, provider: 'p' }));
    assert.equal(error.kind, 'timeout');
  });

  it('keeps an answer that reached the socket in time when a stalled event loop runs the first-byte timer before reading it', async () => {
    const quick = createHttpClient({ firstByteTimeoutMs: 100 });
    try {
      server.route('GET', '/late-loop', (_req, res) => {
        // The check phase runs after this poll: answer (the bytes go to the socket at once), then hold the loop past
        // the client's deadline, so the next turn runs its timer before it polls the waiting answer.
        setImmediate(() => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('in time');
          const until = Date.now() + 250;
          while (Date.now() < until) {
            // busy: a starved event loop
          }
        });
      });
      const response = await quick.request({ method: 'GET', url: `${server.url}/late-loop`, provider: 'p' });
      assert.equal(response.status, 200);
      assert.equal(await response.text(), 'in time');
    } finally {
      quick.close();
    }
  });

  it('times out when the body goes silent (idle timeout) and keeps what arrived', async () => {
    server.route('GET', '/idle', async (_req, res) => {
      res.writeHead(200);
      await writeInPieces(res, Buffer.from('data: one\n\ndata: two\n\n'), { stallAfterBytes: 11 });
    });
    const response = await http.request({ method: 'GET', url: `${server.url}/idle`, provider: 'p' });
    const events: string[] = [];
    const error = await expectProviderError(
      (async () => {
        for await (const event of readSse(response.body)) events.push(event.data);
      })(),
    );
    assert.equal(error.kind, 'timeout');
    assert.deepEqual(events, ['one']);
  });

  it('closes the socket at once when the caller aborts mid-stream', async () => {
    let closed = false;
    server.route('GET', '/long', async (_req, res) => {
      res.on('close', () => (closed = true));
      res.writeHead(200);
      res.write('data: first\n\n');
    });
    const controller = new AbortController();
    const response = await http.request({
      method: 'GET',
      url: `${server.url}/long`,
      provider: 'p',
      signal: controller.signal,
    });
    const iterator = readSse(response.body)[Symbol.asyncIterator]();
    assert.equal((await iterator.next()).value?.data, 'first');
    const pending = iterator.next();
    controller.abort();
    const error = await expectProviderError(pending);
    assert.equal(error.kind, 'cancelled');
    await eventually(() => closed && server.openSockets() === 0, 1000, 'the server to see the socket close');
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await expectProviderError(
      http.request({ method: 'GET', url: `${server.url}/x`, provider: 'p', signal: controller.signal }),
    );
    assert.equal(error.kind, 'cancelled');
    assert.equal(server.requests.length, 0);
  });
});

describe('SSE and NDJSON readers', () => {
  let server: FakeServer;
  const http = createHttpClient();
  beforeEach(async () => (server = await startFakeServer()));
  afterEach(async () => server.close());
  after(() => http.close());

  for (const crlf of [false, true]) {
    it(`decodes events split inside UTF-8 characters and ${crlf ? 'CRLF' : 'LF'} line ends`, async () => {
      const payloads = ['{"t":"héllo wörld"}', '{"t":"日本語のテキスト"}', '{"t":"emoji 🚀🔥 end"}'];
      const eol = crlf ? '\r\n' : '\n';
      const body = payloads.map((p) => `event: chunk${eol}data: ${p}${eol}${eol}`).join('');
      server.route('GET', '/sse', (_req, res) => replaySse(res, body, { chunkSizes: [1, 2, 3, 5] }));
      const response = await http.request({ method: 'GET', url: `${server.url}/sse`, provider: 'p' });
      const events = await collect(readSse(response.body));
      assert.deepEqual(
        events.map((e) => e.data),
        payloads,
      );
      assert.deepEqual(
        events.map((e) => e.event),
        ['chunk', 'chunk', 'chunk'],
      );
    });
  }

  it('hands on the events one read completes together, and an event split across reads with the read that ends it', async () => {
    async function* reads(): AsyncGenerator<Uint8Array> {
      const text = new TextEncoder();
      yield text.encode('data: 1\n\ndata: 2\n\ndata: 3');
      yield text.encode('\n\n');
      yield text.encode('data: 4');
    }
    const batches: string[][] = [];
    for await (const batch of readSseBatches(reads())) batches.push(batch.map((event) => event.data));
    assert.deepEqual(batches, [['1', '2'], ['3'], ['4']], 'the last event, left without its blank line, still counts');
  });

  it('splits NDJSON lines across uneven writes', async () => {
    const lines = ['{"a":"ä"}', '{"b":"🚀"}', '{"done":true}'];
    server.route('GET', '/nd', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      await writeInPieces(res, Buffer.from(lines.join('\r\n') + '\n'), { chunkSizes: [1, 4, 2] });
    });
    const response = await http.request({ method: 'GET', url: `${server.url}/nd`, provider: 'p' });
    assert.deepEqual(await collect(readLines(response.body)), lines);
  });
});

describe('error typing', () => {
  it('reads Retry-After as seconds, HTTP date and retry-after-ms', () => {
    const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter(headers({ 'retry-after': '7' }), now), 7000);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '1.5' }), now), 1500);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now), 30_000);
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now), 250);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(parseRetryAfter(headers({}), now), undefined);
  });

  it('types statuses the way the router needs', () => {
    const kinds = [400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 529].map(
      (status) => `${status}:${kindForStatus(status)}`,
    );
    assert.deepEqual(kinds, [
      '400:bad-request',
      '401:auth',
      '403:auth',
      '404:not-found',
      '408:timeout',
      '409:server',
      '413:context-length',
      '422:bad-request',
      '429:rate-limit',
      '500:server',
      '502:server',
      '503:server',
      '529:overloaded',
    ]);
    const retriable = ['rate-limit', 'overloaded', 'timeout', 'network', 'server', 'auth'] as const;
    for (const kind of retriable)
      assert.equal(new ProviderError({ kind, slot: 'p', message: '' }).failsOver, true, kind);
    for (const kind of ['bad-request', 'cancelled', 'context-length'] as const)
      assert.equal(new ProviderError({ kind, slot: 'p', message: '' }).failsOver, false, kind);
  });
});
