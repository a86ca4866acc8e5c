import { DEFAULT_ROUTER_SETTINGS, type ProviderKind, type SkynetConfig, type SlotConfig } from '../src/config/types';
import type { ProviderDeps } from '../src/providers/types';
import { buildRouter } from '../src/router/buildRouter';
import { interleave, newRouter, routedFirstTokenMs, routerSlot, type LatencyOptions } from './latency';
import { benchSlot } from './skynetClients';
import type { BenchServer } from './serverProcess';
import { elapsedMs, round, roundSummary, summarize, type Summary } from './stats';

/** The OpenAI-compatible registry of PROVIDERS.md (its 33 rows) and the 7 native families: 40 slots. */
const REGISTRY_IDS = [
  'groq', 'deepseek', 'openrouter', 'xai', 'mistral', 'perplexity', 'together', 'fireworks', 'cerebras', 'sambanova',
  'hyperbolic', 'novita', 'lepton', 'corethink', 'featherless', 'requesty', 'glama', 'chutes', 'cohere', 'gemini',
  'moonshot', 'glm', 'doubao', 'qwen', 'zai', 'yi', 'minimax', 'hunyuan', 'stepfun', 'lmstudio', 'llamacpp', 'localai', 'litellm',
];
const NATIVE_KINDS: ProviderKind[] = ['anthropic', 'openai', 'ollama', 'copilot', 'qwen-oauth', 'bedrock', 'vertex'];

/** A config of every provider; `baseFor(index)` says where slot `index` points. */
export function allProvidersConfig(baseFor: (index: number) => string): SkynetConfig {
  const slots: SlotConfig[] = [
    ...REGISTRY_IDS.map((id, index) => benchSlot('openai-compat', id, `${baseFor(index)}/v1`)),
    ...NATIVE_KINDS.map((kind, index) => benchSlot(kind, kind, baseFor(REGISTRY_IDS.length + index))),
  ];
  return { file: 'bench/skynet.toml', slots, router: { ...DEFAULT_ROUTER_SETTINGS }, fromEnvironment: false };
}

export interface ManySlotsResult {
  slots: number;
  withClient: number;
  unavailable: Array<{ slot: string; reason: string }>;
  configSource: string;
  buildRouterMs: Summary;
  /** One `plan()` (the order a request will try) over 40 slots, in microseconds. */
  planUs: Summary;
  firstTokenOneSlotMs: Summary;
  /** 40 slots, the first answers. */
  firstTokenFirstOfManyMs: Summary;
  /** Every other slot cooling down after a 429; the last slot answers. */
  firstTokenPastCoolingMs: Summary;
  routingCostMs: number;
  routingCostPastCoolingMs: number;
}

async function timeBuilds(config: SkynetConfig, deps: ProviderDeps, count: number): Promise<Summary> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = process.hrtime.bigint();
    await buildRouter(config, deps);
    times.push(elapsedMs(started));
  }
  return roundSummary(summarize(times), 4);
}

export async function benchManySlots(server: BenchServer, deps: ProviderDeps, options: LatencyOptions): Promise<ManySlotsResult> {
  const config = allProvidersConfig((index) => `${server.url}/many/${index}`);
  const buildRouterMs = await timeBuilds(config, deps, 30);
  const router = await buildRouter(config, deps);
  const unavailable = router.slots.filter((slot) => !slot.client).map((slot) => ({ slot: slot.config.id, reason: slot.unavailableReason ?? '' }));

  const planSamples: number[] = [];
  for (let sample = 0; sample < 15; sample++) {
    const started = process.hrtime.bigint();
    for (let call = 0; call < 10_000; call++) router.plan();
    planSamples.push((elapsedMs(started) * 1000) / 10_000);
  }

  // Every slot but an extra last one answers 429 with Retry-After; after one request they are all cooling.
  const limitedConfig = allProvidersConfig(() => `${server.url}/limited`);
  const pastCooling = await buildRouter(limitedConfig, deps);
  const last = routerSlot(server, deps, 'answering', '/short');
  const coolingRouter = newRouter([...pastCooling.slots, last], deps);
  await routedFirstTokenMs(coolingRouter);

  const single = newRouter([routerSlot(server, deps, 'only', '/short')], deps);
  const latency = await interleave(
    { one: () => routedFirstTokenMs(single), first: () => routedFirstTokenMs(router), cooling: () => routedFirstTokenMs(coolingRouter) },
    options,
  );
  return {
    slots: config.slots.length,
    withClient: router.slots.length - unavailable.length,
    unavailable,
    configSource: 'SlotConfig objects for every registry row and native family (src/config has no parseConfig in this build)',
    buildRouterMs,
    planUs: roundSummary(summarize(planSamples), 4),
    firstTokenOneSlotMs: latency.one,
    firstTokenFirstOfManyMs: latency.first,
    firstTokenPastCoolingMs: latency.cooling,
    routingCostMs: round(latency.first.median - latency.one.median, 4),
    routingCostPastCoolingMs: round(latency.cooling.median - latency.one.median, 4),
  };
}
