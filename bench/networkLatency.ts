import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { DEFAULT_ROUTER_SETTINGS, type RouterSettings } from '../src/config/types';
import { providerModules } from '../src/providers';
import type { ProviderDeps } from '../src/providers/types';
import { ProviderRouter } from '../src/router/router';
import type { RouterSlot } from '../src/router/types';
import { MemoryCredentialStore } from '../src/auth/credentialStore';
import { ConnectionPool } from '../src/util/connectionPool';
import { createHttpClient } from '../src/util/http';
import { silentLogger } from '../src/util/logger';
import { testCert } from '../test/fakes/testCert';
import { startDelayProxy, type DelayProxy } from './delayProxy';
import { BENCH_KEY, MODEL, PROMPT, benchSlot } from './skynetClients';
import type { Check } from './report';
import { elapsedMs, round, summarize } from './stats';

export interface NetworkSettings {
  /** Delay added to each direction: one round trip is twice this. */
  oneWayMs: number;
  /** The fake server's own time from the request to the first token. */
  serverMs: number;
  /** Idle gaps before a follow-up request. */
  idleGapsMs: number[];
  hedgeRequests: number;
}

export interface NetworkRow {
  name: string;
  ms: number;
  /** (ms − server time) / round trip. */
  roundTrips: number;
  note?: string;
}

export interface HedgeRow {
  name: string;
  p50Ms: number;
  p95Ms: number;
  requests: number;
  stalled: number;
}

export interface NetworkLatencyResult {
  settings: NetworkSettings;
  rttMs: number;
  rows: NetworkRow[];
  hedging: HedgeRow[];
}

const CHAT = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: PROMPT }] }] };

interface TlsServer {
  port: number;
  /** Requests whose answer never comes (the server stalls before its first byte), by request number. */
  stallWhen(predicate: (index: number) => boolean): void;
  close(): Promise<void>;
}

/** A TLS server speaking OpenAI's chat completions stream: the first token after `serverMs`, then the end. */
async function startTlsServer(cert: { key: string; cert: string }, serverMs: number): Promise<TlsServer> {
  let stall: (index: number) => boolean = () => false;
  let count = 0;
  const server = https.createServer({ ...cert, keepAliveTimeout: 600_000 }, (request, response) => {
    request.resume();
    if (request.method !== 'POST') return void response.writeHead(404).end();
    if (stall(count++)) return; // never answers; the client's timeout or a hedge ends it
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' } }] })}\n\n`,
      );
      response.end(
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`,
      );
    }, serverMs);
  });
  server.keepAliveTimeout = 600_000;
  server.headersTimeout = 0;
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stallWhen: (predicate) => (stall = predicate),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Client {
  router: ProviderRouter;
  close(): Promise<void>;
}

function deps(ca: string, pool: ConnectionPool, settings: RouterSettings): ProviderDeps & { close(): Promise<void> } {
  const http = createHttpClient({ ...settings, ca, pool });
  return {
    http,
    logger: silentLogger,
    credentials: new MemoryCredentialStore(),
    env: {},
    now: Date.now,
    homeDir: '/nonexistent',
    close: () => http.close(),
  };
}

/** A router over OpenAI-compatible slots at these ports (through the delay proxies), sharing `pool`. */
function client(ca: string, pool: ConnectionPool, ports: number[], settings: Partial<RouterSettings> = {}): Client {
  const all = { ...DEFAULT_ROUTER_SETTINGS, ...settings };
  const slotDeps = deps(ca, pool, all);
  const slots: RouterSlot[] = ports.map((port, index) => {
    const config = benchSlot('openai-compat', `slot${index + 1}`, `https://127.0.0.1:${port}/v1`);
    return { config, client: providerModules['openai-compat']!.create(config, slotDeps) };
  });
  return { router: new ProviderRouter(slots, { settings: all }), close: () => slotDeps.close() };
}

async function firstTokenMs(router: ProviderRouter): Promise<number> {
  const started = process.hrtime.bigint();
  let first = NaN;
  for await (const event of router.streamChat(CHAT))
    if (event.type === 'text-delta' && Number.isNaN(first)) first = elapsedMs(started);
  return first;
}

/**
 * The reference: one https request to the first body byte, sent as Skynet's OpenAI-compatible client sends it (same
 * headers, same body, a kept-alive connection, the same TLS defaults), but with no router, no pool and no parsing.
 * On a fresh agent it opens a fresh connection. With `agent: false` it used to ask for `Connection: close`, so the
 * server ended the connection right after its answer: a request Skynet never sends.
 */
