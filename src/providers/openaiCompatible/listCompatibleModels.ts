import { isObject } from '../jsonValues';
import type { ModelListFacts } from '../descriptor';
import type { ModelInfo } from '../types';
import { parseOpenAIModels } from './parseOpenAIResponse';
import { fetchOpenAIModelsBody, type EndpointSource } from './sendOpenAIRequest';

/**
 * Cohere's own model list (`GET /v1/models?endpoint=chat`, docs.cohere.com/reference/list-models, checked
 * 2026-12-05): `{models: [{name, endpoints, context_length, is_deprecated}], next_page_token}`. Only models
 * that serve chat and are not deprecated are offered.
 */
export function parseCohereModels(body: unknown, slotId: string): ModelInfo[] {
  const list = isObject(body) && Array.isArray(body.models) ? body.models : undefined;
  if (!list) return parseOpenAIModels(body, slotId);
  const models: ModelInfo[] = [];
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.name !== 'string' || !entry.name || entry.is_deprecated === true) continue;
    if (Array.isArray(entry.endpoints) && !entry.endpoints.includes('chat')) continue;
    models.push({
      id: entry.name,
      ...(typeof entry.context_length === 'number' && entry.context_length > 0
        ? { contextWindow: entry.context_length }
        : {}),
    });
  }
  return models;
}

/**
 * GitHub Models' catalog (`GET https://models.github.ai/catalog/models`, docs.github.com/en/rest/models/catalog,
 * checked 2026-12-05): a JSON array of `{id, name, capabilities, limits: {max_input_tokens, max_output_tokens},
 * supported_output_modalities}`. Models that produce no text (embeddings) are left out.
 */
export function parseGithubCatalog(body: unknown, slotId: string): ModelInfo[] {
  if (!Array.isArray(body)) return parseOpenAIModels(body, slotId);
  const models: ModelInfo[] = [];
  for (const entry of body) {
    if (!isObject(entry) || typeof entry.id !== 'string' || !entry.id) continue;
    if (Array.isArray(entry.supported_output_modalities) && !entry.supported_output_modalities.includes('text'))
      continue;
    const limits = isObject(entry.limits) ? entry.limits : {};
    const capabilities = Array.isArray(entry.capabilities) ? entry.capabilities : [];
    models.push({
      id: entry.id,
      ...(typeof entry.name === 'string' && entry.name ? { name: entry.name } : {}),
      ...(typeof limits.max_input_tokens === 'number' && limits.max_input_tokens > 0
        ? { contextWindow: limits.max_input_tokens }
        : {}),
      ...(typeof limits.max_output_tokens === 'number' && limits.max_output_tokens > 0
        ? { maxOutputTokens: limits.max_output_tokens }
        : {}),
      capabilities: {
        toolCalling: capabilities.includes('tool-calling'),
        vision: Array.isArray(entry.supported_input_modalities) && entry.supported_input_modalities.includes('image'),
      },
    });
  }
  return models;
}

/**
 * The models of an OpenAI-compatible slot, as its registry row says they are listed: from the service (its own
 * path and shape), or, where the service has no list (Perplexity), the configured model and the known ones.
 */
export async function listCompatibleModels(
  source: EndpointSource,
  facts: ModelListFacts | undefined,
  fallbackPath: string,
  configured: string,
  signal?: AbortSignal,
): Promise<ModelInfo[]> {
  if (facts?.kind === 'known') return [...new Set([configured, ...(facts.known ?? [])])].map((id) => ({ id }));
  const body = await fetchOpenAIModelsBody(source, facts?.path ?? fallbackPath, signal);
  if (facts?.shape === 'cohere') return parseCohereModels(body, source.slotId);
  return facts?.shape === 'github' ? parseGithubCatalog(body, source.slotId) : parseOpenAIModels(body, source.slotId);
}
