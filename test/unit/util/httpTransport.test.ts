import * as assert from 'node:assert/strict';
import * as nodeHttp from 'node:http';
import * as net from 'node:net';
import { createHttpClient } from '../../../src/util/http';
import { eventually, startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { writeInPieces } from '../../fakes/wire';
import { expectProviderError as providerError } from '../providers/openaiCompatible/openaiTestKit';

/** The transport under the HttpClient interface (node:http): what the router relies on beyond the basics. */

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
}

const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

describe('http client transport (node:http)', () => {
  let server: FakeServer;
  const http = createHttpClient({ connectTimeoutMs: 500, firstByteTimeoutMs: 300, idleTimeoutMs: 200 });
  before(() => process.prependListener('uncaughtException', onUncaught));
  after(async () => {
    process.removeListener('uncaughtException', onUncaught);
    await http.close();
  });
  beforeEach(async () => {
    uncaught.length = 0;
    server = await startFakeServer();
  });
  afterEach(async () => {
    await server.close();
    assert.deepEqual(uncaught, [], 'no uncaught error');
  });

  it('sends the body with its byte length and the headers as given; reads headers case-insensitively, repeated ones joined', async () => {
    server.route('POST', '/echo', (request, res) => {
      res.setHeader('X-Many', ['a', 'b']);
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          length: request.headers['content-length'],
          custom: request.headers['x-custom'],
          body: request.body,
        }),
      );
    });
    const body = '{"t":"héllo 🚀"}';
    const response = await http.request({
      method: 'POST',
      url: `${server.url}/echo`,
      headers: { 'X-Custom': 'yes' },
      body,
      provider: 'p',
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(response.headers.get('X-MANY'), 'a, b');
    assert.equal(response.headers.get('x-absent'), null);
    assert.deepEqual(await response.json(), { length: String(Buffer.byteLength(body)), custom: 'yes', body });

    const bytes = new TextEncoder().encode('raw bytes');
    const second = await http.request({ method: 'PUT', url: `${server.url}/echo`, body: bytes, provider: 'p' });
    assert.equal(second.status, 404); // PUT has no route: only the request's shape matters here
    await second.text();
    assert.equal(server.requests[1].method, 'PUT');
    assert.equal(server.requests[1].headers['content-length'], String(bytes.byteLength));
    assert.equal(server.requests[1].body, 'raw bytes');
  });

  it('reuses one kept-alive connection for requests in a row', async () => {
    server.route('GET', '/ok', (_req, res) => void res.end('ok'));
    for (let n = 0; n < 3; n++)
      assert.equal(await (await http.request({ method: 'GET', url: `${server.url}/ok`, provider: 'p' })).text(), 'ok');
    assert.equal(server.openSockets(), 1);
  });

  it('types invalid JSON as invalid-response', async () => {
    server.route('GET', '/bad', (_req, res) => void res.end('{"half":'));
    const response = await http.request({ method: 'GET', url: `${server.url}/bad`, provider: 'p' });
    assert.equal((await providerError(response.json())).kind, 'invalid-response');
  });

  it('a body cut short of its Content-Length is a network error, not a silent end', async () => {
    server.route('GET', '/short', (_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('only this');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const response = await http.request({ method: 'GET', url: `${server.url}/short`, provider: 'p' });
    assert.equal((await providerError(response.text())).kind, 'network');
  });

  it('a chunked body that stops without its last chunk is a network error', async () => {
    server.route('GET', '/chunked', (_req, res) => {
      res.writeHead(200);
      res.write('data: one\n\n');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const response = await http.request({ method: 'GET', url: `${server.url}/chunked`, provider: 'p' });
    const chunks: string[] = [];
    const error = await providerError(
      (async () => {
        for await (const chunk of response.body) chunks.push(Buffer.from(chunk).toString());
      })(),
    );
    assert.equal(error.kind, 'network');
    assert.deepEqual(chunks, ['data: one\n\n']);
  });

  it('names the phase that timed out: first byte, then idle', async () => {
    server.route('GET', '/stall', () => undefined);
    const first = await providerError(http.request({ method: 'GET', url: `${server.url}/stall`, provider: 'p' }));
    assert.equal(first.kind, 'timeout');
    assert.equal(first.message, `No response from ${server.url} before the first-byte timeout`);

    server.route('GET', '/idle', async (_req, res) => {
      res.writeHead(200);
      await writeInPieces(res, Buffer.from('abcdef'), { stallAfterBytes: 3 });
    });
    const response = await http.request({ method: 'GET', url: `${server.url}/idle`, provider: 'p' });
    const idle = await providerError(response.text());
    assert.equal(idle.kind, 'timeout');
    assert.equal(idle.message, `The stream from ${server.url} went silent past the idle timeout`);
    await eventually(() => server.openSockets() <= 1, 1000, 'the silent connection to close');
  });

  it('a connection that never completes is a connect timeout', async () => {
    // No address here reliably swallows a SYN, so the agent hands out a socket that stays "connecting".
    const original = nodeHttp.Agent.prototype.createConnection;
    let socket: net.Socket | undefined;
    nodeHttp.Agent.prototype.createConnection = function () {
      socket = new net.Socket();
      Object.defineProperty(socket, 'connecting', { value: true });
      return socket;
    };
    try {
      const error = await providerError(http.request({ method: 'GET', url: 'http://127.0.0.1:9/x', provider: 'p' }));
      assert.equal(error.kind, 'timeout');
      assert.equal(error.message, 'Timed out connecting to http://127.0.0.1:9');
      assert.equal(socket?.destroyed, true);
    } finally {
      nodeHttp.Agent.prototype.createConnection = original;
    }
  });

  it('a caller slower than the idle timeout is not the server going silent', async () => {
    server.route('GET', '/slow-reader', async (_req, res) => {
      res.writeHead(200);
      res.write('one');
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.end('two');
    });
    const response = await http.request({ method: 'GET', url: `${server.url}/slow-reader`, provider: 'p' });
    const chunks: string[] = [];
    for await (const chunk of response.body) {
      chunks.push(Buffer.from(chunk).toString());
      await new Promise((resolve) => setTimeout(resolve, 350)); // past the 200 ms idle timeout, holding the chunk
    }
    assert.equal(chunks.join(''), 'onetwo');
  });

  it('close() on a body never read frees the connection, raises nothing, and may be called twice', async () => {
    let closed = false;
    server.route('GET', '/unread', (_req, res) => {
      res.on('close', () => (closed = true));
      res.writeHead(200);
      res.write('data: first\n\n'); // and never ends
    });
    const response = await http.request({ method: 'GET', url: `${server.url}/unread`, provider: 'p' });
    response.close();
    response.close();
    await eventually(() => closed, 1000, 'the server to see the connection close');
    await new Promise((resolve) => setTimeout(resolve, 20)); // any stray 'error' would surface by now
  });

  it('close() on a complete but unread body keeps the connection for the next request', async () => {
    server.route('GET', '/small', (_req, res) => void res.end('small'));
    const response = await http.request({ method: 'GET', url: `${server.url}/small`, provider: 'p' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    response.close();
    await new Promise((resolve) => setImmediate(resolve)); // the drained socket rejoins the pool on the body's 'end'
    assert.equal(
      await (await http.request({ method: 'GET', url: `${server.url}/small`, provider: 'p' })).text(),
      'small',
    );
    assert.equal(server.openSockets(), 1);
  });

  it('an abort before the headers cancels at once and closes the connection', async () => {
    server.route('GET', '/stall', () => undefined);
    const controller = new AbortController();
    const pending = http.request({
      method: 'GET',
      url: `${server.url}/stall`,
      provider: 'p',
      signal: controller.signal,
    });
    await eventually(() => server.requests.length === 1, 1000, 'the request to arrive');
    controller.abort();
    assert.equal((await providerError(pending)).kind, 'cancelled');
    await eventually(() => server.openSockets() === 0, 1000, 'the server to see the connection close');
  });

  it('leaves no timer running once responses end, fail or are closed', async () => {
    server.route('GET', '/ok', (_req, res) => void res.end('ok'));
    server.route('GET', '/open', (_req, res) => {
      res.writeHead(200);
      res.write('x');
    });
    await new Promise((resolve) => setImmediate(resolve)); // mocha's own timer for this test is running by now
    const before = activeTimers();
    await (await http.request({ method: 'GET', url: `${server.url}/ok`, provider: 'p' })).text();
    (await http.request({ method: 'GET', url: `${server.url}/open`, provider: 'p' })).close();
    const controller = new AbortController();
    const response = await http.request({
      method: 'GET',
      url: `${server.url}/open`,
      provider: 'p',
      signal: controller.signal,
    });
    controller.abort();
    assert.equal((await providerError(response.text())).kind, 'cancelled');
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(activeTimers() <= before, `timers: ${before} before, ${activeTimers()} after`);
  });
});

describe('http client close()', () => {
  it('is idempotent, ends open streams, closes every connection, and refuses new requests', async () => {
    const server = await startFakeServer();
    try {
      server.route('GET', '/open', (_req, res) => {
        res.writeHead(200);
        res.write('first');
      });
      server.route('GET', '/ok', (_req, res) => void res.end('ok'));
      const http = createHttpClient();
      await (await http.request({ method: 'GET', url: `${server.url}/ok`, provider: 'p' })).text(); // one idle kept-alive socket
      const open = await http.request({ method: 'GET', url: `${server.url}/open`, provider: 'p' });
      const reading = open.text();
      await Promise.all([http.close(), http.close()]);
      await http.close();
      assert.equal((await providerError(reading)).kind, 'network');
      await eventually(() => server.openSockets() === 0, 1000, 'every connection closed');
      const refused = await providerError(http.request({ method: 'GET', url: `${server.url}/ok`, provider: 'p' }));
      assert.equal(refused.kind, 'network');
    } finally {
      await server.close();
    }
  });
});
