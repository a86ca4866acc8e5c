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
