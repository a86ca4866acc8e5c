import type { Budgets, SkynetConfig, SlotConfig } from '../config/types';
import type { Usage } from '../providers/types';
import { silentLogger, type Logger } from '../util/logger';
import { countsOf, priceOf, type CatalogPrices, type KnownPrice } from './price';
import { localDay, localMonth, recordUsage, sumUsage, tokensOf, type UsageCounts, type UsageData } from './usageLedger';
import type { UsageStore } from './usageStore';

/** Share of a budget at which the user is warned, once per budget and period. */
export const WARN_AT = 0.8;

type BudgetProperty = keyof Budgets;

const BUDGET_KEYS: ReadonlyArray<{
  property: BudgetProperty;
  key: string;
  period: 'day' | 'month';
  unit: 'usd' | 'tokens';
}> = [
  { property: 'dailyBudgetUsd', key: 'daily_budget_usd', period: 'day', unit: 'usd' },
  { property: 'monthlyBudgetUsd', key: 'monthly_budget_usd', period: 'month', unit: 'usd' },
  { property: 'dailyBudgetTokens', key: 'daily_budget_tokens', period: 'day', unit: 'tokens' },
  { property: 'monthlyBudgetTokens', key: 'monthly_budget_tokens', period: 'month', unit: 'tokens' },
];

/** One budget that applies to a slot: its own, or `[budget]` over all slots. */
export interface BudgetLimit {
  /** The slot id, or undefined for `[budget]`. */
  slotId?: string;
  key: string;
  period: 'day' | 'month';
  unit: 'usd' | 'tokens';
  limit: number;
  /** Where to raise it, `file:line`. */
  where: string;
}

export interface BudgetStatus extends BudgetLimit {
  spent: number;
}

/** An 80 % warning, given once per budget and period across every process sharing the usage file. */
export interface BudgetWarning extends BudgetStatus {
  message: string;
  /** The config file that sets the budget (the notification's action opens it). */
  file: string;
}

export function formatAmount(unit: 'usd' | 'tokens', amount: number): string {
  return unit === 'usd'
    ? `$${amount.toFixed(amount === 0 || amount >= 1 ? 2 : 4)}`
    : `${Math.round(amount).toLocaleString('en-US')} tokens`;
}

function describe(status: BudgetStatus): string {
  const whose = status.slotId === undefined ? 'all slots ([budget])' : status.slotId;
  const when = status.period === 'day' ? 'today' : 'this month';
  return `${status.key} of ${whose}: ${formatAmount(status.unit, status.spent)} of ${formatAmount(status.unit, status.limit)} ${when}`;
}

/** When a period's budget starts again, in words. */
function resetWords(period: 'day' | 'month'): string {
  return period === 'day' ? 'resets at local midnight' : 'resets on the 1st (local time)';
}

export interface SpendBookOptions {
  store: UsageStore;
  config: Pick<SkynetConfig, 'file' | 'slots' | 'budget'>;
  now?: () => number;
  catalog?: CatalogPrices;
  logger?: Logger;
}

/**
 * Usage, cost and budgets for one config's slots: records each request's usage in the store, says which slots
 * are past a budget (the router skips them), and warns once at 80 % of each budget per period. Days and months
 * are local to this machine's time zone.
 */
export class SpendBook {
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly listeners = new Set<(warning: BudgetWarning) => void>();
  private readonly recording = new Set<Promise<void>>();
  private readonly recordedListeners = new Set<(slotId: string) => void>();

  constructor(private readonly options: SpendBookOptions) {
    this.now = options.now ?? Date.now;
    this.logger = (options.logger ?? silentLogger).child('spend');
  }

