import type { ProviderKind } from '../config/types';
import type { ProviderFacts, ProviderGroup } from './descriptor';
import { NATIVE_PROVIDERS } from './descriptors';
import { REGISTRY } from './registry';

/** The wire protocol each kind of slot speaks (registry rows: Chat Completions). */
const PROTOCOL: Record<ProviderKind, string> = {
  anthropic: 'anthropic-messages',
  openai: 'openai-chat + openai-responses',
  azure: 'openai-chat + openai-responses',
  'openai-compat': 'openai-chat',
  copilot: 'openai-chat + openai-responses',
  'qwen-oauth': 'openai-chat',
  bedrock: 'bedrock-converse',
  vertex: 'gemini + anthropic-messages',
  ollama: 'ollama',
};

/** One provider as `skynet providers`, Add Provider and docs/providers.md list it. */
export interface ProviderListing {
  id: string;
  service: string;
  /** `native` ([providers.<id>]) or `registry` ([[providers.openai_compat]] id = …). */
  table: 'native' | 'registry';
  group: ProviderGroup;
  protocol: string;
  baseUrl: string;
  defaultModel: string;
  auth: string;
  local: boolean;
}

function listing(facts: ProviderFacts, table: ProviderListing['table']): ProviderListing {
  return {
    id: facts.id,
    service: facts.name,
    table,
    group: facts.group,
    protocol: PROTOCOL[facts.kind],
    baseUrl: facts.baseUrl,
    defaultModel: facts.defaultModel,
    auth: facts.credential.what,
    local: facts.group === 'local',
  };
}

/** Every provider Skynet knows: the native tables, then the registry in its order. */
export function listProviders(): ProviderListing[] {
  return [
    ...Object.values(NATIVE_PROVIDERS).map((facts) => listing(facts, 'native')),
    ...REGISTRY.map((facts) => listing(facts, 'registry')),
  ];
}
