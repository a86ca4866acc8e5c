import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path with query string. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** `body` parsed as JSON when it is JSON. */
  json?: any;
}

export type FakeHandler = (
  request: RecordedRequest,
  response: http.ServerResponse,
  raw: http.IncomingMessage,
) => void | Promise<void>;

export interface FakeServer {
  /** `http://127.0.0.1:PORT` (`https://…` when started with `tls`) */
  url: string;
  requests: RecordedRequest[];
  /** Answer `METHOD /path` (query ignored) with this handler; later routes win. */
  route(method: string, path: string, handler: FakeHandler): void;
  /** Sockets currently open to this server. */
  openSockets(): number;
  /** TCP connections accepted since the server started (a reused kept-alive connection counts once). */
  acceptedConnections?(): number;
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1:0 that records every request and answers through routes; HTTPS with `tls`. */
export async function startFakeServer(
  fallback?: FakeHandler,
  options: { tls?: { key: string; cert: string } } = {},
): Promise<FakeServer> {
  const routes: Array<{ method: string; path: string; handler: FakeHandler }> = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const handle: http.RequestListener = async (raw, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of raw) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const recorded: RecordedRequest = {
      method: raw.method ?? 'GET',
      url: raw.url ?? '/',
      headers: raw.headers,
      body,
      json,
    };
    requests.push(recorded);
    const path = recorded.url.split('?')[0];
    const match = [...routes].reverse().find((r) => r.method === recorded.method && r.path === path);
    const handler = match?.handler ?? fallback;
    try {
      if (handler) await handler(recorded, response, raw);
      else {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `no fake route for ${recorded.method} ${path}` } }));
      }
    } catch (error) {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    }
  };
  const server = options.tls ? https.createServer(options.tls, handle) : http.createServer(handle);
  let accepted = 0;
  server.on('connection', (socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    route(method, path, handler) {
      routes.push({ method, path, handler });
    },
    openSockets: () => sockets.size,
    acceptedConnections: () => accepted,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits until `check` holds (polling every few ms), or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
