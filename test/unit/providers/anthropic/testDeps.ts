import { createAnthropicClient } from '../../../../src/providers/anthropic/client';
import type { AnthropicSlot } from '../../../../src/config/types';
import { useFakeProvider, type ProviderHarness } from '../../../fakes/providerHarness';

export const API_KEY = 'sk-ant-api03-SECRETKEYVALUE';
export const OAUTH_TOKEN = 'sk-ant-oat01-SECRETOAUTHVALUE';

export function anthropicSlot(baseUrl: string, key: string | null = API_KEY): AnthropicSlot {
  return {
    id: 'claude',
    kind: 'anthropic',
    displayName: 'Anthropic',
    model: 'claude-sonnet-4-5',
    baseUrl,
    source: { file: 'skynet.toml', line: 1, column: 1 },
    apiKey: key === null ? { type: 'env', name: 'ANTHROPIC_API_KEY' } : { type: 'literal', value: key },
  };
}

/** A fake server and an Anthropic client (API key) pointed at it, fresh per test. */
export function useFakeAnthropic(): ProviderHarness {
  return useFakeProvider((baseUrl, deps) => createAnthropicClient(anthropicSlot(baseUrl), deps));
}
