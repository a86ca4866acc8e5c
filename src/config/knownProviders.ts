import type { ProviderTable } from './schemaTables';
import type { UrlParameter } from './urlParameters';

/** A native provider's own table (`[providers.anthropic]`): every provider table but `openai_compat`. */
export type NativeTable = Exclude<ProviderTable, 'openai_compat'>;

/** What a native provider's slot takes for the keys skynet.toml leaves out. */
export interface NativeDefaults {
  name: string;
  baseUrl: string;
  defaultModel: string;
}

/** An OpenAI-compatible service of the registry, as far as reading skynet.toml needs it. */
export interface RegistryRowDefaults {
  id: string;
  name: string;
  /** May hold `{account_id}`-style values of the slot (`urlParameters`), checked by `registryBaseUrl`. */
  baseUrl: string;
  defaultModel: string;
  chatPath: string;
  freeTier: boolean;
  local: boolean;
  supportsStreamOptions: boolean;
  urlParameters?: readonly UrlParameter[];
}

/** A service that no longer serves the public: what ended, and what to use instead. */
export interface RetiredService {
  name: string;
  ended: string;
  instead: string;
}

/**
 * What reading skynet.toml needs to know about the providers. Config imports nothing from `src/providers`:
 * `KNOWN_PROVIDERS` (`src/providers/knownProviders.ts`) is this, built from the descriptors, the registry and the
 * retired list, and whoever reads a config passes it in.
 */
export interface KnownProviders {
  /** Each native table's defaults, and the extra defaults of the tables that have them. */
  native: { readonly [T in NativeTable]: NativeDefaults } & {
    readonly copilot: { githubUrl: string; githubApiUrl: string };
    readonly qwen_oauth: { credentialsPath: string; authUrl: string };
    readonly vertex: { location: string };
  };
  /** The OpenAI-compatible services, in the order suggestions and messages list them. */
  registry: readonly RegistryRowDefaults[];
  /** Registry ids and tables whose service is gone, by id or table name. */
  retired: Readonly<Record<string, RetiredService>>;
  /** Why a base URL and chat path would not reach a chat endpoint together, or undefined when they would. */
  endpointShapeProblem(baseUrl: string, chatPath: string): string | undefined;
}

/** The sentence config diagnostics show for a retired provider. */
export function retiredMessage(id: string, retired: RetiredService): string {
  return `\`${id}\` (${retired.name}) no longer exists: ${retired.ended}. Use ${retired.instead} instead`;
}
