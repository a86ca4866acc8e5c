import { ENVIRONMENT_SLOT_IDS, environmentSlots } from '../config/environmentSlots';
import { DEFAULT_ROUTER_SETTINGS, type SkynetConfig, type SlotConfig } from '../config/types';
import { slotCredentialOf } from '../providers/descriptors';
import { KNOWN_PROVIDERS } from '../providers/knownProviders';
import type { UserCredentialContext } from '../auth/workspaceFiles';
import { extrasCredentialOf } from './extrasCredentials';

export type { UserCredentialContext };

/** The reason shown on every slot an untrusted workspace may not use (tree, /status, router attempts). */
export const UNTRUSTED_REASON = 'workspace not trusted';

/**
 * Which of the user's own credentials a slot from the workspace's skynet.toml would use, or undefined when it
 * uses none (a key written literally in that same file is the repository's own; Ollama sends no key).
 * In an untrusted workspace, a slot that needs one is not built at all: the file may not route the user's
 * secrets anywhere, not even to the provider's own address (the file also picks the model, and so the bill).
 */
export function userCredentialOf(slot: SlotConfig, context: UserCredentialContext): string | undefined {
  // Slots made from the environment when the file configures no provider: the user's own variables and base URLs.
  if (slot.source.file.startsWith('$')) return undefined;
  const fromExtras = extrasCredentialOf(slot);
  if (fromExtras) return fromExtras;
  return slotCredentialOf(slot).userCredential(slot, context);
}

/** Slot id → why it is disabled, for every slot of a workspace config that needs one of the user's credentials. */
export function slotsNeedingTrust(slots: readonly SlotConfig[], context: UserCredentialContext): Map<string, string> {
  const disabled = new Map<string, string>();
  for (const slot of slots) {
    const credential = userCredentialOf(slot, context);
    if (credential)
      disabled.set(
        slot.id,
        `${context.reason ?? UNTRUSTED_REASON}: ${context.fileLabel ?? 'skynet.toml of this workspace'} may not use ${credential}`,
      );
  }
  return disabled;
}

/**
 * An untrusted workspace's skynet.toml does not choose how much the user's slots reason (and so what they cost),
 * the same way VS Code ignores that workspace's `skynet.reasoning` setting (restrictedConfigurations): its
 * `reasoning` keys are dropped, for every slot. The config comes back unchanged when it sets none.
 */
export function withoutWorkspaceReasoning(config: SkynetConfig): SkynetConfig {
  if (!config.agentReasoning && !config.slots.some((slot) => slot.reasoning)) return config;
  const { agentReasoning: _agentReasoning, ...rest } = config;
  return { ...rest, slots: config.slots.map(({ reasoning: _reasoning, ...slot }) => slot as SlotConfig) };
}

/**
 * The config an untrusted file runs with: none of its reasoning choices, and when it configures no provider (so the
 * slots are the user's own, made from the environment) neither its `[agent] model` nor its `[router]` timeouts apply
 * to them: the file may not pick what the user's keys buy, nor how long the user's requests wait.
 */
export function restrictedConfig(config: SkynetConfig, env: UserCredentialContext['env']): SkynetConfig {
  const restricted = withoutWorkspaceReasoning(config);
  if (!config.fromEnvironment) return restricted;
  const { agentModel: _agentModel, ...rest } = restricted;
  return { ...rest, router: { ...DEFAULT_ROUTER_SETTINGS }, slots: environmentSlots(env, undefined, KNOWN_PROVIDERS) };
}

/**
 * The slots an untrusted file still builds (its own key, or none) made visibly the file's: "(workspace)" after
 * the name, and an id the user's environment slots never have (`anthropic` → `workspace-anthropic`), so the
 * picker never offers the repository's server under the name of the user's own Anthropic or OpenAI.
 */
export function markUntrustedSlots(config: SkynetConfig, withheld: ReadonlyMap<string, string>): SkynetConfig {
  if (config.fromEnvironment) return config;
  const slots = config.slots.map((slot): SlotConfig => {
    if (withheld.has(slot.id) || slot.source.file.startsWith('$')) return slot;
    const id = ENVIRONMENT_SLOT_IDS.includes(slot.id) ? `workspace-${slot.id}` : slot.id;
    return { ...slot, id, displayName: `${slot.displayName} (workspace)`, fromUntrustedFile: true };
  });
  return { ...config, slots };
}
