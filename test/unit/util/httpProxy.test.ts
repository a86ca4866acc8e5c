import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { createHttpClient } from '../../../src/util/http';
import { ProxyConfigError } from '../../../src/util/proxy';
import { eventually, startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { startForwardProxy, type ForwardProxy } from '../../fakes/forwardProxy';
import { testCert, type TestCert } from '../../fakes/testCert';
import { expectProviderError as providerError } from '../providers/openaiCompatible/openaiTestKit';

/**
 * The HTTP client through a real local forward proxy (the CLI's HTTPS_PROXY/HTTP_PROXY): https targets in a CONNECT
 * tunnel, http targets as absolute-URI requests. The targets have names the client never resolves itself
 * (api.example.test): only the proxy knows they live on 127.0.0.1, so a request that skipped the proxy would fail.
 */

const USER = 'dev';
const PASSWORD = 'proxy-pa55word';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const TIMEOUTS = { connectTimeoutMs: 500, firstByteTimeoutMs: 500, idleTimeoutMs: 200 };

const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

function port(server: FakeServer): string {
  return new URL(server.url).port;
}

function proxyUrl(proxy: ForwardProxy, credentials = `${USER}:${PASSWORD}`): string {
  return `${proxy.url.replace('://', `://${credentials}@`)}`;
}

/** A handler that writes `first`, then waits for `release()` before the rest: the reader must see `first` alone. */
function gated(first: string, rest: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    release: () => release(),
    handler: async (_request: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(first);
      await released;
      res.end(rest);
    },
  };
}

