import type { VertexSlot } from '../../config/types';

/**
 * `aiplatform.googleapis.com` for `global`, `aiplatform.{eu,us}.rep.googleapis.com` for the `eu`/`us` multi-regions,
 * else `{location}-aiplatform.googleapis.com` (checked 2026-12-05: Claude Code's Vertex docs, CLOUD_ML_REGION eu/us;
 * firebase/genkit#5753, where `eu-aiplatform.googleapis.com` does not exist).
 */
export function vertexHost(location: string): string {
  if (location === 'global') return 'aiplatform.googleapis.com';
  if (location === 'eu' || location === 'us') return `aiplatform.${location}.rep.googleapis.com`;
  return `${location}-aiplatform.googleapis.com`;
}

export type VertexAction = 'streamGenerateContent' | 'streamRawPredict';

/**
 * The model endpoint. `base_url`, when set, replaces `https://{host}` only (a proxy or a fake server);
 * the `/v1/projects/{p}/locations/{loc}/publishers/{publisher}/models/{m}:{action}` path is always appended,
 * and a base that already ends in `/v1` is not doubled. Model ids keep their `@version` as Google writes them.
 */
export function vertexModelUrl(
  slot: Pick<VertexSlot, 'baseUrl'>,
  project: string,
  location: string,
  publisher: 'google' | 'anthropic',
  model: string,
  action: VertexAction,
): string {
  // The registry's `https://{location}-aiplatform.googleapis.com` template means the default host (global differs).
  const custom = slot.baseUrl && !slot.baseUrl.includes('{location}') ? slot.baseUrl : undefined;
  const base = (custom ?? `https://${vertexHost(location)}`).replace(/\/+$/, '').replace(/\/v1$/, '');
  const path = `/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}/publishers/${publisher}/models/${encodeURIComponent(model).replace(/%40/g, '@')}:${action}`;
  return `${base}${path}${action === 'streamGenerateContent' ? '?alt=sse' : ''}`;
}

/** Claude models are served by the Anthropic publisher; everything else by Google. */
export function vertexPublisher(model: string): 'google' | 'anthropic' {
  return /^claude-/i.test(model) ? 'anthropic' : 'google';
}
