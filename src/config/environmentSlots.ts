import type { KnownProviders } from './knownProviders';
import type { SlotConfig } from './types';

type Env = Readonly<Record<string, string | undefined>>;

/** The design's environment fallbacks, in order; a slot without `name` takes its provider's. */
const FALLBACKS = [
  {
    variable: 'ANTHROPIC_OAUTH_TOKEN',
    id: 'anthropic-oauth',
    kind: 'anthropic',
    name: 'Anthropic (Claude subscription)',
    baseVariable: 'ANTHROPIC_BASE_URL',
  },
  {
    variable: 'ANTHROPIC_API_KEY',
    id: 'anthropic',
    kind: 'anthropic',
    baseVariable: 'ANTHROPIC_BASE_URL',
  },
  {
    variable: 'OPENAI_API_KEY',
    id: 'openai',
    kind: 'openai',
    baseVariable: 'OPENAI_BASE_URL',
  },
] as const;

/** The ids of the slots the user's environment makes: an untrusted file's slot may not take one. */
export const ENVIRONMENT_SLOT_IDS: readonly string[] = FALLBACKS.map((fallback) => fallback.id);

/** Slots made from the environment when skynet.toml configures no provider. */
export function environmentSlots(env: Env, agentModel: string | undefined, providers: KnownProviders): SlotConfig[] {
  return FALLBACKS.filter((fallback) => env[fallback.variable]).map((fallback) => {
    const defaults = providers.native[fallback.kind];
    return {
      id: fallback.id,
      kind: fallback.kind,
      displayName: 'name' in fallback ? fallback.name : defaults.name,
      model: agentModel ?? defaults.defaultModel,
      baseUrl: env[fallback.baseVariable] || defaults.baseUrl,
      source: { file: `$${fallback.variable}`, line: 1, column: 1 },
      apiKey: { type: 'env', name: fallback.variable },
    };
  });
}
