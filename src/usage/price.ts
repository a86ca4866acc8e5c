import type { Price, SlotConfig } from '../config/types';
import { catalogModel, catalogProviderOf } from '../providers/catalog/modelCatalog';
import type { Usage } from '../providers/types';
import { emptyCounts, type UsageCounts } from './usageLedger';
import { bareHost, isLoopbackHost } from '../util/loopbackHost';

/** The model catalog's price of a model (USD per million tokens), or undefined when it has none. */
export type CatalogPrices = (providerId: string, modelId: string) => Price | undefined;

export interface KnownPrice {
  price: Price;
  /** `config`: the slot's `price`; `catalog`: the model catalog; `local`: a server on this machine, which bills nothing. */
  source: 'config' | 'catalog' | 'local';
}

const FREE: Price = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

function isLoopback(url: string): boolean {
  try {
    return isLoopbackHost(bareHost(new URL(url).hostname));
  } catch {
    return false;
  }
}

/**
 * A model served by a local model server on this machine: Ollama, or a registry row of one (LM Studio, llama.cpp…),
 * at a loopback address. A custom endpoint on localhost is not: it may be a gateway to a paid service.
 */
function runsLocally(slot: SlotConfig): boolean {
  if (slot.kind === 'ollama') return isLoopback(slot.baseUrl);
  return slot.kind === 'openai-compat' && slot.registryId !== undefined && slot.local && isLoopback(slot.baseUrl);
}

/** The model catalog's (models.dev snapshot) price of a model on a provider. */
export const catalogPrices: CatalogPrices = (providerId, modelId) => catalogModel(providerId, modelId)?.cost;

/**
 * The slot's price: its `price` in skynet.toml, else free when local, else the catalog's price of that model on the
 * slot's own provider (a custom endpoint has none: its prices are its own); undefined = unknown, never guessed.
 */
export function priceOf(
  slot: SlotConfig,
  model: string,
  catalog: CatalogPrices = catalogPrices,
): KnownPrice | undefined {
  if (slot.price) return { price: slot.price, source: 'config' };
  if (runsLocally(slot)) return { price: FREE, source: 'local' };
  const provider = catalogProviderOf(slot);
  const found = provider === undefined ? undefined : catalog(provider, model);
  return found ? { price: found, source: 'catalog' } : undefined;
}

/**
 * One request's counts. The cost is known only when the request reported usage and every kind of token it used
 * has a price (cache reads and writes are priced apart, as every provider bills them); otherwise it counts as
 * unpriced, its tokens still counted.
 */
export function countsOf(usage: Usage | undefined, price: Price | undefined): UsageCounts {
  const counts = emptyCounts();
  counts.requests = 1;
  counts.inputTokens = usage?.inputTokens ?? 0;
  counts.outputTokens = usage?.outputTokens ?? 0;
  counts.cacheReadTokens = usage?.cachedInputTokens ?? 0;
  counts.cacheWriteTokens = usage?.cacheWriteInputTokens ?? 0;
  const reported = usage !== undefined && (usage.inputTokens !== undefined || usage.outputTokens !== undefined);
  const cacheRead = counts.cacheReadTokens > 0 ? price?.cacheRead : 0;
  const cacheWrite = counts.cacheWriteTokens > 0 ? price?.cacheWrite : 0;
  if (!price || !reported || cacheRead === undefined || cacheWrite === undefined) {
    counts.unpricedRequests = 1;
    return counts;
  }
  const uncached = Math.max(0, counts.inputTokens - counts.cacheReadTokens - counts.cacheWriteTokens);
  counts.costUsd =
    (uncached * price.input +
      counts.cacheReadTokens * cacheRead +
      counts.cacheWriteTokens * cacheWrite +
      counts.outputTokens * price.output) /
    1_000_000;
  return counts;
}
