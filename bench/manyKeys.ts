import { DEFAULT_ROUTER_SETTINGS } from '../src/config/types';
import type { ProviderDeps } from '../src/providers/types';
import { KeyRing } from '../src/router/keyRing';
import type { RouterSlot } from '../src/router/types';
import { interleave, newRouter, routedFirstTokenMs, routerSlot, type LatencyOptions } from './latency';
import type { BenchServer } from './serverProcess';
import { elapsedMs, round, roundSummary, summarize, type Summary } from './stats';

export interface ManyKeysResult {
  keys: number;
  /** One slot with one key. */
  firstTokenOneKeyMs: Summary;
  /** One slot with five keys, the first answering. */
  firstTokenFiveKeysMs: Summary;
  costMs: number;
  /** Five keys, the first four cooling after a 429 (one request taught the ring), the fifth answering. */
  firstTokenPastCoolingKeysMs: Summary;
  costPastCoolingMs: number;
  /** One `order()` of a five-key ring (which keys a request tries), in microseconds. */
  orderUs: Summary;
}

const KEYS = 5;

/** A slot of `KEYS` keys: each key is its own client, as `buildKeyedSlot` builds them; `prefixes` says where each one's requests go. */
function keyedSlot(server: BenchServer, deps: ProviderDeps, id: string, prefixes: string[]): RouterSlot {
  const keys = prefixes.map((prefix, index) => ({
    client: routerSlot(server, deps, `${id}-${index}`, prefix).client!,
    hint: '…',
    origin: 'file' as const,
  }));
  const ring = new KeyRing(id, keys, DEFAULT_ROUTER_SETTINGS, deps.now);
  return { config: routerSlot(server, deps, id, prefixes[0]).config, client: ring.asClient(), keys: ring };
}

/**
 * The router's per-request cost of a slot with five keys (issue 17): first token through one slot of five keys vs
 * the same slot with one key, and past four keys cooling after a 429 (a 429 on the bench server's /limited path
 * stands for a rate-limited key) vs one key.
 */
export async function benchManyKeys(
  server: BenchServer,
  deps: ProviderDeps,
  options: LatencyOptions,
): Promise<ManyKeysResult> {
  const one = newRouter([routerSlot(server, deps, 'one-key', '/short')], deps);
  const five = newRouter(
    [
      keyedSlot(
        server,
        deps,
        'five-keys',
        Array.from({ length: KEYS }, () => '/short'),
      ),
    ],
    deps,
  );
  const cooling = keyedSlot(server, deps, 'four-cooling', [
    ...Array.from({ length: KEYS - 1 }, () => '/limited'),
    '/short',
  ]);
  const pastCooling = newRouter([cooling], deps);
  await routedFirstTokenMs(pastCooling);
  if (cooling.keys!.snapshot().filter((key) => key.state === 'cooling').length !== KEYS - 1)
    throw new Error('bench: the four rate-limited keys are not cooling');

  const orderSamples: number[] = [];
  for (let sample = 0; sample < 15; sample++) {
    const started = process.hrtime.bigint();
    for (let call = 0; call < 10_000; call++) cooling.keys!.order();
    orderSamples.push((elapsedMs(started) * 1000) / 10_000);
  }
  const latency = await interleave(
    {
      one: () => routedFirstTokenMs(one),
      five: () => routedFirstTokenMs(five),
      pastCooling: () => routedFirstTokenMs(pastCooling),
    },
    options,
  );
  return {
    keys: KEYS,
    firstTokenOneKeyMs: latency.one,
    firstTokenFiveKeysMs: latency.five,
    costMs: round(latency.five.median - latency.one.median, 4),
    firstTokenPastCoolingKeysMs: latency.pastCooling,
    costPastCoolingMs: round(latency.pastCooling.median - latency.one.median, 4),
    orderUs: roundSummary(summarize(orderSamples), 4),
  };
}
