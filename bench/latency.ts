import { request, type Agent } from 'undici';
import { DEFAULT_ROUTER_SETTINGS } from '../src/config/types';
import { providerModules } from '../src/providers';
import type { ProviderDeps } from '../src/providers/types';
import { ProviderRouter } from '../src/router/router';
import type { RouterSlot } from '../src/router/types';
import { MODEL, PROMPT, benchSlot } from './skynetClients';
import type { BenchServer } from './serverProcess';
import { elapsedMs, round, roundSummary, summarize, type Summary } from './stats';

const CHAT_REQUEST = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: PROMPT }] }] };
const RAW_BODY = JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: PROMPT }] });

/** A slot and its OpenAI-compatible client at `{server}{prefix}/v1`. */
export function routerSlot(server: BenchServer, deps: ProviderDeps, id: string, prefix: string): RouterSlot {
  const config = benchSlot('openai-compat', id, `${server.url}${prefix}/v1`);
  // Created through the table of provider modules, as buildRouter does.
  return { config, client: providerModules['openai-compat']!.create(config, deps) };
}

export function newRouter(slots: RouterSlot[], deps: ProviderDeps): ProviderRouter {
  return new ProviderRouter(slots, { settings: DEFAULT_ROUTER_SETTINGS, now: deps.now });
}

/** Time from the call to the first text through a router; the rest of the answer is read too (not timed). */
export async function routedFirstTokenMs(router: ProviderRouter): Promise<number> {
  const started = process.hrtime.bigint();
  let first = NaN;
  for await (const event of router.streamChat(CHAT_REQUEST)) {
    if (event.type === 'text-delta' && Number.isNaN(first)) first = elapsedMs(started);
  }
  return first;
}

/** Time from the call to the first body bytes through undici alone (the floor); the rest is read too. */
async function rawFirstTokenMs(url: string, dispatcher: Agent): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: RAW_BODY,
    dispatcher,
  });
  let first = NaN;
  for await (const _chunk of response.body) if (Number.isNaN(first)) first = elapsedMs(started);
  return first;
}

export interface LatencyOptions {
  iterations: number;
  budgetMs: number;
}

/** Runs the named samplers in turn (rotating the order), `iterations` times (bounded by the budget), after a few warm-ups. */
export async function interleave(
  samplers: Record<string, () => Promise<number>>,
  options: LatencyOptions,
): Promise<Record<string, Summary>> {
  const values: Record<string, number[]> = Object.fromEntries(Object.keys(samplers).map((name) => [name, []]));
  for (let warmup = 0; warmup < 5; warmup++) for (const sampler of Object.values(samplers)) await sampler();
  const started = Date.now();
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    if (iteration >= 20 && Date.now() - started > options.budgetMs) break;
    // Rotate who goes first, so no sampler always follows the same neighbour (warm connection, pending GC).
    const entries = Object.entries(samplers);
    for (let index = 0; index < entries.length; index++) {
      const [name, sampler] = entries[(index + iteration) % entries.length];
      values[name].push(await sampler());
    }
  }
  return Object.fromEntries(Object.entries(values).map(([name, list]) => [name, roundSummary(summarize(list), 4)]));
}

export interface FirstTokenResult {
  rawMs: Summary;
  skynetMs: Summary;
  overheadMs: number;
}

/** Time to first token: Skynet (ProviderRouter + OpenAI-compatible client) vs a raw undici request, same server. */
export async function benchFirstToken(
  server: BenchServer,
  dispatcher: Agent,
  deps: ProviderDeps,
  options: LatencyOptions,
): Promise<FirstTokenResult> {
  const router = newRouter([routerSlot(server, deps, 'only', '/short')], deps);
  const url = `${server.url}/short/v1/chat/completions`;
  const result = await interleave(
    { raw: () => rawFirstTokenMs(url, dispatcher), skynet: () => routedFirstTokenMs(router) },
    options,
  );
  return { rawMs: result.raw, skynetMs: result.skynet, overheadMs: round(result.skynet.median - result.raw.median, 4) };
}

export interface FailoverResult {
  slot2AloneMs: Summary;
  failoverMs: Summary;
  costMs: number;
  /** Requests that reached slot 1 while it was cooling down, out of `requestsWhileCooling`. */
  requestsToCoolingSlot: number;
  requestsWhileCooling: number;
}

/**
 * Failover cost: first token when slot 1 answers 429 at once and slot 2 answers, minus slot 2 alone.
 * Each failover sample uses a fresh router (no cooldown yet); then one router's cooldown is checked by counting.
 */
export async function benchFailover(
  server: BenchServer,
  deps: ProviderDeps,
  options: LatencyOptions,
): Promise<FailoverResult> {
  const limited = routerSlot(server, deps, 'limited', '/limited');
  const answering = routerSlot(server, deps, 'answering', '/short');
  const alone = newRouter([answering], deps);
  const result = await interleave(
    {
      alone: () => routedFirstTokenMs(alone),
      failover: () => routedFirstTokenMs(newRouter([limited, answering], deps)),
    },
    options,
  );

  const cooling = newRouter([limited, answering], deps);
  await routedFirstTokenMs(cooling); // slot 1 answers 429 with Retry-After: 30 and starts cooling down
  const before = (await server.counts()).limited ?? 0;
  const requestsWhileCooling = 50;
  for (let index = 0; index < requestsWhileCooling; index++) await routedFirstTokenMs(cooling);
  const after = (await server.counts()).limited ?? 0;
  return {
    slot2AloneMs: result.alone,
    failoverMs: result.failover,
    costMs: round(result.failover.median - result.alone.median, 4),
    requestsToCoolingSlot: after - before,
    requestsWhileCooling,
  };
}