  onWarning(listener: (warning: BudgetWarning) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A request's usage was saved (the tree and /status show the new counts). */
  onDidRecord(listener: (slotId: string) => void): () => void {
    this.recordedListeners.add(listener);
    return () => this.recordedListeners.delete(listener);
  }

  /** Where usage is kept. */
  get file(): string {
    return this.options.store.location;
  }

  snapshot(): UsageData {
    return this.options.store.snapshot();
  }

  priceOf(slot: SlotConfig, model: string = slot.model): KnownPrice | undefined {
    return priceOf(slot, model, this.options.catalog);
  }

  /** Every budget that applies to a slot: its own, and `[budget]`'s (whose USD limits spare a slot known to be free). */
  limitsOf(slot: SlotConfig): BudgetLimit[] {
    const limits: BudgetLimit[] = [];
    const free =
      this.priceOf(slot)?.source === 'local' ||
      (slot.price !== undefined && slot.price.input === 0 && slot.price.output === 0);
    for (const { property, key, period, unit } of BUDGET_KEYS) {
      const own = slot[property];
      if (own !== undefined)
        limits.push({
          slotId: slot.id,
          key,
          period,
          unit,
          limit: own,
          where: `${slot.source.file}:${slot.source.line}`,
        });
      const overall = this.options.config.budget?.[property];
      if (overall !== undefined && !(free && unit === 'usd'))
        limits.push({ key, period, unit, limit: overall, where: `[budget] in ${this.options.config.file}` });
    }
    return limits;
  }

  statusOf(limit: BudgetLimit, data: UsageData = this.options.store.snapshot()): BudgetStatus {
    const now = this.now();
    const period = limit.period === 'day' ? localDay(now) : localMonth(now);
    const counts = sumUsage(data, (day) => day.startsWith(period), limit.slotId);
    return { ...limit, spent: limit.unit === 'usd' ? counts.costUsd : tokensOf(counts) };
  }

  /** Why the router must skip this slot now, or undefined. */
  blocked(slotId: string): { code: 'budget-reached'; message: string } | undefined {
    const slot = this.options.config.slots.find((candidate) => candidate.id === slotId);
    if (!slot) return undefined;
    const data = this.options.store.snapshot();
    for (const limit of this.limitsOf(slot)) {
      const status = this.statusOf(limit, data);
      if (status.spent >= status.limit) {
        return {
          code: 'budget-reached',
          message: `budget reached (${describe(status)}; ${resetWords(status.period)}; raise ${status.key} at ${status.where})`,
        };
      }
    }
    return undefined;
  }

  /** A slot's counts for today (undefined slot: all slots). */
  today(slotId?: string): UsageCounts {
    const day = localDay(this.now());
    return sumUsage(this.options.store.snapshot(), (key) => key === day, slotId);
  }

  /** Records one request of `slot` (usage as the provider reported it, if it did) and gives any 80 % warning it crossed. */
  record(slot: SlotConfig, model: string, usage: Usage | undefined): Promise<void> {
    const recorded = this.recordNow(slot, model, usage);
    this.recording.add(recorded);
    void recorded.finally(() => this.recording.delete(recorded));
    return recorded;
  }

  private async recordNow(slot: SlotConfig, model: string, usage: Usage | undefined): Promise<void> {
    const counts = countsOf(usage, this.priceOf(slot, model)?.price);
    const day = localDay(this.now());
    const limits = this.limitsOf(slot);
    try {
      const warnings = await this.options.store.update((data) => {
        recordUsage(data, day, slot.id, counts);
        return this.newWarnings(limits, data);
      });
      for (const listener of this.recordedListeners) listener(slot.id);
      for (const warning of warnings) for (const listener of this.listeners) listener(warning);
    } catch (error) {
      this.logger.warn('usage of %s not saved: %s', slot.id, error instanceof Error ? error.message : String(error));
    }
  }

  /** Resolves once every request recorded so far is saved and its warnings given. */
  async flush(): Promise<void> {
    await Promise.all([...this.recording]);
    await this.options.store.flush();
  }

  /** The budgets at or past 80 % not yet warned about this period; marks them warned in `data`. */
  private newWarnings(limits: BudgetLimit[], data: UsageData): BudgetWarning[] {
    const warnings: BudgetWarning[] = [];
    for (const limit of limits) {
      const status = this.statusOf(limit, data);
      if (status.spent < WARN_AT * status.limit) continue;
      const period = limit.period === 'day' ? localDay(this.now()) : localMonth(this.now());
      const mark = `${limit.slotId ?? '*'}:${limit.key}:${period}`;
      if (data.warned.includes(mark)) continue;
      data.warned.push(mark);
      const percent = Math.floor((100 * status.spent) / status.limit);
      const after =
        status.spent >= status.limit ? 'requests now go to the next slot' : 'at 100 % requests go to the next slot';
      warnings.push({
        ...status,
        file: this.options.config.file,
        message: `Skynet: ${percent} % of a budget used (${describe(status)}); ${after}. ${resetWords(limit.period)[0].toUpperCase()}${resetWords(limit.period).slice(1)}; raise ${limit.key} at ${limit.where}.`,
      });
    }
    return warnings;
  }
}