describe('http client through a proxy (HTTPS_PROXY / HTTP_PROXY outside VS Code)', () => {
  let cert: TestCert;
  let target: FakeServer;
  let plain: FakeServer;
  let proxy: ForwardProxy;
  const clients: Array<{ close(): Promise<void> }> = [];

  function client(settings: { httpsProxy?: string; httpProxy?: string; noProxy?: string }, timeouts = TIMEOUTS) {
    const http = createHttpClient({ ...timeouts, proxy: settings, ca: cert.cert });
    clients.push(http);
    return http;
  }

  before(async () => {
    cert = await testCert();
    process.prependListener('uncaughtException', onUncaught);
  });
  after(() => process.removeListener('uncaughtException', onUncaught));
  beforeEach(async () => {
    uncaught.length = 0;
    target = await startFakeServer(undefined, { tls: cert });
    plain = await startFakeServer();
    proxy = await startForwardProxy({ authorization: BASIC });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((http) => http.close()));
    await Promise.all([target.close(), plain.close(), proxy.close()]);
    assert.deepEqual(uncaught, [], 'no uncaught error');
  });

  it('streams an https response through a CONNECT tunnel: CONNECT host:port with Proxy-Authorization, which the target never sees', async () => {
    const gate = gated('data: one\n\n', 'data: two\n\n');
    target.route('POST', '/v1/chat', gate.handler);
    const http = client({ httpsProxy: proxyUrl(proxy) });
    const response = await http.request({
      method: 'POST',
      url: `https://api.example.test:${port(target)}/v1/chat`,
      headers: { authorization: 'Bearer sk-target' },
      body: '{}',
      provider: 'p',
    });
    assert.equal(response.status, 200);
    const chunks: string[] = [];
    for await (const chunk of response.body) {
      chunks.push(Buffer.from(chunk).toString());
      if (chunks.length === 1) gate.release(); // the first chunk arrived before the server sent the rest
    }
    assert.deepEqual(chunks, ['data: one\n\n', 'data: two\n\n']);
    assert.deepEqual(
      proxy.requests.map((r) => [r.method, r.target, r.headers['proxy-authorization'], r.headers.host]),
      [['CONNECT', `api.example.test:${port(target)}`, BASIC, `api.example.test:${port(target)}`]],
    );
    const seen = target.requests[0];
    assert.equal(seen.headers.host, `api.example.test:${port(target)}`);
    assert.equal(seen.headers.authorization, 'Bearer sk-target');
    assert.equal(seen.headers['proxy-authorization'], undefined, 'the proxy credentials stay with the proxy');
  });

  it('keeps a tunnel alive for requests in a row, and close() takes it down', async () => {
    target.route('GET', '/ok', (_req, res) => void res.end('ok'));
    const http = client({ httpsProxy: proxyUrl(proxy) });
    for (let n = 0; n < 3; n++)
      assert.equal(
        await (
          await http.request({ method: 'GET', url: `https://api.example.test:${port(target)}/ok`, provider: 'p' })
        ).text(),
        'ok',
      );
    assert.equal(proxy.requests.length, 1, 'one CONNECT for three requests');
    assert.equal(target.requests.length, 3);
    assert.equal(proxy.clientSockets(), 1);
    await http.close();
    await eventually(() => proxy.clientSockets() === 0 && proxy.upstreamSockets() === 0, 2000, 'the tunnel to close');
  });

  it('sends http targets to the proxy in absolute-URI form, with Proxy-Authorization', async () => {
    plain.route('GET', '/api/tags', (_req, res) => void res.end('{"models":[]}'));
    const http = client({ httpProxy: proxyUrl(proxy) });
    const response = await http.request({
      method: 'GET',
      url: `http://models.example.test:${port(plain)}/api/tags?x=1`,
      provider: 'p',
    });
    assert.deepEqual(await response.json(), { models: [] });
    assert.deepEqual(
      proxy.requests.map((r) => [r.method, r.target, r.headers['proxy-authorization'], r.headers.host]),
      [['GET', `http://models.example.test:${port(plain)}/api/tags?x=1`, BASIC, `models.example.test:${port(plain)}`]],
    );
    assert.equal(plain.requests[0].url, '/api/tags?x=1');
    assert.equal(plain.requests[0].headers['proxy-authorization'], undefined);
  });

  it('uses HTTP_PROXY for https targets when HTTPS_PROXY is unset, as undici does', async () => {
    target.route('GET', '/ok', (_req, res) => void res.end('ok'));
    const http = client({ httpProxy: proxyUrl(proxy) });
    assert.equal(
      await (
        await http.request({ method: 'GET', url: `https://api.example.test:${port(target)}/ok`, provider: 'p' })
      ).text(),
      'ok',
    );
    assert.equal(proxy.requests[0].method, 'CONNECT');
  });

  it('goes direct for loopback and for NO_PROXY hosts: the proxy sees nothing', async () => {
    target.route('GET', '/ok', (_req, res) => void res.end('ok'));
    plain.route('GET', '/ok', (_req, res) => void res.end('ok'));
    const http = client({ httpsProxy: proxyUrl(proxy), httpProxy: proxyUrl(proxy), noProxy: '.example.test' });
    assert.equal(await (await http.request({ method: 'GET', url: `${target.url}/ok`, provider: 'p' })).text(), 'ok');
    assert.equal(
      await (await http.request({ method: 'GET', url: `http://localhost:${port(plain)}/ok`, provider: 'p' })).text(),
      'ok',
    );
    // A NO_PROXY name goes direct, so the client resolves it itself: it cannot, which proves the proxy was skipped.
    const error = await providerError(
      http.request({ method: 'GET', url: `https://api.example.test:${port(target)}/ok`, provider: 'p' }),
    );
    assert.ok(error.kind === 'network' || error.kind === 'timeout', error.message);
    assert.doesNotMatch(error.message, /proxy/);
    assert.equal(proxy.requests.length, 0);
  });

  it('a 407 is an auth error naming the proxy, never its credentials: on CONNECT and on forwarded requests', async () => {
    const http = client({
      httpsProxy: proxyUrl(proxy, `${USER}:wrong-pa55word`),
      httpProxy: proxyUrl(proxy, `${USER}:wrong-pa55word`),
    });
    for (const url of [`https://api.example.test:${port(target)}/v1`, `http://models.example.test:${port(plain)}/v1`]) {
      const error = await providerError(http.request({ method: 'GET', url, provider: 'p' }));
      assert.equal(error.kind, 'auth');
      assert.equal(error.status, 407);
      assert.equal(error.code, 'PROXY_AUTH_REQUIRED');
      assert.equal(error.message, `The proxy ${proxy.url} rejected its credentials (HTTP 407)`);
    }
    const anonymous = client({ httpsProxy: proxy.url });
    const error = await providerError(
      anonymous.request({ method: 'GET', url: `https://api.example.test:${port(target)}/v1`, provider: 'p' }),
    );
    assert.match(error.message, /asks for credentials \(HTTP 407\)/);
    assert.equal(target.requests.length + plain.requests.length, 0);
  });

  it('a proxy that refuses connections is a network error naming the proxy without its credentials', async () => {
    const gone = proxyUrl(proxy);
    await proxy.close();
    const http = client({ httpsProxy: gone, httpProxy: gone });
    for (const url of [`https://api.example.test:${port(target)}/v1`, `http://models.example.test:${port(plain)}/v1`]) {
      const error = await providerError(http.request({ method: 'GET', url, provider: 'p' }));
      assert.equal(error.kind, 'network');
      assert.equal(error.code, 'ECONNREFUSED');
      assert.match(error.message, new RegExp(`proxy ${proxy.url.replace(/[.]/g, '\\.')}`));
      assert.doesNotMatch(error.message, /pa55word|dev:/);
    }
  });

  it('a tunnel the proxy cannot open (502) is a network error with the status', async () => {
    await proxy.close();
    proxy = await startForwardProxy({ resolve: () => '127.0.0.1', connectStatus: 502 });
    const http = client({ httpsProxy: proxy.url });
    const error = await providerError(
      http.request({ method: 'GET', url: `https://api.example.test:${port(target)}/v1`, provider: 'p' }),
    );
    assert.equal(error.kind, 'network');
    assert.equal(error.status, 502);
    assert.equal(error.code, 'PROXY_CONNECT_FAILED');
    assert.equal(
      error.message,
      `The proxy ${proxy.url} did not open a tunnel to api.example.test:${port(target)} (HTTP 502)`,
    );
  });

  it('abort mid-stream closes the tunnel at once: the proxy and the target both see their sockets close', async () => {
    const gate = gated('data: one\n\n', 'data: never\n\n');
    target.route('GET', '/stream', gate.handler);
    const http = client({ httpsProxy: proxyUrl(proxy) });
    const controller = new AbortController();
    const response = await http.request({
      method: 'GET',
      url: `https://api.example.test:${port(target)}/stream`,
      signal: controller.signal,
      provider: 'p',
    });
    const iterator = response.body[Symbol.asyncIterator]();
    assert.equal(Buffer.from((await iterator.next()).value as Uint8Array).toString(), 'data: one\n\n');
    assert.equal(proxy.clientSockets(), 1);
    controller.abort();
    const error = await providerError(iterator.next());
    assert.equal(error.kind, 'cancelled');
    await eventually(
      () => proxy.clientSockets() === 0 && proxy.upstreamSockets() === 0 && target.openSockets() === 0,
      1000,
      'every socket to close',
    );
    gate.release();
  });

  it('times out a silent stream through the tunnel (idle) and closes it', async () => {
    const gate = gated('data: one\n\n', '');
    target.route('GET', '/stream', gate.handler);
    const http = client({ httpsProxy: proxyUrl(proxy) });
    const response = await http.request({
      method: 'GET',
      url: `https://api.example.test:${port(target)}/stream`,
      provider: 'p',
    });
    const error = await providerError(response.text());
    assert.equal(error.kind, 'timeout');
    assert.equal(error.code, 'IDLE_TIMEOUT');
    await eventually(() => proxy.clientSockets() === 0 && target.openSockets() === 0, 1000, 'the tunnel to close');
    gate.release();
  });

  it('the connect timeout covers the CONNECT exchange; an abort while it waits stops it at once', async () => {
    await proxy.close();
    proxy = await startForwardProxy({ connectDelayMs: 5000 });
    const http = client({ httpsProxy: proxy.url });
    const started = Date.now();
    const timedOut = await providerError(
      http.request({ method: 'GET', url: `https://api.example.test:${port(target)}/v1`, provider: 'p' }),
    );
    assert.equal(timedOut.kind, 'timeout');
    assert.equal(timedOut.code, 'CONNECT_TIMEOUT');
    assert.match(timedOut.message, new RegExp(`through the proxy ${proxy.url.replace(/[.]/g, '\\.')}`));
    assert.ok(Date.now() - started < 1500);
    await eventually(() => proxy.clientSockets() === 0, 1000, 'the CONNECT socket to close');

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const cancelled = await providerError(
      http.request({
        method: 'GET',
        url: `https://api.example.test:${port(target)}/v1`,
        signal: controller.signal,
        provider: 'p',
      }),
    );
    assert.equal(cancelled.kind, 'cancelled');
    await eventually(() => proxy.clientSockets() === 0, 1000, 'the CONNECT socket to close');
    assert.equal(target.requests.length, 0);
  });

  it('close() while a tunnel is being opened stops it', async () => {
    await proxy.close();
    proxy = await startForwardProxy({ connectDelayMs: 5000 });
    const http = client({ httpsProxy: proxy.url }, { ...TIMEOUTS, connectTimeoutMs: 5000 });
    const pending = providerError(
      http.request({ method: 'GET', url: `https://api.example.test:${port(target)}/v1`, provider: 'p' }),
    );
    await eventually(() => proxy.requests.length === 1, 1000, 'the CONNECT');
    await http.close();
    assert.equal((await pending).kind, 'network');
    await eventually(() => proxy.clientSockets() === 0, 1000, 'the CONNECT socket to close');
  });

  it('reaches an https:// proxy over TLS, then tunnels TLS to the target inside it', async () => {
    await proxy.close();
    proxy = await startForwardProxy({ authorization: BASIC, tls: cert });
    target.route('GET', '/ok', (_req, res) => void res.end('ok'));
    plain.route('GET', '/ok', (_req, res) => void res.end('plain ok'));
    const http = client({ httpsProxy: proxyUrl(proxy), httpProxy: proxyUrl(proxy) });
    assert.equal(
      await (
        await http.request({ method: 'GET', url: `https://api.example.test:${port(target)}/ok`, provider: 'p' })
      ).text(),
      'ok',
    );
    assert.equal(
      await (
        await http.request({ method: 'GET', url: `http://models.example.test:${port(plain)}/ok`, provider: 'p' })
      ).text(),
      'plain ok',
    );
    assert.deepEqual(
      proxy.requests.map((r) => r.method),
      ['CONNECT', 'GET'],
    );
  });

  it('refuses a SOCKS proxy when the client is made, without quoting its credentials', () => {
    assert.throws(
      () => createHttpClient({ proxy: { httpsProxy: `socks5://${USER}:${PASSWORD}@127.0.0.1:1080` } }),
      (error: Error) =>
        error instanceof ProxyConfigError &&
        /socks5:\/\/127\.0\.0\.1:1080 is not supported/.test(error.message) &&
        !error.message.includes(PASSWORD),
    );
  });
});
