import type { ProviderKind, SlotConfig } from '../src/config/types';
import { providerModules } from '../src/providers';
import type { ProviderClient, ProviderDeps } from '../src/providers/types';
import type { Family } from './longStreams';

export const PROMPT = 'Write a long answer.';
export const BENCH_KEY = 'bench-key';
export const MODEL = 'bench-model';

const source = { file: 'bench', line: 1, column: 1 };

/** A slot of `kind` pointed at the bench server, as skynet.toml would describe it. */
export function benchSlot(kind: ProviderKind, id: string, baseUrl: string, model = MODEL): SlotConfig {
  const common = { id, displayName: id, model, baseUrl, source };
  const apiKey = { type: 'literal' as const, value: BENCH_KEY };
  switch (kind) {
    case 'openai-compat':
      return {
        ...common,
        kind,
        apiKey,
        chatPath: '/chat/completions',
        freeTier: false,
        local: false,
        supportsStreamOptions: true,
      };
    case 'openai':
      return { ...common, kind, apiKey };
    case 'azure':
      return { ...common, kind, apiKey, apiVersion: 'v1', deployments: {} };
    case 'anthropic':
      return { ...common, kind, apiKey };
    case 'ollama':
      return { ...common, kind };
    case 'bedrock':
      return { ...common, kind, region: 'us-east-1' };
    case 'vertex':
      return { ...common, kind, projectId: 'bench-project', location: 'us-central1' };
    case 'copilot':
      return { ...common, kind, githubUrl: baseUrl, githubApiUrl: baseUrl };
    case 'qwen-oauth':
      return { ...common, kind, credentialsPath: '/nonexistent/oauth_creds.json', authUrl: baseUrl };
  }
}

const FAMILY_SLOTS: Record<Family, { kind: ProviderKind; path: string }> = {
  openai: { kind: 'openai-compat', path: '/v1' },
  anthropic: { kind: 'anthropic', path: '' },
  ollama: { kind: 'ollama', path: '' },
  bedrock: { kind: 'bedrock', path: '' },
  gemini: { kind: 'vertex', path: '' },
};

/** Skynet's client for a family, created the way the router creates it; or why it is not in this build. */
export function createSkynetClient(
  family: Family,
  baseUrl: string,
  deps: ProviderDeps,
): { client: ProviderClient; config: SlotConfig } | { missing: string } {
  const { kind, path } = FAMILY_SLOTS[family];
  const module = providerModules[kind];
  if (!module) return { missing: `no ${kind} client in src/providers yet` };
  try {
    const config = benchSlot(kind, `bench-${family}`, baseUrl + path);
    return { client: module.create(config, deps), config };
  } catch (error) {
    return {
      missing: `${kind} client could not be created: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
