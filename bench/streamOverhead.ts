import type { Agent } from 'undici';
import type { ProviderDeps } from '../src/providers/types';
import { familyConsumers, type Consumer } from './consumers';
import { FAMILIES, type Family } from './longStreams';
import type { BenchServer } from './serverProcess';
import { measure, medianInterval, roundSummary, summarize, type Summary } from './stats';

export interface CostSummary {
  wallMs: Summary;
  cpuMs: Summary;
}

export interface StreamOverheadRow {
  family: Family;
  source: string;
  chunks: number;
  bytes: number;
  sdk: string;
  raw: CostSummary;
  sdkCost: CostSummary;
  /** Raw read + split + JSON.parse of every event: the least work any client must do (text formats). */
  parseFloor?: CostSummary;
  skynet?: CostSummary;
  /** Skynet's client behind a one-slot ProviderRouter (from the router pairs). */
  routed?: CostSummary;
  /** The client alone in the router pairs, the reference of the router row. */
  routerClient?: CostSummary;
  skynetMissing?: string;
  /** Medians of the per-round ratios Skynet ÷ SDK and Skynet ÷ raw, wall and CPU. */
  ratios?: { wallVsSdk: number; cpuVsSdk: number; wallVsRaw: number; cpuVsRaw: number; cpuVsParseFloor?: number };
  /** The per-round ratios with their min and max. */
  pairedRatios?: {
    wallVsSdk: Summary;
    /** The 95 % bootstrap interval of wallVsSdk's median (absent with fewer than 6 rounds). */
    wallVsSdkInterval?: [number, number];
    cpuVsSdk: Summary;
    wallVsRaw: Summary;
    cpuVsRaw: Summary;
    cpuVsParseFloor?: Summary;
    /** Per pair (client alone, then routed, or the other way), with the 95 % bootstrap interval of the median. */
    routedCpuVsClient?: Summary & { ci95: [number, number] };
  };
  /** Skynet and the SDK produced the same text, and the raw read got every byte. */
  sameOutput: boolean;
  outputNote?: string;
}

