import type { Agent } from 'undici';
import type { ProviderDeps } from '../src/providers/types';
import { familyConsumers, type Consumer } from './consumers';
import { FAMILIES, type Family } from './longStreams';
import type { BenchServer } from './serverProcess';
import { measure, roundSummary, summarize, type Summary } from './stats';

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
  /** Skynet's client behind a one-slot ProviderRouter. */
  routed?: CostSummary;
  skynetMissing?: string;
  /** Medians of the per-round ratios Skynet ÷ SDK and Skynet ÷ raw, wall and CPU. */
  ratios?: { wallVsSdk: number; cpuVsSdk: number; wallVsRaw: number; cpuVsRaw: number; cpuVsParseFloor?: number };
  /** The per-round ratios with their min and max. */
  pairedRatios?: {
    wallVsSdk: Summary;
    cpuVsSdk: Summary;
    wallVsRaw: Summary;
    cpuVsRaw: Summary;
    cpuVsParseFloor?: Summary;
    routedCpuVsClient?: Summary;
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
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function sample(consume: Consumer, walls: number[], cpus: number[]): Promise<number> {
  gc();
  const cost = await measure(consume);
  walls.push(cost.wallMs);
  cpus.push(cost.cpuMs);
  return cost.value;
}

const costOf = (walls: number[], cpus: number[]): CostSummary => ({
  wallMs: roundSummary(summarize(walls)),
  cpuMs: roundSummary(summarize(cpus)),
});

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
  if (consumers.routed) entries.push(['routed', consumers.routed]);
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

  const notes: string[] = [];
  if (outputs.get('raw') !== stream.byteLength)
    notes.push(`raw read ${outputs.get('raw')} of ${stream.byteLength} bytes`);
  if (consumers.routed && outputs.get('routed') !== outputs.get('skynet'))
    notes.push(`routed text differs: ${outputs.get('routed')} chars`);
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
    if (consumers.routed) row.routed = costOf(walls.get('routed')!, cpus.get('routed')!);
    // Paired: the ratio within each round (the runs were back to back), then the median of those ratios, so a
    // burst of other work on the machine moves both sides of a ratio instead of one median.
    const paired = (costs: Map<string, number[]>, other: string) => {
      const ours = costs.get('skynet')!;
      const theirs = costs.get(other)!;
      return roundSummary(summarize(ours.map((value, index) => value / theirs[index])));
    };
    row.pairedRatios = {
      wallVsSdk: paired(walls, 'sdk'),
      cpuVsSdk: paired(cpus, 'sdk'),
      wallVsRaw: paired(walls, 'raw'),
      cpuVsRaw: paired(cpus, 'raw'),
      ...(consumers.parseFloor ? { cpuVsParseFloor: paired(cpus, 'floor') } : {}),
      ...(consumers.routed
        ? {
            routedCpuVsClient: roundSummary(
              summarize(cpus.get('routed')!.map((value, index) => value / cpus.get('skynet')![index])),
            ),
          }
        : {}),
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
