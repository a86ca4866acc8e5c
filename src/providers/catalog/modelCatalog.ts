import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProviderKind } from '../../config/types';
import { decodeRow, type CatalogModel, type CatalogRow, type CatalogSnapshot } from './snapshot';

export type { CatalogModel } from './snapshot';

/** Where `npm run catalog` writes the snapshot (repository path); the build copies it beside the bundle. */
export const CATALOG_FILE = 'src/providers/catalog/modelCatalog.json';
const FILE_NAME = path.basename(CATALOG_FILE);

export interface LoadedCatalog {
  source: string;
  sourceDate: string;
  /** Provider id → model id → row, as stored. */
  providers: Record<string, Record<string, CatalogRow>>;
  /** Per provider, built on its first inexact lookup: lower-case id without a `@version` suffix (Vertex) → row. */
  loose: Map<string, Map<string, CatalogRow>>;
  /** Why nothing was loaded (file missing or unreadable); the hand table then answers alone. */
  error?: string;
}

const looseId = (modelId: string): string => modelId.toLowerCase().replace(/@.*$/, '');

/** Reads a snapshot file; a missing or broken file gives an empty catalog that says why. */
export function loadCatalog(file: string): LoadedCatalog {
  try {
    const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as CatalogSnapshot;
    return {
      source: snapshot.source,
      sourceDate: snapshot.sourceDate,
      providers: snapshot.providers,
      loose: new Map(),
    };
  } catch (error) {
    return {
      source: '',
      sourceDate: '',
      providers: {},
      loose: new Map(),
      error: `${file}: ${(error as Error).message}`,
    };
  }
}

function looseIndex(
  catalog: LoadedCatalog,
  providerId: string,
  rows: Record<string, CatalogRow>,
): Map<string, CatalogRow> {
  let index = catalog.loose.get(providerId);
  if (!index) {
    index = new Map();
    for (const [id, row] of Object.entries(rows)) if (!index.has(looseId(id))) index.set(looseId(id), row);
    catalog.loose.set(providerId, index);
  }
  return index;
}

/** What `catalog` knows about `modelId` on `providerId`: the exact id, else case-insensitively and without `@version`. */
export function lookUpModel(catalog: LoadedCatalog, providerId: string, modelId: string): CatalogModel | undefined {
  const rows = Object.hasOwn(catalog.providers, providerId) ? catalog.providers[providerId] : undefined;
  if (!rows) return undefined;
  const row = Object.hasOwn(rows, modelId)
    ? rows[modelId]
    : looseIndex(catalog, providerId, rows).get(looseId(modelId));
  return row ? decodeRow(row) : undefined;
}

/**
 * The shipped snapshot, read on first use rather than at activation (it is larger than the rest of the bundle's
 * data, and most sessions look up a handful of models). Read-only once loaded.
 */
let shipped: LoadedCatalog | undefined;

export function shippedCatalog(): LoadedCatalog {
  shipped ??= loadCatalog(path.join(__dirname, FILE_NAME));
  return shipped;
}

/**
 * What models.dev says about `modelId` on `providerId`: context window, output limit, capabilities and prices
 * (USD per 1M tokens), or undefined when the snapshot does not list the model for that provider.
 */
export function catalogModel(providerId: string, modelId: string): CatalogModel | undefined {
  return lookUpModel(shippedCatalog(), providerId, modelId);
}

/** The catalog's provider id for a slot: its registry row or native table; undefined for a custom endpoint. */
export function catalogProviderOf(slot: { kind: ProviderKind; registryId?: string }): string | undefined {
  if (slot.kind === 'openai-compat') return slot.registryId;
  return slot.kind === 'qwen-oauth' ? 'qwen_oauth' : slot.kind;
}

/**
 * First-party services, asked (in this order) about a model that its own slot's provider does not list: a custom
 * endpoint or a local server serving `gpt-5.5` or `anthropic/claude-opus-4-7` still serves that model's limits.
 * Prices are the service's own, so this fallback is for capabilities only.
 */
const MODEL_MAKERS = [
  'anthropic',
  'openai',
  'gemini',
  'deepseek',
  'xai',
  'mistral',
  'moonshot',
  'zai',
  'minimax',
  'qwen-intl',
] as const;

export function catalogModelFromMaker(modelId: string): CatalogModel | undefined {
  const bare = modelId.slice(modelId.lastIndexOf('/') + 1);
  for (const maker of MODEL_MAKERS) {
    const found = catalogModel(maker, bare);
    if (found) return found;
  }
  return undefined;
}
