import type { FieldSpec } from './schemaTables';
import type { Budgets, Price } from './types';

/** The budget keys, accepted in every provider table (that slot alone) and in `[budget]` (all slots together). */
export const BUDGET_FIELDS = {
  daily_budget_usd: { type: 'usd' },
  monthly_budget_usd: { type: 'usd' },
  daily_budget_tokens: { type: 'tokenCount' },
  monthly_budget_tokens: { type: 'tokenCount' },
} as const satisfies Record<string, FieldSpec>;

/** `price` and the budgets: what every provider table accepts about spend. */
export const SLOT_SPEND_FIELDS = {
  price: { type: 'price' },
  ...BUDGET_FIELDS,
} as const satisfies Record<string, FieldSpec>;

/** The keys of a `price` table and the Price property each becomes. */
export const PRICE_KEYS = {
  input: 'input',
  output: 'output',
  cache_read: 'cacheRead',
  cache_write: 'cacheWrite',
} as const;

const BUDGET_PROPERTIES = {
  daily_budget_usd: 'dailyBudgetUsd',
  monthly_budget_usd: 'monthlyBudgetUsd',
  daily_budget_tokens: 'dailyBudgetTokens',
  monthly_budget_tokens: 'monthlyBudgetTokens',
} as const;

/** The budgets read from a table's values (keys as in skynet.toml). */
export function budgetsOf(values: Readonly<Record<string, unknown>>): Budgets {
  const budgets: Budgets = {};
  for (const [key, property] of Object.entries(BUDGET_PROPERTIES)) {
    if (typeof values[key] === 'number') budgets[property] = values[key] as number;
  }
  return budgets;
}

/** A slot's `price` and budgets, as the slot holds them. */
export function slotSpendOf(values: Readonly<Record<string, unknown>>): Budgets & { price?: Price } {
  return {
    ...budgetsOf(values),
    ...(typeof values.price === 'object' && values.price !== null ? { price: values.price as unknown as Price } : {}),
  };
}
