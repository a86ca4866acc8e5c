/**
 * Build-time only (`npm run catalog`, never imported by the extension): a models.dev catalog, as models.dev
 * publishes it (`api.json`) or as cline generates it from there (`catalog.generated.ts`), trimmed to the providers
 * Skynet has and to chat models.
 */
import { CATALOG_PROVIDERS } from './catalogProviders';
import { ROW_FIELDS, encodeRow, type CatalogModel, type CatalogSnapshot } from './snapshot';

/** models.dev key → model id → what it knows. */
export type ModelsByProvider = Record<string, Record<string, CatalogModel>>;

interface ModelsDevModel {
  tool_call?: boolean;
  attachment?: boolean;
  reasoning?: boolean;
  modalities?: { input?: string[]; output?: string[] };
  cost?: { input?: number; output?: number; cache_read?: number; cache_write?: number };
  limit?: { context?: number; input?: number; output?: number };
}

interface ClineModel {
  contextWindow?: number;
  maxInputTokens?: number;
  maxTokens?: number;
  capabilities?: string[];
  operation?: string;
  modalities?: { input?: string[]; output?: string[] };
  pricing?: { input?: number; output?: number; cacheRead?: number; cacheWrite?: number };
}

/** cline renames some models.dev keys (sdk/packages/llms/src/providers/provider-keys.ts @21cb8d2). */
const CLINE_TO_MODELS_DEV: Record<string, string> = {
  'openai-native': 'openai',
  gemini: 'google',
  together: 'togetherai',
  ollama: 'ollama-cloud',
  fireworks: 'fireworks-ai',
  'vercel-ai-gateway': 'vercel',
  vertex: 'google-vertex',
  bedrock: 'amazon-bedrock',
  moonshot: 'moonshotai',
};

const chatModel = (output: string[] | undefined): boolean => !output || output.includes('text');

function cost(input?: number, output?: number, cacheRead?: number, cacheWrite?: number): CatalogModel['cost'] {
  if (input === undefined && output === undefined) return undefined;
  return {
    input: input ?? 0,
    output: output ?? 0,
    ...(cacheRead ? { cacheRead } : {}),
    ...(cacheWrite ? { cacheWrite } : {}),
  };
}

/** models.dev's own `api.json`: `{ [provider]: { models: { [id]: { limit, cost, tool_call, modalities, … } } } }`. */
export function modelsFromModelsDevApi(
  api: Record<string, { models?: Record<string, ModelsDevModel> }>,
): ModelsByProvider {
  const result: ModelsByProvider = {};
  for (const [key, provider] of Object.entries(api)) {
    const models: Record<string, CatalogModel> = {};
    for (const [id, model] of Object.entries(provider.models ?? {})) {
      if (!chatModel(model.modalities?.output)) continue;
      models[id] = {
        contextWindow: model.limit?.context || undefined,
        maxInput: model.limit?.input || undefined,
        maxOutput: model.limit?.output || undefined,
        tools: model.tool_call === true,
        vision: model.modalities?.input?.includes('image') ?? model.attachment === true,
        reasoning: model.reasoning === true,
        cost: model.cost && cost(model.cost.input, model.cost.output, model.cost.cache_read, model.cost.cache_write),
      };
    }
    result[key] = models;
  }
  return result;
}

/** cline's `catalog.generated.ts`: the `providers` object literal (JSON) and `version` (generation time, ms). */
export function modelsFromClineCatalog(text: string): { models: ModelsByProvider; generatedAt: Date } {
  const value = text.indexOf('= {');
  const version = /\bversion:\s*(\d+)/.exec(text.slice(value));
  const start = value < 0 ? -1 : text.indexOf('{', text.indexOf('providers:', value));
  const end = text.lastIndexOf('}', text.lastIndexOf('}') - 1);
  if (!version || start < 0 || end <= start)
    throw new Error('not a cline catalog.generated.ts (no `version:` and `providers: {…}`)');
  const providers = JSON.parse(text.slice(start, end + 1)) as Record<string, Record<string, ClineModel>>;
  const models: ModelsByProvider = {};
  for (const [clineId, entries] of Object.entries(providers)) {
    const key = CLINE_TO_MODELS_DEV[clineId] ?? clineId;
    const into = (models[key] ??= {});
    for (const [id, model] of Object.entries(entries)) {
      if (model.operation || !chatModel(model.modalities?.output)) continue;
      const capabilities = model.capabilities ?? [];
      into[id] = {
        contextWindow: model.contextWindow || undefined,
        maxInput: model.maxInputTokens || undefined,
        maxOutput: model.maxTokens || undefined,
        tools: capabilities.includes('tools'),
        vision: capabilities.includes('images'),
        reasoning: capabilities.includes('reasoning'),
        cost:
          model.pricing &&
          cost(model.pricing.input, model.pricing.output, model.pricing.cacheRead, model.pricing.cacheWrite),
      };
    }
  }
  return { models, generatedAt: new Date(Number(version[1])) };
}

/** The snapshot for Skynet's providers: each takes the models of its models.dev entries (first entry wins a clash). */
export function buildSnapshot(models: ModelsByProvider, source: string, sourceDate: Date): CatalogSnapshot {
  const providers: CatalogSnapshot['providers'] = {};
  for (const [skynetId, keys] of Object.entries(CATALOG_PROVIDERS)) {
    const rows: Record<string, number[]> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      for (const [id, model] of Object.entries(models[key] ?? {}).sort(([a], [b]) => a.localeCompare(b)))
        rows[id] ??= encodeRow(model);
    }
    if (Object.keys(rows).length > 0) providers[skynetId] = rows;
  }
  return {
    about: 'Generated by `npm run catalog` (scripts/write-model-catalog.js) from models.dev data: do not edit by hand.',
    source,
    sourceDate: sourceDate.toISOString().slice(0, 10),
    fields: ROW_FIELDS,
    providers,
  };
}

/** The snapshot as written: one provider per line, so a regeneration's diff reads provider by provider. */
export function formatSnapshot(snapshot: CatalogSnapshot): string {
  const { providers, ...header } = snapshot;
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  const lines = Object.entries(providers).map(([id, rows]) => `    ${JSON.stringify(id)}: ${JSON.stringify(rows)}`);
  return `${head},\n  "providers": {\n${lines.join(',\n')}\n  }\n}\n`;
}
