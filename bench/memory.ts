import type { ProviderDeps } from '../src/providers/types';
import { newRouter, routedFirstTokenMs, routerSlot } from './latency';
import type { BenchServer } from './serverProcess';
import { round } from './stats';

export interface MemoryResult {
  gcExposed: boolean;
  heapAfter100Kb: number;
  heapAfter1000Kb: number;
  growthKb: number;
  growthPerRequestBytes: number;
}

function settledHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let pass = 0; pass < 3; pass++) gc?.();
  return process.memoryUsage().heapUsed;
}

/** Heap after 1,000 streamed requests (the recorded 302-chunk answer) through one router vs after the first 100. */
export async function benchMemory(server: BenchServer, deps: ProviderDeps): Promise<MemoryResult> {
  const router = newRouter([routerSlot(server, deps, 'memory', '/mem')], deps);
  for (let index = 0; index < 100; index++) await routedFirstTokenMs(router);
  const after100 = settledHeap();
  for (let index = 100; index < 1000; index++) await routedFirstTokenMs(router);
  const after1000 = settledHeap();
  return {
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    heapAfter100Kb: round(after100 / 1024, 1),
    heapAfter1000Kb: round(after1000 / 1024, 1),
    growthKb: round((after1000 - after100) / 1024, 1),
    growthPerRequestBytes: round((after1000 - after100) / 900, 1),
  };
}
