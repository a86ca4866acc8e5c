import { parseConfig } from '../src/config';
import { KNOWN_PROVIDERS } from '../src/providers/knownProviders';
import type { SkynetConfig } from '../src/config/types';
import { REGISTRY } from '../src/providers/registry';
import type { ProviderDeps } from '../src/providers/types';
import { buildRouter } from '../src/router/buildRouter';
import { interleave, newRouter, routedFirstTokenMs, routerSlot, type LatencyOptions } from './latency';
import type { BenchServer } from './serverProcess';
import { BENCH_KEY, MODEL } from './skynetClients';
import { elapsedMs, round, roundSummary, summarize, type Summary } from './stats';

/**
 * skynet.toml with every provider: the native tables and one `[[providers.openai_compat]]` per registry row,
 * each pointed by `base_url` at `baseFor(index)` (index in file order). Keys are literals (bench-only).
 */
export function allProvidersToml(baseFor: (index: number) => string): string {
  let index = 0;
  const table = (header: string, fields: Record<string, string>) =>
    `${header}\n${Object.entries({ ...fields, base_url: baseFor(index++) })
      .map(([key, value]) => `${key} = ${JSON.stringify(value)}`)
      .join('\n')}\n`;
  const key = { api_key: BENCH_KEY };
  return [
    `[agent]\nmodel = ${JSON.stringify(MODEL)}\n`,
    table('[providers.anthropic]', key),
    table('[providers.openai]', key),
    ...REGISTRY.map((entry) => table('[[providers.openai_compat]]', { id: entry.id, ...key })),
    table('[providers.copilot]', {}),
    table('[providers.qwen_oauth]', { credentials_path: '~/no-such-oauth_creds.json' }),
    table('[providers.bedrock]', { region: 'us-east-1' }),
    table('[providers.vertex]', { project_id: 'bench-project' }),
    table('[providers.ollama]', {}),
  ].join('\n');
}

function parse(text: string, deps: ProviderDeps): SkynetConfig {
  const result = parseConfig(
    text,
    'bench/skynet.toml',
    { ...deps.env, HOME: deps.homeDir },
    KNOWN_PROVIDERS,
    deps.homeDir,
  );
  if (!result.ok) throw new Error(`the generated skynet.toml did not parse: ${JSON.stringify(result.errors[0])}`);
  return result.config;
}

export interface ManySlotsResult {
  slots: number;
  withClient: number;
  unavailable: Array<{ slot: string; reason: string }>;
  parseConfigMs: Summary;
  buildRouterMs: Summary;
  /** One `plan()` (the order a request will try) over every slot, in microseconds. */
  planUs: Summary;
  /** The first slot of the file alone in a router, vs the same slot first of all. */
  firstTokenFirstSlotAloneMs: Summary;
  firstTokenFirstOfManyMs: Summary;
  routingCostMs: number;
  /** Every slot cooling down after a 429; one more slot at the end answers; vs that slot alone. */
  firstTokenLastSlotAloneMs: Summary;
  firstTokenPastCoolingMs: Summary;
  routingCostPastCoolingMs: number;
}

async function timeRuns(count: number, run: () => unknown): Promise<Summary> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = process.hrtime.bigint();
    await run();
    times.push(elapsedMs(started));
  }
  return roundSummary(summarize(times), 4);
}

/** Many slots: parse and build a router from a config of every provider; the cost of routing over them. */
export async function benchManySlots(
  server: BenchServer,
  deps: ProviderDeps,
  options: LatencyOptions,
): Promise<ManySlotsResult> {
  const text = allProvidersToml((index) => `${server.url}/many/${index}`);
  const config = parse(text, deps);
  const parseConfigMs = await timeRuns(30, () => parse(text, deps));
  const buildRouterMs = await timeRuns(30, () => buildRouter(config, deps));
  const router = await buildRouter(config, deps);
  const unavailable = router.slots
    .filter((slot) => !slot.client)
    .map((slot) => ({ slot: slot.config.id, reason: slot.unavailableReason ?? '' }));

  const planSamples: number[] = [];
  for (let sample = 0; sample < 15; sample++) {
    const started = process.hrtime.bigint();
    for (let call = 0; call < 10_000; call++) router.plan();
    planSamples.push((elapsedMs(started) * 1000) / 10_000);
  }

  // Every slot answers 429 with Retry-After; after one request they are all cooling and the extra last slot answers.
  const limited = await buildRouter(
    parse(
      allProvidersToml(() => `${server.url}/limited`),
      deps,
    ),
    deps,
  );
  const last = routerSlot(server, deps, 'answering', '/short');
  const pastCooling = newRouter([...limited.slots, last], deps);
  await routedFirstTokenMs(pastCooling);

  const firstAlone = newRouter([router.slots[0]], deps);
  const lastAlone = newRouter([last], deps);
  const latency = await interleave(
    {
      firstAlone: () => routedFirstTokenMs(firstAlone),
      firstOfMany: () => routedFirstTokenMs(router),
      lastAlone: () => routedFirstTokenMs(lastAlone),
      pastCooling: () => routedFirstTokenMs(pastCooling),
    },
    options,
  );
  return {
    slots: config.slots.length,
    withClient: router.slots.length - unavailable.length,
    unavailable,
    parseConfigMs,
    buildRouterMs,
    planUs: roundSummary(summarize(planSamples), 4),
    firstTokenFirstSlotAloneMs: latency.firstAlone,
    firstTokenFirstOfManyMs: latency.firstOfMany,
    routingCostMs: round(latency.firstOfMany.median - latency.firstAlone.median, 4),
    firstTokenLastSlotAloneMs: latency.lastAlone,
    firstTokenPastCoolingMs: latency.pastCooling,
    routingCostPastCoolingMs: round(latency.pastCooling.median - latency.lastAlone.median, 4),
  };
}
