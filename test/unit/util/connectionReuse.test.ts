import * as assert from 'node:assert/strict';
import { ConnectionPool } from '../../../src/util/connectionPool';
import { createHttpClient } from '../../../src/util/http';
import { eventually, startFakeServer, type FakeServer } from '../../fakes/fakeServer';

async function get(
  client: ReturnType<typeof createHttpClient>,
  url: string,
  headers?: Record<string, string>,
): Promise<string> {
  const response = await client.request({
    method: 'POST',
    url,
    provider: 'p',
    body: '{}',
    ...(headers ? { headers } : {}),
  });
  return response.text();
}

describe('kept-alive connections', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeServer((_request, response) => void response.end('ok'));
  });
  afterEach(async () => server.close());

  it('a shared pool keeps connections across clients: a reload reuses the warm one', async () => {
    const pool = new ConnectionPool();
    try {
      const before = createHttpClient({ pool });
      assert.equal(await get(before, `${server.url}/v1/chat`), 'ok');
      await before.close(); // a configuration reload closes the old client
      const after = createHttpClient({ pool });
      assert.equal(await get(after, `${server.url}/v1/chat`), 'ok');
      assert.equal(server.acceptedConnections!(), 1, 'the second client used the first one’s connection');
      await after.close();
    } finally {
      await pool.close();
    }
    await eventually(() => server.openSockets() === 0, 2000, 'the pool closed its connections');
  });

  it('closes an unused connection after keepAliveMs', async () => {
    const client = createHttpClient({ keepAliveMs: 50 });
    try {
      await get(client, `${server.url}/a`);
      await eventually(() => server.openSockets() === 0, 3000, 'the idle connection closed');
    } finally {
      await client.close();
    }
  });

  it('sends again once on a new connection when the server closed the reused one as the request went out', async () => {
    const client = createHttpClient();
    try {
      await get(client, `${server.url}/warm`);
      let resets = 0;
      server.route('POST', '/chat', (_request, response) => {
        if (resets++ === 0) return void response.socket?.destroy(); // the server dropped the kept-alive connection
        response.end('answered');
      });
      assert.equal(await get(client, `${server.url}/chat`), 'answered');
      assert.equal(server.acceptedConnections!(), 2);
    } finally {
      await client.close();
    }
  });

  it('does not send again when a new connection is reset (that is the server failing, not a stale socket)', async () => {
    const client = createHttpClient();
    try {
      server.route('POST', '/chat', (_request, response) => void response.socket?.destroy());
      await assert.rejects(
        get(client, `${server.url}/chat`),
        (error: Error & { kind?: string }) => error.kind === 'network',
      );
      assert.equal(server.requests.length, 1);
    } finally {
      await client.close();
    }
  });

  it('preconnect opens the connection with a credential-free OPTIONS request, the request then reuses it, and a warm origin is not preconnected again', async () => {
    const client = createHttpClient();
    try {
      assert.equal(await client.preconnect(`${server.url}/v1`), true);
      assert.equal(await client.preconnect(`${server.url}/v1`), false, 'already warm');
      assert.equal(await get(client, `${server.url}/v1/chat`, { authorization: 'Bearer sk-secret' }), 'ok');
      assert.equal(server.acceptedConnections!(), 1, 'the chat request found the preconnected connection');
      assert.deepEqual(
        server.requests.map((request) => [request.method, request.url, request.headers.authorization]),
        [
          ['OPTIONS', '/', undefined],
          ['POST', '/v1/chat', 'Bearer sk-secret'],
        ],
      );
    } finally {
      await client.close();
    }
  });

  it('preconnect never throws: a refused or invalid address is just not warmed', async () => {
    const client = createHttpClient({ connectTimeoutMs: 500 });
    try {
      assert.equal(await client.preconnect('http://127.0.0.1:9/v1'), false);
      assert.equal(await client.preconnect('not a url'), false);
    } finally {
      await client.close();
    }
  });

  it('a stream read up to its protocol end ([DONE]) leaves the connection reusable; one still sending is cut', async () => {
    server.route('POST', '/sse', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: {"a":1}\n\n');
      setTimeout(() => response.end('data: [DONE]\n\n'), 5);
    });
    server.route('POST', '/endless', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => response.write(`data: ${'x'.repeat(4096)}\n\n`), 1);
      response.on('close', () => clearInterval(timer));
    });
    const client = createHttpClient();
    try {
      for (let round = 0; round < 3; round++) {
        const response = await client.request({ method: 'POST', url: `${server.url}/sse`, provider: 'p', body: '{}' });
        let text = '';
        for await (const chunk of response.body) {
          text += Buffer.from(chunk).toString();
          if (text.includes('[DONE]')) break; // as the SSE reader does
        }
        await new Promise((resolve) => setTimeout(resolve, 50)); // the next turn comes after the last one ended
      }
      assert.equal(server.acceptedConnections!(), 1, 'three streams, one connection');
      const endless = await client.request({ method: 'POST', url: `${server.url}/endless`, provider: 'p', body: '{}' });
      for await (const _chunk of endless.body) break;
      await eventually(() => server.openSockets() === 1, 3000, 'the endless stream’s connection was cut');
    } finally {
      await client.close();
    }
  });
});
