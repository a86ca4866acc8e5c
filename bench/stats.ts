/** Summaries of repeated measurements: medians with min and max, never a single run. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: number[]): Summary {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** Wall time and this process's CPU time (user + system) of one run, in milliseconds. */
export interface RunCost {
  wallMs: number;
  cpuMs: number;
}

export async function measure<T>(run: () => Promise<T>): Promise<RunCost & { value: T }> {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const value = await run();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

/** Milliseconds since `start` (a `process.hrtime.bigint()` reading). */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function roundSummary(summary: Summary, digits = 3): Summary {
  return {
    median: round(summary.median, digits),
    min: round(summary.min, digits),
    max: round(summary.max, digits),
    runs: summary.runs,
  };
}

/** A small seeded generator (mulberry32), so a bootstrap gives the same interval for the same samples. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The 95 % interval of the median of `values` by the percentile bootstrap (resampled with replacement, seeded):
 * how far the median could be from the one measured, for a reader to see what a row can and cannot tell apart.
 */
export function medianInterval(values: number[], resamples = 2000): [number, number] {
  if (values.length === 0) return [NaN, NaN];
  const random = seeded(19);
  const medians: number[] = [];
  for (let round = 0; round < resamples; round++) {
    const sample = values.map(() => values[Math.floor(random() * values.length)]);
    medians.push(summarize(sample).median);
  }
  medians.sort((a, b) => a - b);
  return [medians[Math.floor(resamples * 0.025)], medians[Math.ceil(resamples * 0.975) - 1]];
}
