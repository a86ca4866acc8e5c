import type { ProviderKind, SlotConfig } from '../config/types';
import type { UserCredentialContext } from '../auth/workspaceFiles';
import type { UrlParameter } from '../config/urlParameters';
import type { WireDialect } from './openaiCompatible/wireDialect';

/**
 * What every part of Skynet knows about one provider, in one place: its defaults, its credential and the origins
 * that credential belongs to, its model list, regional variants and where Add Provider shows it. Trust, origin
 * binding, health handover, Add Provider and docs/providers.md read descriptors instead of switching on kinds.
 * The wire dialect (token-limit field, reasoning parameters, tool-call id rules) is the quirks table's data
 * (`openaiCompatible/wireDialect.ts`), referenced here for every service that speaks Chat Completions.
 */

/** The day the facts below were checked against their sources. */
export type CheckedOn = '2026-12-05';

/** A fact about a real service and where it was checked. */
export interface Sourced {
  checked: CheckedOn;
  /** Where: a docs URL, or a peer's file (`cline/cline sdk/…/providers.generated.ts`). */
  source: string;
}

/** How Add Provider groups the choices. */
export type ProviderGroup = 'cloud' | 'gateway' | 'local' | 'sign-in';

/** Each group's title in Add Provider and docs/providers.md. */
export const PROVIDER_GROUP_TITLES: Readonly<Record<ProviderGroup, string>> = {
  cloud: 'Cloud APIs',
  gateway: 'Gateways',
  local: 'Local servers',
  'sign-in': 'Sign-in services',
};

/** What Add Provider asks for a provider, in order (the skynet.toml keys it writes). */
export type SetupQuestion =
  | 'apiKey'
  | 'model'
  | 'baseUrl'
  | 'id'
  | 'region'
  | 'profile'
  | 'projectId'
  | 'location'
  | 'keyFile'
  | 'accountId'
  | 'gatewayId'
  | 'resource';

export interface ModelListFacts {
  /**
   * `endpoint`: listed by the service (`path`, resolved against the base URL; a relative reference such as
   * `../../v1/models` stays on the base URL's origin). `known`: the service has no list endpoint, so the
   * configured model and `known` are offered. `native`: the provider's own client lists them (see `note`).
   */
  kind: 'endpoint' | 'known' | 'native';
  path?: string;
  /** `openai`: `{data: [{id}]}`; `cohere`: `{models: [{name, endpoints}]}` (chat models only); `github`: `[{id, limits}]`. */
  shape?: 'openai' | 'cohere' | 'github';
  known?: readonly string[];
}

/**
 * Where else a registry row's key may come from when the slot has none of its own, used only while the slot's
 * address is on the row's own origin (a file that moves the address never gets these).
 */
export interface KeyFallback {
  /** Environment variables, in order (`GITHUB_TOKEN`). */
  env: readonly string[];
  /** The GitHub token of Skynet's Copilot sign-in (VS Code Secret Storage, or `~/.skynet/copilot-token`). */
  githubSignIn: boolean;
}

/** A regional or plan variant of the same service: another base URL for the same credential type. */
export interface RegionalVariant {
  name: string;
  baseUrl: string;
}

/** What a provider's credential is, and the origins besides the base URL it is sent to. */
export interface CredentialFacts {
  /** For docs and prompts: "API key (`Authorization: Bearer`)". */
  what: string;
  /** Auth hosts the credential (or a signature made with it) also goes to: sign-in, token exchange, STS. */
  authOrigins: readonly string[];
}

/** Everything about a provider that is plain data: defaults, credential, models, variants, setup. */
export interface ProviderFacts {
  /** skynet.toml table name (`anthropic`, `qwen_oauth`) or registry id (`groq`). */
  id: string;
  kind: ProviderKind;
  name: string;
  group: ProviderGroup;
  /** Base URL with nothing overridden; `{region}`/`{location}`/`{resource}` and `urlParameters` are filled from the slot. */
  baseUrl: string;
  /** Values of the slot that are part of the base URL (registry rows such as Cloudflare's `{account_id}`). */
  urlParameters?: readonly UrlParameter[];
  defaultModel: string;
  credential: CredentialFacts;
  models: ModelListFacts;
  regions?: readonly RegionalVariant[];
  /** How it differs on the Chat Completions wire (from WIRE_DIALECTS); absent for other protocols. */
  dialect?: WireDialect;
  /** Add Provider: the one-line description and what it asks, in order. */
  setup: { summary: string; asks: readonly SetupQuestion[]; signIn?: boolean };
}

/**
 * What docs/providers.md says about a provider beyond what the code needs: where its default model was checked,
 * notes on its model list, service rules worth knowing. Only the docs generator and the tests read these
 * (providerNotes.ts), so esbuild leaves them out of the extension bundle.
 */
export interface ProviderNotes {
  /** Where the default model was checked. */
  defaultModelSource: Sourced;
  /** About the model list (`models`): where it comes from, why none. */
  modelsNote?: string;
  /** Service rules worth knowing, each with its source where it is a fact about the service. */
  quirks?: readonly string[];
  /** A note beside the name (an address to check, a regional alternative). */
  description?: string;
}

/** A secret a slot would send, and every URL it (or a signature made with it) would reach. */
export interface SlotSecret {
  /** Stable id of the secret: its storage key, or the credential source (AWS profile, key file). */
  secretId: string;
  /** For the prompt: "your Groq API key", "your AWS credentials (profile default)". */
  secretLabel: string;
  /**
   * Where it goes: each URL with the origins that are its provider's own (a list of base URLs, or a host
   * pattern for https URLs such as `*.amazonaws.com`); any other origin needs the user's approval.
   */
  destinations: ReadonlyArray<{ url: string; own: readonly string[] | RegExp }>;
}

/** How one kind of slot uses its credential: the behaviour trust, origin binding and health handover read. */
export interface SlotCredential<S extends SlotConfig> {
  /**
   * Which of the user's own credentials this slot would use when a workspace's skynet.toml declares it, or
   * undefined when it uses none (a key written in that same file is the repository's own).
   */
  userCredential(slot: S, context: UserCredentialContext): string | undefined;
  /** The stored secret this slot sends and where; undefined when nothing stored is sent (literal/env keys, no key). */
  secret(slot: S, ownBaseUrl: string | undefined): SlotSecret | undefined;
  /** The credential part of the slot's health identity: where the key or token comes from. */
  identity(slot: S): Record<string, unknown>;
}

export type SlotOfKind<K extends ProviderKind> = Extract<SlotConfig, { kind: K }>;

/** One kind of slot: its credential behaviour (every kind) and, for native providers, its facts. */
export interface KindDescriptor<K extends ProviderKind> {
  kind: K;
  slotCredential: SlotCredential<SlotOfKind<K>>;
}

/** A native provider (its own `[providers.<table>]`): its facts and its kind's behaviour. */
export interface NativeDescriptor<K extends ProviderKind> extends ProviderFacts, KindDescriptor<K> {
  kind: K;
}
