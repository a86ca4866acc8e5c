import * as os from 'node:os';
import type { FailoverResult, FirstTokenResult } from './latency';
import type { ManySlotsResult } from './manySlots';
import type { ManyKeysResult } from './manyKeys';
import type { MemoryResult } from './memory';
import { networkChecks, type NetworkLatencyResult } from './networkLatency';
import type { SizeResult } from './sizeAndStart';
import type { StreamOverheadRow } from './streamOverhead';
import type { Summary } from './stats';

export interface Check {
  measure: string;
  skynet: string;
  reference: string;
  ratio: string;
  target: string;
  /** `null` when not measured, or when `withinNoise`. */
  pass: boolean | null;
  /** Measured, but the target lies inside the measurement's 95 % confidence interval: neither pass nor FAIL. */
  withinNoise?: boolean;
}

export interface BenchResults {
  generatedAt: string;
  machine: {
    node: string;
    cpu: string;
    cores: number;
    platform: string;
    memoryGb: number;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  settings: Record<string, unknown>;
  streamOverhead: StreamOverheadRow[];
  firstToken: FirstTokenResult;
  failover: FailoverResult;
  manySlots: ManySlotsResult;
  manyKeys: ManyKeysResult;
  size: SizeResult;
  memory: MemoryResult;
  /** Time to first token over a modelled network link (absent with --no-network). */
  network?: NetworkLatencyResult;
  checks: Check[];
}

/** The 1/5/15-minute load averages: other work on the machine makes the wall times noisier. */
export function loadAverage(): number[] {
  return os.loadavg().map((value) => Math.round(value * 100) / 100);
}

export function machineFacts(loadAverageAtStart: number[]): BenchResults['machine'] {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart,
    loadAverageAtEnd: loadAverage(),
  };
}

const ms = (summary: Summary) =>
  `${summary.median.toFixed(2)} ms (${summary.min.toFixed(2)}–${summary.max.toFixed(2)})`;
const x = (ratio: number) => `${ratio.toFixed(2)}×`;
const xr = (ratio: Summary | undefined) => (ratio ? `${x(ratio.median)} (${x(ratio.min)}–${x(ratio.max)})` : '–');
const sign = (delta: number) => `${delta >= 0 ? '+' : ''}${delta.toFixed(3)}`;

/** Issue 19 item 4: what routing may add to a client's CPU, the stream handed on in batches (median of ABBA pairs). */
const ROUTER_CPU_TARGET = 1.05;
/** Issue 19 item 4: a client's CPU over the least work any client must do (split the events, JSON.parse each). */
const PARSE_FLOOR_TARGET = 1.2;
const PARSE_FLOOR_FAMILIES: readonly string[] = ['openai', 'anthropic', 'ollama'];

/**
 * Wall time vs the SDK, judged on the 95 % bootstrap interval of the paired median when there are enough rounds
 * (6) for one: both clients keep pace with the same server, so their wall times differ by less than the noise of a round,
 * and the median alone would pass or fail a client as fast as the SDK by chance. Without an interval (fewer than 6
 * rounds, as in --quick), the median decides.
 */
function wallVerdict(
  sameOutput: boolean,
  median: number,
  interval: [number, number] | undefined,
): Pick<Check, 'pass' | 'withinNoise'> {
  if (!sameOutput) return { pass: false };
  if (!interval) return { pass: median <= 1 };
  if (interval[1] <= 1) return { pass: true };
  if (interval[0] > 1) return { pass: false };
  return { pass: null, withinNoise: true };
}

