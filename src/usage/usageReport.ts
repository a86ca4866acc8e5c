import { localDay, type UsageCounts, type UsageData } from './usageLedger';

export interface UsageRow extends UsageCounts {
  day: string;
  slot: string;
}

/** The rows of the last `days` local days (today included), newest day first, slots by name. */
export function usageRows(data: UsageData, days: number, now: number): UsageRow[] {
  const first = localDay(now - (days - 1) * 86_400_000);
  return Object.entries(data.days)
    .filter(([day]) => day >= first)
    .sort(([a], [b]) => b.localeCompare(a))
    .flatMap(([day, slots]) =>
      Object.entries(slots)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([slot, counts]) => ({ day, slot, ...counts })),
    );
}

const count = (value: number): string => Math.round(value).toLocaleString('en-US');

/** "$0.0123", or "$0.0123 + 2 requests without a price", or "no price" when no request had one. */
export function describeCost(counts: UsageCounts): string {
  if (counts.requests === 0) return '$0.00';
  const priced = counts.requests - counts.unpricedRequests;
  if (priced === 0) return 'no price';
  const cost = `$${counts.costUsd.toFixed(counts.costUsd === 0 || counts.costUsd >= 1 ? 2 : 4)}`;
  return counts.unpricedRequests > 0 ? `${cost} + ${counts.unpricedRequests} without a price` : cost;
}

/** "3 requests · 1,200 in (800 cached) · 340 out · $0.0087": one line for the tree, /status and the CLI. */
export function describeCounts(counts: UsageCounts): string {
  if (counts.requests === 0) return 'no requests';
  const cached = counts.cacheReadTokens + counts.cacheWriteTokens;
  const cache =
    cached > 0 ? ` (${count(counts.cacheReadTokens)} cache read, ${count(counts.cacheWriteTokens)} written)` : '';
  return `${count(counts.requests)} ${counts.requests === 1 ? 'request' : 'requests'} · ${count(counts.inputTokens)} in${cache} · ${count(counts.outputTokens)} out · ${describeCost(counts)}`;
}
