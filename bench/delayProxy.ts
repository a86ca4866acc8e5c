import * as net from 'node:net';

export interface DelayProxy {
  /** `host:port` of the proxy, to put in front of the target's path. */
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Forwards `from` to `to` `delayMs` later, in order (a chunk never overtakes an earlier one); `firstExtraMs` more for the first. */
function relay(from: net.Socket, to: net.Socket, delayMs: number, firstExtraMs: number): void {
  let notBefore = 0;
  let extra = firstExtraMs;
  const later = (action: () => void) => {
    const at = Math.max(performance.now() + delayMs + extra, notBefore);
    extra = 0;
    notBefore = at;
    setTimeout(action, at - performance.now());
  };
  from.on('data', (chunk) => later(() => to.write(chunk)));
  from.on('end', () => later(() => to.end()));
}

/**
 * A TCP relay on loopback that models a network link: every chunk waits `oneWayMs` in each direction (in order), and
 * the first bytes of each connection wait one round trip more, for the TCP handshake a userspace relay cannot delay.
 * With `refuse`, the connection is closed after one round trip instead, as a refused connection (SYN → RST) costs.
 *
 * Both of the relay's sockets send each chunk at once (no Nagle): a link forwards packets, it does not hold one back
 * until the previous one is acknowledged, and the hosts at its ends commonly disable Nagle too (Node's servers by
 * default, nodejs.org/api/http.html `noDelay`; curl by default, curl.se `--tcp-nodelay`; checked 2026-12-05). With Nagle on the
 * relay's client side, a first answer written within one delayed ACK (40 ms on Linux) of the server's TLS 1.3 session
 * tickets waited for the client's ACK of those tickets, whatever the client was; a server closing the connection
 * right after its answer escaped that wait, because a FIN is never held, so a `Connection: close` request measured
 * 0.2 round trips faster than a kept-alive one.
 */
export async function startDelayProxy(
  targetPort: number,
  oneWayMs: number,
  options: { refuse?: boolean } = {},
): Promise<DelayProxy> {
  let accepted = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (client) => {
    accepted++;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (options.refuse) {
      setTimeout(() => client.resetAndDestroy(), 2 * oneWayMs);
      return;
    }
    const upstream = net.connect({ port: targetPort, host: '127.0.0.1', noDelay: true });
    open.add(upstream);
    upstream.on('close', () => open.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    relay(client, upstream, oneWayMs, 2 * oneWayMs); // the first bytes also wait for the SYN and the SYN-ACK
    relay(upstream, client, oneWayMs, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => accepted,
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
