import { isHostOrSubdomain, type ServiceAddressRule } from '../../auth/serviceAddress';
import type { QwenOAuthSlot } from '../../config/types';
import { qwenOAuthDescriptor } from './descriptor';

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

/**
 * Qwen's documented API hosts for a sign-in's `resource_url`: `portal.qwen.ai` (what chat.qwen.ai's token reply
 * names) and DashScope's regional hosts with their subdomains, dashscope.aliyuncs.com, dashscope-intl.aliyuncs.com,
 * dashscope-us.aliyuncs.com (QwenLM/qwen-code packages/core/src/core/openaiContentGenerator/provider/dashscope-origin.ts
 * `DASHSCOPE_REGIONAL_HOSTS`, checked 2026-12-05).
 */
const QWEN_API_HOSTS = ['dashscope.aliyuncs.com', 'dashscope-intl.aliyuncs.com', 'dashscope-us.aliyuncs.com'];

/** Where the Qwen access token may go when the token reply or the credentials file names the address. */
export function qwenApiRule(slot: QwenOAuthSlot): ServiceAddressRule {
  const secret = qwenOAuthDescriptor.slotCredential.secret(slot, qwenOAuthDescriptor.baseUrl)!;
  return {
    slotId: slot.id,
    namedBy: "Qwen's sign-in (resource_url)",
    secretId: secret.secretId,
    secretLabel: 'your Qwen access token',
    ownHost: (hostname) =>
      hostname.toLowerCase() === 'portal.qwen.ai' || QWEN_API_HOSTS.some((host) => isHostOrSubdomain(hostname, host)),
    configured: [slot.baseUrl, slot.authUrl],
  };
}
