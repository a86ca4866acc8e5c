import * as net from 'node:net';

export interface DelayProxy {
  /** `host:port` of the proxy, to put in front of the target's path. */
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A TCP relay on loopback that models a network link: every chunk waits `oneWayMs` in each direction (in order), and
 * the first bytes of each connection wait one round trip more, for the TCP handshake a userspace relay cannot delay.
 * With `refuse`, the connection is closed after one round trip instead, as a refused connection (SYN → RST) costs.
 */
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

export async function startDelayProxy(
  targetPort: number,
  oneWayMs: number,
  options: { refuse?: boolean } = {},
): Promise<DelayProxy> {
  let accepted = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    accepted++;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (options.refuse) {
      setTimeout(() => client.resetAndDestroy(), 2 * oneWayMs);
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
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
