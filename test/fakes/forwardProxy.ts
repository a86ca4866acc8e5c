import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

/** What the proxy was asked: a CONNECT (`target` is host:port) or a forwarded absolute-URI request (`target` is the URL). */
export interface ProxiedRequest {
  method: string;
  target: string;
  headers: http.IncomingHttpHeaders;
}

export interface ForwardProxy {
  /** `http://127.0.0.1:PORT` (`https://…` when started with `tls`) */
  url: string;
  port: number;
  requests: ProxiedRequest[];
  /** Client connections to the proxy that are open. */
  clientSockets(): number;
  /** Connections from the proxy to targets that are open. */
  upstreamSockets(): number;
  close(): Promise<void>;
}

export interface ForwardProxyOptions {
  /** The Proxy-Authorization value to demand; anything else gets 407. */
  authorization?: string;
  /** Where a target host really is (the test's fake hosts all live on 127.0.0.1). */
  resolve?: (host: string) => string;
  /** Serve the proxy itself over TLS. */
  tls?: { key: string; cert: string };
  /** Hold CONNECT this long before answering (connect-timeout tests). */
  connectDelayMs?: number;
  /** Answer every CONNECT with this status instead of opening the tunnel (502: the target is unreachable). */
  connectStatus?: number;
}

function splitHostPort(target: string): [string, number] {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
  if (!match) throw new Error(`bad CONNECT target ${target}`);
  return [match[1], Number(match[2])];
}

/**
 * A real forward proxy on 127.0.0.1:0, as a corporate one behaves: CONNECT tunnels piped to the target, absolute-URI
 * requests forwarded, 407 when the credentials are missing or wrong. Records what it was asked.
 */
export async function startForwardProxy(options: ForwardProxyOptions = {}): Promise<ForwardProxy> {
  const resolve = options.resolve ?? (() => '127.0.0.1');
  const requests: ProxiedRequest[] = [];
  const clients = new Set<net.Socket>();
  const upstreams = new Set<net.Socket>();
  const authorized = (headers: http.IncomingHttpHeaders) =>
    !options.authorization || headers['proxy-authorization'] === options.authorization;

  const forward: http.RequestListener = (req, res) => {
    requests.push({ method: req.method ?? 'GET', target: req.url ?? '', headers: req.headers });
    if (!authorized(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const url = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = http.request(
      {
        host: resolve(url.hostname),
        port: url.port || 80,
        path: `${url.pathname}${url.search}`,
        method: req.method,
        headers,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('socket', (socket) => {
      upstreams.add(socket);
      socket.on('close', () => upstreams.delete(socket));
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };
  const server = options.tls ? https.createServer(options.tls, forward) : http.createServer(forward);

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers });
    client.on('error', () => undefined);
    client.on('end', () => client.destroy()); // the server socket is half-open after CONNECT: a client's FIN ends it
    if (!authorized(req.headers)) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    if (options.connectStatus) {
      client.end(
        `HTTP/1.1 ${options.connectStatus} ${http.STATUS_CODES[options.connectStatus]}\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    const [host, port] = splitHostPort(req.url ?? '');
    const open = () => {
      const upstream = net.connect(port, resolve(host), () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstreams.add(upstream);
      upstream.on('close', () => {
        upstreams.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    if (options.connectDelayMs) {
      client.resume(); // read while holding the CONNECT, so a client that gives up is seen (it sends nothing before the 200)
      client.on('close', () => clearTimeout(held));
      const held = setTimeout(() => !client.destroyed && (client.pause(), open()), options.connectDelayMs);
    } else open();
  });
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: net.Socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    clientSockets: () => clients.size,
    upstreamSockets: () => upstreams.size,
    async close() {
      for (const socket of [...clients, ...upstreams]) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