function rawRequestMs(port: number, agent: https.Agent): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise<number>((resolve, reject) => {
    const body = JSON.stringify({
      model: MODEL,
      messages: [{ role: 'user', content: PROMPT }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const request = https.request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/chat/completions',
        method: 'POST',
        agent,
        headers: {
          accept: 'text/event-stream',
          'content-type': 'application/json',
          authorization: `Bearer ${BENCH_KEY}`,
        },
      },
      (response) => {
        response.once('data', () => resolve(elapsedMs(started)));
        response.resume();
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function rawFreshMs(port: number, ca: string): Promise<number> {
  const agent = new https.Agent({ keepAlive: true, ca });
  return rawRequestMs(port, agent).finally(() => agent.destroy());
}

/** Follow-ups per idle gap and keep-alive setting. */
const FOLLOW_UPS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Time to first token over a modelled network link: a TLS fake server behind a loopback relay that delays each
 * direction by `oneWayMs` (and the first bytes of a connection by one round trip more, for the TCP handshake).
 */
export async function benchNetworkLatency(
  settings: NetworkSettings,
  say: (line: string) => void = () => undefined,
): Promise<NetworkLatencyResult> {
  const rtt = 2 * settings.oneWayMs;
  const cert = await testCert(['localhost']);
  const servers: TlsServer[] = [];
  const proxies: DelayProxy[] = [];
  const clients: Client[] = [];
  const pools: ConnectionPool[] = [];
  const agents: https.Agent[] = [];
  const linkTo = async (server: TlsServer, refuse = false) => {
    const proxy = await startDelayProxy(server.port, settings.oneWayMs, { refuse });
    proxies.push(proxy);
    return proxy.port;
  };
  const newPool = (keepAliveMs?: number) => {
    const pool = new ConnectionPool({ keepAliveMs, ca: cert.cert });
    pools.push(pool);
    return pool;
  };
  const newClient = (pool: ConnectionPool, ports: number[], routerSettings?: Partial<RouterSettings>) => {
    const made = client(cert.cert, pool, ports, routerSettings);
    clients.push(made);
    return made;
  };
  const rows: NetworkRow[] = [];
  const row = (name: string, ms: number, note?: string) =>
    rows.push({
      name,
      ms: round(ms, 1),
      roundTrips: round((ms - settings.serverMs) / rtt, 2),
      ...(note ? { note } : {}),
    });
  try {
    const main = await startTlsServer(cert, settings.serverMs);
    servers.push(main);
    const port = await linkTo(main);

    say('network: a fresh https request (reference) and a cold Skynet request');
    const raw: number[] = [];
    const cold: number[] = [];
    for (let index = 0; index < 5; index++) {
      raw.push(await rawFreshMs(port, cert.cert)); // interleaved: a change in the machine's load reaches both
      cold.push(await firstTokenMs(newClient(newPool(), [port]).router));
    }
    row('raw https request, fresh connection (reference)', summarize(raw).median);
    row('Skynet, cold first request', summarize(cold).median);

    say(
      `network: follow-ups after ${settings.idleGapsMs.map((ms) => `${ms / 1000} s`).join(', ')} idle, ${FOLLOW_UPS} of each (in parallel), now, with the former 10 s keep-alive and as plain https`,
    );
    // The first requests one after another, then every follow-up exactly its gap after its own first request: a
    // follow-up is one sample of a load-sensitive wait, so each row is the median of FOLLOW_UPS.
    const waits: Array<Promise<{ name: string; ms: number }>> = [];
    for (const gap of settings.idleGapsMs) {
      const idle = `after ${gap / 1000} s idle`;
      for (let sample = 0; sample < FOLLOW_UPS; sample++) {
        for (const keepAliveMs of [undefined, 10_000]) {
          const each = newClient(newPool(keepAliveMs), [port]);
          await firstTokenMs(each.router);
          const name = `follow-up ${idle}${keepAliveMs ? ' (before: 10 s keep-alive)' : ''}`;
          waits.push(sleep(gap).then(async () => ({ name, ms: await firstTokenMs(each.router) })));
        }
        const agent = new https.Agent({ keepAlive: true, ca: cert.cert });
        agents.push(agent);
        await rawRequestMs(port, agent);
        const name = `plain https request on its kept-alive connection ${idle}`;
        waits.push(sleep(gap).then(async () => ({ name, ms: await rawRequestMs(port, agent) })));
      }
    }
    const followUps = await Promise.all(waits);
    for (const name of new Set(followUps.map((followUp) => followUp.name))) {
      const times = followUps.filter((followUp) => followUp.name === name).map((followUp) => followUp.ms);
      row(`${name} (median of ${times.length})`, summarize(times).median);
    }

    say('network: right after a configuration reload');
    const shared = newPool();
    const before = newClient(shared, [port]);
    await firstTokenMs(before.router);
    await before.close(); // the reload closes the old client; the pool stays
    await sleep(1_000); // a reload comes while the user types, not within the same millisecond as an answer
    row('first request after a configuration reload', await firstTokenMs(newClient(shared, [port]).router));
    const unshared = newClient(newPool(), [port]);
    await firstTokenMs(unshared.router);
    await sleep(1_000);
    row(
      'first request after a reload (before: a new pool per reload)',
      await firstTokenMs(newClient(newPool(), [port]).router),
    );

    say('network: failover from a refusing slot and from a stalling slot');
    const refusing = await linkTo(main, true);
    row(
      'failover: slot 1 refuses the connection, slot 2 cold',
      await firstTokenMs(newClient(newPool(), [refusing, port]).router),
    );
    const stalling = await startTlsServer(cert, settings.serverMs);
    servers.push(stalling);
    stalling.stallWhen(() => true);
    const stallPort = await linkTo(stalling);
    const firstByteTimeoutMs = 1_000;
    row(
      `failover: slot 1 stalls before its first byte (first_byte_timeout_ms = ${firstByteTimeoutMs})`,
      await firstTokenMs(newClient(newPool(), [stallPort, port], { firstByteTimeoutMs }).router),
    );
    const hedgeAfterMs = 3 * rtt;
    row(
      `the same with hedge_after_ms = ${hedgeAfterMs}`,
      await firstTokenMs(newClient(newPool(), [stallPort, port], { firstByteTimeoutMs, hedgeAfterMs }).router),
    );

    say(`network: ${settings.hedgeRequests} requests, the primary stalling on 30 % of them, without and with hedging`);
    const flaky = await startTlsServer(cert, settings.serverMs);
    servers.push(flaky);
    const flakyPort = await linkTo(flaky);
    const hedging: HedgeRow[] = [];
    for (const hedge of [undefined, hedgeAfterMs]) {
      flaky.stallWhen(() => false);
      const routed = newClient(newPool(), [flakyPort, port], {
        firstByteTimeoutMs,
        ...(hedge ? { hedgeAfterMs: hedge } : {}),
      });
      await firstTokenMs(routed.router); // both connections warm, as in a session
      let request = 0;
      flaky.stallWhen(() => request % 10 < 3);
      const times: number[] = [];
      for (; request < settings.hedgeRequests; request++) {
        // A stalled slot cools down after its timeout; the next request starts from a fresh router state.
        times.push(
          await firstTokenMs(
            new ProviderRouter(routed.router.slots, {
              settings: { ...DEFAULT_ROUTER_SETTINGS, firstByteTimeoutMs, ...(hedge ? { hedgeAfterMs: hedge } : {}) },
            }),
          ),
        );
      }
      hedging.push({
        name: hedge ? `hedge_after_ms = ${hedge}` : 'no hedging',
        p50Ms: round(percentile(times, 50), 1),
        p95Ms: round(percentile(times, 95), 1),
        requests: times.length,
        stalled: Math.ceil(settings.hedgeRequests * 0.3),
      });
    }
    return { settings, rttMs: rtt, rows, hedging };
  } finally {
    for (const made of clients) await made.close();
    for (const pool of pools) await pool.close();
    for (const agent of agents) agent.destroy();
    for (const proxy of proxies) await proxy.close();
    for (const server of servers) await server.close();
  }
}

const trips = (row: NetworkRow | undefined) =>
  row ? `${row.ms.toFixed(1)} ms = server + ${row.roundTrips.toFixed(2)} RTT` : 'not measured';

/** The targets: a cold request at most TCP + TLS 1.3 + the request itself; a follow-up after 60 s idle, or after a reload, at most one round trip. */
export function networkChecks(result: NetworkLatencyResult): Check[] {
  const find = (prefix: string) => result.rows.find((row) => row.name.startsWith(prefix));
  const reference = find('raw https');
  const rtt = `RTT ${result.rttMs} ms, server ${result.settings.serverMs} ms`;
  const check = (
    measure: string,
    row: NetworkRow | undefined,
    maxTrips: number | undefined,
    target: string,
  ): Check => ({
    measure: `${measure} (${rtt})`,
    skynet: trips(row),
    reference: trips(reference),
    ratio:
      row && reference
        ? `${row.roundTrips - reference.roundTrips >= 0 ? '+' : ''}${(row.roundTrips - reference.roundTrips).toFixed(2)} RTT`
        : '–',
    target,
    pass: maxTrips === undefined || !row ? null : row.roundTrips <= maxTrips,
  });
  const checks: Check[] = [
    // TCP + TLS 1.3 + the request is 3 RTT in this model; the fresh https request shows what the machine adds to that.
    check(
      'first token, cold first request',
      find('Skynet, cold'),
      Math.max(3, reference?.roundTrips ?? 3) + 0.2,
      '≤ a fresh https request (TCP + TLS 1.3 + request) + 0.2 RTT',
    ),
    check('first token, follow-up after 60 s idle', find('follow-up after 60 s idle'), 1.2, '≤ 1 RTT over server time'),
    check(
      'first token right after a configuration reload',
      find('first request after a configuration reload'),
      1.2,
      '≤ 1 RTT over server time',
    ),
  ];
  for (const row of result.rows) {
    if (row === reference || checks.some((made) => made.skynet === trips(row))) continue;
    checks.push({ ...check(row.name, row, undefined, 'report'), pass: null });
  }
  for (const hedge of result.hedging) {
    checks.push({
      measure: `first token p50 / p95, primary stalls on 30 % of ${hedge.requests} requests: ${hedge.name}`,
      skynet: `${hedge.p50Ms} / ${hedge.p95Ms} ms`,
      reference: '–',
      ratio: '–',
      target: 'report',
      pass: null,
    });
  }
  return checks;
}