export function streamChecks(rows: StreamOverheadRow[]): Check[] {
  const checks: Check[] = [];
  for (const row of rows) {
    const label = `stream ${row.family} (${row.chunks} chunks)`;
    if (!row.skynet || !row.ratios) {
      checks.push({
        measure: `${label} vs ${row.sdk}`,
        skynet: `not measured: ${row.skynetMissing}`,
        reference: ms(row.sdkCost.wallMs),
        ratio: '–',
        target: '≤ 1.00× SDK',
        pass: null,
      });
      continue;
    }
    const same = row.sameOutput ? '' : ` [output differs: ${row.outputNote}]`;
    const interval = row.pairedRatios?.wallVsSdkInterval;
    checks.push({
      measure: `${label} time vs ${row.sdk}`,
      skynet: ms(row.skynet.wallMs) + same,
      reference: ms(row.sdkCost.wallMs),
      ratio: xr(row.pairedRatios?.wallVsSdk) + (interval ? `; 95 % CI ${x(interval[0])}–${x(interval[1])}` : ''),
      target: '≤ 1.00× SDK',
      ...wallVerdict(row.sameOutput, row.ratios.wallVsSdk, interval),
    });
    checks.push({
      measure: `${label} CPU vs ${row.sdk}`,
      skynet: ms(row.skynet.cpuMs),
      reference: ms(row.sdkCost.cpuMs),
      ratio: xr(row.pairedRatios?.cpuVsSdk),
      target: 'report',
      pass: null,
    });
    checks.push({
      measure: `${label} time vs raw undici read`,
      skynet: ms(row.skynet.wallMs),
      reference: ms(row.raw.wallMs),
      ratio: xr(row.pairedRatios?.wallVsRaw),
      target: '≤ 1.50× raw',
      pass: row.ratios.wallVsRaw <= 1.5,
    });
    const routedVsClient = row.pairedRatios?.routedCpuVsClient;
    if (row.routed && row.routerClient && routedVsClient) {
      const [low, high] = routedVsClient.ci95;
      checks.push({
        measure: `${label} CPU through ProviderRouter vs the client alone (${routedVsClient.runs} ABBA pairs)`,
        skynet: ms(row.routed.cpuMs),
        reference: ms(row.routerClient.cpuMs),
        ratio: `${x(routedVsClient.median)} (95 % CI ${x(low)}–${x(high)}; pairs ${x(routedVsClient.min)}–${x(routedVsClient.max)})`,
        target: `≤ ${ROUTER_CPU_TARGET.toFixed(2)}× client`,
        pass: routedVsClient.median <= ROUTER_CPU_TARGET,
      });
    }
    if (row.parseFloor && row.ratios.cpuVsParseFloor !== undefined) {
      const targeted = PARSE_FLOOR_FAMILIES.includes(row.family);
      checks.push({
        measure: `${label} CPU vs raw read + JSON.parse of every event`,
        skynet: ms(row.skynet.cpuMs),
        reference: ms(row.parseFloor.cpuMs),
        ratio: xr(row.pairedRatios?.cpuVsParseFloor),
        target: targeted ? `≤ ${PARSE_FLOOR_TARGET.toFixed(2)}× floor` : 'report',
        pass: targeted ? row.ratios.cpuVsParseFloor <= PARSE_FLOOR_TARGET : null,
      });
    }
  }
  return checks;
}

