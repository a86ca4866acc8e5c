import type { VertexSlot } from '../../config/types';

/** `aiplatform.googleapis.com` for `global`, else `{location}-aiplatform.googleapis.com`. */
export function vertexHost(location: string): string {
  return location === 'global' ? 'aiplatform.googleapis.com' : `${location}-aiplatform.googleapis.com`;
}

export type VertexAction = 'streamGenerateContent' | 'streamRawPredict';

/**
 * The model endpoint. `base_url`, when set, replaces `https://{host}` only (a proxy or a fake server);
 * the `/v1/projects/{p}/locations/{loc}/publishers/{publisher}/models/{m}:{action}` path is always appended,
 * and a base that already ends in `/v1` is not doubled. Model ids keep their `@version` as Google writes them.
 */
export function vertexModelUrl(slot: Pick<VertexSlot, 'baseUrl'>, project: string, location: string, publisher: 'google' | 'anthropic', model: string, action: VertexAction): string {
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