export interface StreamOverheadOptions {
  rounds: number;
  warmups: number;
  /** Stop adding rounds for a family after this long (at least 3 rounds are kept). */
  budgetMs: number;
  /** Router row: at most this many (client alone, routed) pairs per family, in ABBA order. */
  routerPairs: number;
  /** Stop adding router pairs for a family after this long (at least 10 pairs are kept). */
  routerBudgetMs: number;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function sample(consume: Consumer, walls: number[], cpus: number[], collectFirst = true): Promise<number> {
  if (collectFirst) gc();
  const cost = await measure(consume);
  walls.push(cost.wallMs);
  cpus.push(cost.cpuMs);
  return cost.value;
}

const costOf = (walls: number[], cpus: number[]): CostSummary => ({
  wallMs: roundSummary(summarize(walls)),
  cpuMs: roundSummary(summarize(cpus)),
});

interface RouterPairs {
  client: CostSummary;
  routed: CostSummary;
  ratio: Summary & { ci95: [number, number] };
  clientText: number;
  routedText: number;
}

/**
 * The router row: the same client alone and behind the router, nothing else in between, in ABBA blocks (client,
 * routed, routed, client), so neither always runs first, second, or after the other's garbage. No `gc()` before
 * each run here: a forced full GC made V8 drop and rebuild optimized code in every run that followed it (parser,
 * `withSlot`, generators deoptimized on "wrong map"; 14–22 ms of background compilation per 45 ms Ollama stream,
 * more for the routed path), a cost no request pays in the extension; the GCs a run triggers itself are its own.
 * A stream's CPU time varies ±10–20 % run to run on a shared machine, while the router's cost is a few per cent:
 * the row needs many pairs, and says how sure its median is (95 % bootstrap interval).
 */
async function measureRouterPairs(
  client: Consumer,
  routed: Consumer,
  options: StreamOverheadOptions,
): Promise<RouterPairs> {
  const walls = { client: [] as number[], routed: [] as number[] };
  const cpus = { client: [] as number[], routed: [] as number[] };
  const text = { client: 0, routed: 0 };
  const consumers = { client, routed };
  gc();
  for (let warmup = 0; warmup < 2; warmup++) {
    text.client = await client();
    text.routed = await routed();
  }
  const started = Date.now();
  for (let pair = 0; pair < options.routerPairs; pair++) {
    if (pair >= 10 && Date.now() - started > options.routerBudgetMs) break;
    const order = pair % 2 === 0 ? (['client', 'routed'] as const) : (['routed', 'client'] as const);
    for (const name of order) text[name] = await sample(consumers[name], walls[name], cpus[name], false);
  }
  const ratios = cpus.routed.map((value, index) => value / cpus.client[index]);
  const interval = medianInterval(ratios);
  return {
    client: costOf(walls.client, cpus.client),
    routed: costOf(walls.routed, cpus.routed),
    ratio: {
      ...roundSummary(summarize(ratios)),
      ci95: [interval[0], interval[1]].map((value) => Math.round(value * 1000) / 1000) as [number, number],
    },
    clientText: text.client,
    routedText: text.routed,
  };
}

async function measureFamily(
  family: Family,
  server: BenchServer,
  dispatcher: Agent,
  deps: ProviderDeps,
  options: StreamOverheadOptions,
): Promise<StreamOverheadRow> {
  const stream = server.streams.find((candidate) => candidate.family === family)!;
  const consumers = familyConsumers(family, server.url, dispatcher, deps);
  const entries: Array<[string, Consumer]> = [
    ['raw', consumers.raw],
    ['sdk', consumers.sdk],
  ];
  if (consumers.parseFloor) entries.push(['floor', consumers.parseFloor]);
  if (consumers.skynet) entries.push(['skynet', consumers.skynet]);
  const walls = new Map<string, number[]>(entries.map(([name]) => [name, []]));
  const cpus = new Map<string, number[]>(entries.map(([name]) => [name, []]));
  const outputs = new Map<string, number>();

  for (let warmup = 0; warmup < options.warmups; warmup++)
    for (const [name, consume] of entries) outputs.set(name, await consume());
  const started = Date.now();
  for (let round = 0; round < options.rounds; round++) {
    if (round >= 3 && Date.now() - started > options.budgetMs) break;
    // Rotate the order each round so no implementation always runs right after another one's garbage.
    for (let index = 0; index < entries.length; index++) {
      const [name, consume] = entries[(index + round) % entries.length];
      outputs.set(name, await sample(consume, walls.get(name)!, cpus.get(name)!));
    }
  }

  const pairs =
    consumers.skynet && consumers.routed
      ? await measureRouterPairs(consumers.skynet, consumers.routed, options)
      : undefined;

  const notes: string[] = [];
  if (outputs.get('raw') !== stream.byteLength)
    notes.push(`raw read ${outputs.get('raw')} of ${stream.byteLength} bytes`);
  if (pairs && pairs.routedText !== pairs.clientText) notes.push(`routed text differs: ${pairs.routedText} chars`);
  if (consumers.skynet && outputs.get('skynet') !== outputs.get('sdk'))
    notes.push(`text differs: Skynet ${outputs.get('skynet')} chars, SDK ${outputs.get('sdk')}`);
  if (!outputs.get('sdk')) notes.push('the SDK produced no text');

  const row: StreamOverheadRow = {
    family,
    source: stream.source,
    chunks: stream.chunks,
    bytes: stream.byteLength,
    sdk: consumers.sdkName,
    raw: costOf(walls.get('raw')!, cpus.get('raw')!),
    sdkCost: costOf(walls.get('sdk')!, cpus.get('sdk')!),
    skynetMissing: consumers.skynetMissing,
    sameOutput: notes.length === 0,
    outputNote: notes.length ? notes.join('; ') : undefined,
  };
  if (consumers.parseFloor) row.parseFloor = costOf(walls.get('floor')!, cpus.get('floor')!);
  if (consumers.skynet) {
    row.skynet = costOf(walls.get('skynet')!, cpus.get('skynet')!);
    if (pairs) {
      row.routed = pairs.routed;
      row.routerClient = pairs.client;
    }
    // Paired: the ratio within each round (the runs were back to back), then the median of those ratios, so a
    // burst of other work on the machine moves both sides of a ratio instead of one median.
    const ratiosTo = (costs: Map<string, number[]>, other: string) => {
      const theirs = costs.get(other)!;
      return costs.get('skynet')!.map((value, index) => value / theirs[index]);
    };
    const paired = (costs: Map<string, number[]>, other: string) => roundSummary(summarize(ratiosTo(costs, other)));
    const wallRatios = ratiosTo(walls, 'sdk');
    const wallInterval = wallRatios.length >= 6 ? medianInterval(wallRatios) : undefined;
    row.pairedRatios = {
      wallVsSdk: paired(walls, 'sdk'),
      ...(wallInterval ? { wallVsSdkInterval: wallInterval } : {}),
      cpuVsSdk: paired(cpus, 'sdk'),
      wallVsRaw: paired(walls, 'raw'),
      cpuVsRaw: paired(cpus, 'raw'),
      ...(consumers.parseFloor ? { cpuVsParseFloor: paired(cpus, 'floor') } : {}),
      ...(pairs ? { routedCpuVsClient: pairs.ratio } : {}),
    };
    row.ratios = {
      wallVsSdk: row.pairedRatios.wallVsSdk.median,
      cpuVsSdk: row.pairedRatios.cpuVsSdk.median,
      wallVsRaw: row.pairedRatios.wallVsRaw.median,
      cpuVsRaw: row.pairedRatios.cpuVsRaw.median,
      ...(row.pairedRatios.cpuVsParseFloor ? { cpuVsParseFloor: row.pairedRatios.cpuVsParseFloor.median } : {}),
    };
  }
  return row;
}

/** Stream overhead per family: the same long stream through Skynet's client, the official SDK and a raw read. */
export async function benchStreamOverhead(
  server: BenchServer,
  dispatcher: Agent,
  deps: ProviderDeps,
  options: StreamOverheadOptions,
  families: readonly Family[] = FAMILIES,
): Promise<StreamOverheadRow[]> {
  const rows: StreamOverheadRow[] = [];
  for (const family of families) rows.push(await measureFamily(family, server, dispatcher, deps, options));
  return rows;
}
