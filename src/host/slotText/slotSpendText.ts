// What a slot has used today and whether a budget stops it, in the words of the Slots tree and /status. No VS Code API here.
import type { SlotConfig } from '../../config/types';
import type { SpendBook } from '../../usage/spendBook';
import { describeCost, describeCounts } from '../../usage/usageReport';
import { tokensOf } from '../../usage/usageLedger';

export interface SlotSpendText {
  /** "12.3k tokens · $0.0412 today", for the tree's description; absent before the slot's first request today. */
  short?: string;
  /** "Today: 3 requests · 1,200 in · 340 out · $0.0087", for the tooltip and /status. */
  today?: string;
  /** The router's reason when a budget stops the slot ("budget reached (…; raise … at …)"). */
  budgetReached?: string;
}

function compact(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  if (tokens < 1_000_000) return `${(tokens / 1000).toFixed(tokens < 10_000 ? 1 : 0)}k`;
  return `${(tokens / 1_000_000).toFixed(1)}M`;
}

export function slotSpendText(spend: SpendBook | undefined, slot: Pick<SlotConfig, 'id'>): SlotSpendText {
  if (!spend) return {};
  const counts = spend.today(slot.id);
  const budgetReached = spend.blocked(slot.id)?.message;
  if (counts.requests === 0) return budgetReached ? { budgetReached } : {};
  return {
    short: `${compact(tokensOf(counts))} tokens · ${describeCost(counts)} today`,
    today: `Today: ${describeCounts(counts)}`,
    ...(budgetReached ? { budgetReached } : {}),
  };
}
