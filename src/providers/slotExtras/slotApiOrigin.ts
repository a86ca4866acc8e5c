import type { SlotConfig } from '../../config/types';

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Hosts a native client reaches when skynet.toml sets no base_url (the address comes from the region or a token). */
const RUNTIME_API_HOSTS: Partial<Record<SlotConfig['kind'], RegExp>> = {
  bedrock: /^bedrock(-runtime)?(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/,
  vertex: /(^|[.-])aiplatform(\.[a-z0-9-]+\.rep)?\.googleapis\.com$/,
  // Copilot's chat address comes from its token (endpoints.api: api.individual.githubcopilot.com, …).
  copilot: /(^|\.)githubcopilot\.com$/,
};

/**
 * Whether a request URL is one of the slot's own API calls, the only requests its `headers` and `query` go with:
 * never a sign-in, token exchange or credential host (GitHub, chat.qwen.ai, oauth2.googleapis.com, STS, SSO).
 */
export function isSlotApiUrl(slot: SlotConfig): (url: string) => boolean {
  const base = slot.baseUrl ? parse(slot.baseUrl) : undefined;
  const runtime = RUNTIME_API_HOSTS[slot.kind];
  const authOrigin = slot.kind === 'qwen-oauth' ? parse(slot.authUrl)?.origin : undefined;
  return (url) => {
    const target = parse(url);
    if (!target) return false;
    if (base && target.origin === base.origin) return true;
    if (runtime && target.protocol === 'https:' && runtime.test(target.hostname)) return true;
    // Qwen's API host comes from the sign-in's resource_url; everything but the sign-in host is its API.
    return authOrigin !== undefined && target.origin !== authOrigin && target.protocol === 'https:';
  };
}