export function buildChecks(results: Omit<BenchResults, 'checks'>): Check[] {
  const { firstToken, failover, manySlots, manyKeys, size, memory } = results;
  const kb = (bytes?: number) => (bytes === undefined ? '' : `${(bytes / 1024).toFixed(1)} KB`);
  return [
    ...streamChecks(results.streamOverhead),
    {
      measure: 'time to first token: router + client vs raw request',
      skynet: ms(firstToken.skynetMs),
      reference: ms(firstToken.rawMs),
      ratio: `${sign(firstToken.overheadMs)} ms`,
      target: '< 1 ms overhead',
      pass: firstToken.overheadMs < 1,
    },
    {
      measure: 'failover: slot 1 answers 429, slot 2 answers',
      skynet: ms(failover.failoverMs),
      reference: `${ms(failover.slot2AloneMs)} (slot 2 alone)`,
      ratio: `${sign(failover.costMs)} ms`,
      target: '< 2 ms',
      pass: failover.costMs < 2,
    },
    {
      measure: 'requests reaching slot 1 while it cools down',
      skynet: `${failover.requestsToCoolingSlot} of ${failover.requestsWhileCooling}`,
      reference: '–',
      ratio: '–',
      target: '0',
      pass: failover.requestsToCoolingSlot === 0,
    },
    {
      measure: `parseConfig, skynet.toml with ${manySlots.slots} providers`,
      skynet: ms(manySlots.parseConfigMs),
      reference: '–',
      ratio: '–',
      target: 'report',
      pass: null,
    },
    {
      measure: `buildRouter, ${manySlots.slots} providers (${manySlots.withClient} with a client)`,
      skynet: ms(manySlots.buildRouterMs),
      reference: '–',
      ratio: '–',
      target: 'report',
      pass: null,
    },
    {
      measure: `router plan() over ${manySlots.slots} slots`,
      skynet: `${manySlots.planUs.median.toFixed(2)} µs (${manySlots.planUs.min.toFixed(2)}–${manySlots.planUs.max.toFixed(2)})`,
      reference: '–',
      ratio: '–',
      target: 'report',
      pass: null,
    },
    {
      measure: `first token, first of ${manySlots.slots} slots vs that slot alone`,
      skynet: ms(manySlots.firstTokenFirstOfManyMs),
      reference: ms(manySlots.firstTokenFirstSlotAloneMs),
      ratio: `${sign(manySlots.routingCostMs)} ms`,
      target: 'report',
      pass: null,
    },
    {
      measure: `first token past ${manySlots.withClient} cooling slots vs the answering slot alone`,
      skynet: ms(manySlots.firstTokenPastCoolingMs),
      reference: ms(manySlots.firstTokenLastSlotAloneMs),
      ratio: `${sign(manySlots.routingCostPastCoolingMs)} ms`,
      target: 'report',
      pass: null,
    },
    {
      measure: `router per-request cost with ${manyKeys.keys} keys per slot: first token vs 1 key`,
      skynet: ms(manyKeys.firstTokenFiveKeysMs),
      reference: `${ms(manyKeys.firstTokenOneKeyMs)} (1 key)`,
      ratio: `${sign(manyKeys.costMs)} ms`,
      target: '< 1 ms',
      pass: manyKeys.costMs < 1,
    },
    {
      measure: `${manyKeys.keys} keys, ${manyKeys.keys - 1} cooling after a 429: first token vs 1 key (key order: ${manyKeys.orderUs.median.toFixed(2)} µs)`,
      skynet: ms(manyKeys.firstTokenPastCoolingKeysMs),
      reference: `${ms(manyKeys.firstTokenOneKeyMs)} (1 key)`,
      ratio: `${sign(manyKeys.costPastCoolingMs)} ms`,
      target: '< 1 ms',
      pass: manyKeys.costPastCoolingMs < 1,
    },
    {
      measure: 'dist/extension.js (minified bundle, all that VS Code loads to start Skynet)',
      skynet:
        size.bundleBytes === undefined
          ? `not measured: ${size.bundleNote}`
          : `${size.bundleBytes} B (${kb(size.bundleBytes)})${size.bundleMinified ? '' : ' NOT minified'}`,
      reference: '–',
      ratio: '–',
      target: '< 300 KB',
      pass: size.bundleBytes === undefined ? null : size.bundleBytes < 300 * 1024,
    },
    {
      measure: 'all JS the extension can load: extension.js + family files read on first use of their slots',
      skynet:
        size.bundleBytes === undefined
          ? 'not measured'
          : `${kb(size.bundleBytes + (size.familyFiles ?? []).reduce((sum, family) => sum + family.bytes, 0))} (${[
              'extension.js',
              ...(size.familyFiles ?? []).map((family) => `${family.file} ${kb(family.bytes)}`),
            ].join(' + ')}); cli.js ${size.cliBytes === undefined ? '?' : kb(size.cliBytes)} beside them`,
      reference: '–',
      ratio: '–',
      target: 'report',
      pass: null,
    },
    {
      measure: 'largest parts of the bundle',
      skynet:
        (size.bundleComposition ?? [])
          .slice(0, 4)
          .map((part) => `${part.from} ${kb(part.bytes)}`)
          .join(', ') || 'not measured',
      reference: '–',
      ratio: '–',
      target: 'report',
      pass: null,
    },
    {
      measure: '.vsix (npm run package)',
      skynet:
        size.vsixBytes === undefined ? `not measured: ${size.vsixNote}` : `${size.vsixBytes} B (${kb(size.vsixBytes)})`,
      reference: '–',
      ratio: '–',
      target: 'report',
      pass: null,
    },
    {
      measure: 'activation in the real host',
      skynet:
        size.activationMs === undefined ? size.activationNote : `${size.activationMs} ms (${size.activationNote})`,
      reference: '–',
      ratio: '–',
      target: '< 50 ms',
      pass: size.activationMs === undefined ? null : size.activationMs < 50,
    },
    {
      measure: 'heap after 1,000 streamed requests vs after 100',
      skynet: `${memory.heapAfter1000Kb} KB`,
      reference: `${memory.heapAfter100Kb} KB`,
      ratio: `${memory.growthKb >= 0 ? '+' : ''}${memory.growthKb} KB (${memory.growthPerRequestBytes} B/request)${memory.gcExposed ? '' : ' [no --expose-gc]'}`,
      target: '< 1024 KB growth',
      pass: memory.gcExposed ? memory.growthKb < 1024 : null,
    },
    ...(results.network ? networkChecks(results.network) : []),
  ];
}

export const verdict = (check: Check): string =>
  check.withinNoise ? 'within noise' : check.pass === null ? '–' : check.pass ? 'pass' : 'FAIL';

/** `Targets: 9 pass, 6 FAIL, 2 not measured` (rows without a target are not counted; "within noise" only when some are). */
export function tally(checks: Check[]): string {
  const targeted = checks.filter((check) => check.target !== 'report');
  const count = (pass: boolean | null) => targeted.filter((check) => check.pass === pass && !check.withinNoise).length;
  const noise = targeted.filter((check) => check.withinNoise).length;
  return `Targets: ${count(true)} pass, ${count(false)} FAIL, ${noise ? `${noise} within noise, ` : ''}${count(null)} not measured`;
}

/** The checks as a Markdown table (printed, and pasted into docs/benchmarks.md). */
export function markdownTable(results: BenchResults): string {
  const { machine } = results;
  const lines = [
    `Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, ${machine.platform}; ${results.generatedAt}; ` +
      `load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at the end`,
    '',
    '| Measure | Skynet | Reference | Ratio / Δ | Target | Result |',
    '|---|---|---|---|---|---|',
    ...results.checks.map(
      (check) =>
        `| ${[check.measure, check.skynet, check.reference, check.ratio, check.target, verdict(check)].join(' | ')} |`,
    ),
    '',
    tally(results.checks),
  ];
  return lines.join('\n') + '\n';
}
