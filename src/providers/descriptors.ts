import type { ProviderKind, SlotConfig } from '../config/types';
import type { NativeTable } from '../config/knownProviders';
import { fillUrlTemplate } from '../config/urlParameters';
import type { KindDescriptor, ProviderFacts, SlotCredential } from './descriptor';
import { anthropicDescriptor } from './anthropic/descriptor';
import { azureDescriptor } from './azure/descriptor';
import { bedrockDescriptor } from './bedrock/descriptor';
import { copilotDescriptor } from './copilot/descriptor';
import { ollamaDescriptor } from './ollama/descriptor';
import { openaiDescriptor } from './openai/descriptor';
import { openaiCompatibleDescriptor } from './openaiCompatible/descriptor';
import { qwenOAuthDescriptor } from './qwen/descriptor';
import { findRegistryEntry } from './registry';
import { vertexDescriptor } from './vertex/descriptor';

/** Every kind of slot: the compiler names a kind that is missing. */
export const KIND_DESCRIPTORS: { [K in ProviderKind]: KindDescriptor<K> } = {
  anthropic: anthropicDescriptor,
  openai: openaiDescriptor,
  azure: azureDescriptor,
  'openai-compat': openaiCompatibleDescriptor,
  copilot: copilotDescriptor,
  'qwen-oauth': qwenOAuthDescriptor,
  bedrock: bedrockDescriptor,
  vertex: vertexDescriptor,
  ollama: ollamaDescriptor,
};

/** The native providers, keyed by their table name in skynet.toml: the compiler names a table that is missing. */
export const NATIVE_PROVIDERS = {
  anthropic: anthropicDescriptor,
  openai: openaiDescriptor,
  azure: azureDescriptor,
  copilot: copilotDescriptor,
  qwen_oauth: qwenOAuthDescriptor,
  bedrock: bedrockDescriptor,
  vertex: vertexDescriptor,
  ollama: ollamaDescriptor,
} satisfies { [T in NativeTable]: ProviderFacts };

/** How this slot's kind uses its credential (the Record above pairs each kind with its own slot type). */
export function slotCredentialOf<S extends SlotConfig>(slot: S): SlotCredential<S> {
  return KIND_DESCRIPTORS[slot.kind].slotCredential as unknown as SlotCredential<S>;
}

const NATIVE_BY_KIND = new Map<ProviderKind, ProviderFacts>(
  Object.values(NATIVE_PROVIDERS).map((descriptor): [ProviderKind, ProviderFacts] => [descriptor.kind, descriptor]),
);

/**
 * The base URL a slot would use with nothing overridden: its secrets may go there without asking. None for a
 * custom endpoint, nor where the address is a template filled per slot (Bedrock's region, Vertex's location, Azure's resource);
 * a registry row's URL parameters (Cloudflare's account_id, checked when skynet.toml was read) are filled in.
 */
export function defaultBaseUrlFor(slot: {
  kind: ProviderKind;
  registryId?: string;
  urlParameters?: Record<string, string>;
}): string | undefined {
  const baseUrl =
    slot.kind === 'openai-compat'
      ? slot.registryId
        ? findRegistryEntry(slot.registryId)?.baseUrl
        : undefined
      : NATIVE_BY_KIND.get(slot.kind)?.baseUrl;
  const filled = baseUrl && slot.kind === 'openai-compat' ? fillUrlTemplate(baseUrl, slot.urlParameters) : baseUrl;
  return filled && !filled.includes('{') ? filled : undefined;
}
