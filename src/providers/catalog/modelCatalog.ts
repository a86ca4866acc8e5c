import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProviderKind } from '../../config/types';
import { decodeRow, type CatalogModel, type CatalogRow, type CatalogSnapshot } from './snapshot';

export type { CatalogModel } from './snapshot';

/** Where `npm run catalog` writes the snapshot (repository path); the build copies it beside the bundle. */
export const CATALOG_FILE = 'src/providers/catalog/modelCatalog.json';
const FILE_NAME = path.basename(CATALOG_FILE);

/** One provider's rows, found by exact id, then case-insensitively and without a `@version` suffix (Vertex). */
interface ProviderIndex {
  rows: Record<string, CatalogRow>;
  loose: Map<string, CatalogRow>;
}

export interface LoadedCatalog {
  source: string;
  sourceDate: string;
  providers: Map<string, ProviderIndex>;
  /** Why nothing was loaded (file missing or unreadable); the hand table then answers alone. */
  error?: string;
}

const looseId = (modelId: string): string => modelId.toLowerCase().replace(/@.*$/, '');

function indexProvider(rows: Record<string, CatalogRow>): ProviderIndex {
  const loose = new Map<string, CatalogRow>();
  for (const [id, row] of Object.entries(rows)) if (!loose.has(looseId(id))) loose.set(looseId(id), row);
  return { rows, loose };
}

/** Reads and indexes a snapshot file; a missing or broken file gives an empty catalog that says why. */
export function loadCatalog(file: string): LoadedCatalog {
  try {
    const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as CatalogSnapshot;
    const providers = new Map(Object.entries(snapshot.providers).map(([id, rows]) => [id, indexProvider(rows)]));
    return { source: snapshot.source, sourceDate: snapshot.sourceDate, providers };
  } catch (error) {
    return { source: '', sourceDate: '', providers: new Map(), error: `${file}: ${(error as Error).message}` };
  }
}

/** What `catalog` knows about `modelId` on `providerId` (a native table name such as `anthropic`, or a registry id). */
export function lookUpModel(catalog: LoadedCatalog, providerId: string, modelId: string): CatalogModel | undefined {
  const provider = catalog.providers.get(providerId);
  const row = provider && (Object.hasOwn(provider.rows, modelId) ? provider.rows[modelId] : provider.loose.get(looseId(modelId)));
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
const MODEL_MAKERS = ['anthropic', 'openai', 'gemini', 'deepseek', 'xai', 'mistral', 'moonshot', 'zai', 'minimax', 'qwen-intl'] as const;

export function catalogModelFromMaker(modelId: string): CatalogModel | undefined {
  const bare = modelId.slice(modelId.lastIndexOf('/') + 1);
  for (const maker of MODEL_MAKERS) {
    const found = catalogModel(maker, bare);
    if (found) return found;
  }
  return undefined;
}
