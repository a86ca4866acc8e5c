/**
 * The API base for a Qwen OAuth sign-in: `https://<resource_url>/v1` (the reply's `resource_url` is a bare
 * host like `portal.qwen.ai`, sometimes with a scheme or already ending in `/v1`), else the slot's base URL
 * (DashScope compatible mode).
 */
export function qwenApiBase(resourceUrl: string | undefined, fallback: string): string {
  const trimmed = resourceUrl?.trim();
  if (!trimmed) return fallback.replace(/\/+$/, '');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const base = withScheme.replace(/\/+$/, '');
  return base.endsWith('/v1') ? base : `${base}/v1`;
}
