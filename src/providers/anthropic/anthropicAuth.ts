/** The first system block the OAuth (Claude subscription) recipe requires, verbatim. */
export const CLAUDE_CODE_SYSTEM_PROMPT = "You are Claude Code, Anthropic's official CLI for Claude.";

export const ANTHROPIC_VERSION = '2023-06-01';

const OAUTH_BETA = 'oauth-2025-04-20';

export interface AnthropicAuth {
  /** True for `sk-ant-oat01-…` subscription tokens. */
  oauth: boolean;
  headers: Record<string, string>;
  /** System blocks to put before the caller's system prompt. */
  systemPrefix: string[];
}

export function isAnthropicOAuthToken(key: string): boolean {
  return key.startsWith('sk-ant-oat');
}

/** Headers for a key: an OAuth token goes as a Bearer token (never as `x-api-key`), anything else as `x-api-key`. */
export function anthropicAuth(key: string): AnthropicAuth {
  const base = { 'anthropic-version': ANTHROPIC_VERSION };
  if (isAnthropicOAuthToken(key)) {
    return {
      oauth: true,
      headers: { ...base, authorization: `Bearer ${key}`, 'anthropic-beta': OAUTH_BETA },
      systemPrefix: [CLAUDE_CODE_SYSTEM_PROMPT],
    };
  }
  return { oauth: false, headers: { ...base, 'x-api-key': key }, systemPrefix: [] };
}
