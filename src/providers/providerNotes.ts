import type { NativeTable } from '../config/knownProviders';
import { anthropicNotes } from './anthropic/descriptor';
import { azureNotes } from './azure/descriptor';
import { bedrockNotes } from './bedrock/descriptor';
import { copilotNotes } from './copilot/descriptor';
import type { ProviderNotes } from './descriptor';
import { ollamaNotes } from './ollama/descriptor';
import { openaiNotes } from './openai/descriptor';
import { qwenOAuthNotes } from './qwen/descriptor';
import { REGISTRY_NOTES } from './registryNotes';
import { vertexNotes } from './vertex/descriptor';

/**
 * What docs/providers.md says about each provider beyond what the code needs (sources, model-list notes, quirks),
 * by table name or registry id. Only the docs generator and the tests import this, so it stays out of the bundle.
 */
export const PROVIDER_NOTES: Readonly<Record<NativeTable, ProviderNotes>> &
  Readonly<Record<string, ProviderNotes | undefined>> = {
  anthropic: anthropicNotes,
  openai: openaiNotes,
  azure: azureNotes,
  copilot: copilotNotes,
  qwen_oauth: qwenOAuthNotes,
  bedrock: bedrockNotes,
  vertex: vertexNotes,
  ollama: ollamaNotes,
  ...REGISTRY_NOTES,
};
