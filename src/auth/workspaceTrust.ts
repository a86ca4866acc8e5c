import * as path from 'node:path';
import type { SkynetConfig, SlotConfig } from '../config/types';
import { expandHome } from './secretFile';

/** The reason shown on every slot an untrusted workspace may not use (tree, /status, router attempts). */
export const UNTRUSTED_REASON = 'workspace not trusted';

export interface UserCredentialContext {
  /** The workspace folders: a key file inside one of them is the repository's own, not the user's. */
  workspaceFolders: readonly string[];
  homeDir: string;
  env: Readonly<Record<string, string | undefined>>;
  /** What a relative key_file is read against (the client reads it relative to the process's directory). */
  cwd: string;
  /** Resolves symlinks (fs.realpathSync); a link inside the workspace to ~/keys/… is still the user's file. */
  realpath?: (file: string) => string;
}

function inside(file: string, folders: readonly string[]): boolean {
  return folders.some((folder) => {
    const relative = path.relative(folder, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  });
}

function realOrSame(file: string, realpath: ((file: string) => string) | undefined): string {
  try {
    return realpath ? realpath(file) : file;
  } catch {
    return file; // a missing file sends nothing; judge it by where it is written
  }
}

/**
 * Which of the user's own credentials a slot from the workspace's skynet.toml would use, or undefined when it
 * uses none (a key written literally in that same file is the repository's own; Ollama sends no key).
 * In an untrusted workspace, a slot that needs one is not built at all: the file may not route the user's
 * secrets anywhere, not even to the provider's own address (the file also picks the model, and so the bill).
 */
export function userCredentialOf(slot: SlotConfig, context: UserCredentialContext): string | undefined {
  // Slots made from the environment when the file configures no provider: the user's own variables and base URLs.
  if (slot.source.file.startsWith('$')) return undefined;
  switch (slot.kind) {
    case 'anthropic':
    case 'openai':
    case 'openai-compat':
      if (slot.apiKey.type === 'literal') return undefined;
      if (slot.apiKey.type === 'env') return `your environment variable ${slot.apiKey.name}`;
      // A slot with no stored key would still send whatever is stored later, or the CLI-style env fallback.
      return `your ${slot.displayName} API key from Secret Storage`;
    case 'copilot':
      return slot.tokenPath ? `your GitHub token (${slot.tokenPath})` : 'your GitHub sign-in (Copilot)';
    case 'qwen-oauth':
      return `your Qwen sign-in (${slot.credentialsPath})`;
    case 'bedrock':
      // Keys, a bearer token or a session from the environment, ~/.aws/credentials or ~/.aws/config (profile).
      return `your AWS credentials${slot.profile ? ` (profile ${slot.profile})` : ''}`;
    case 'vertex': {
      const written = slot.keyFile || context.env.GOOGLE_APPLICATION_CREDENTIALS;
      if (!written) return 'your Google credentials';
      const file = path.resolve(context.cwd, expandHome(written, context.homeDir));
      const folders = context.workspaceFolders.map((folder) => realOrSame(folder, context.realpath));
      return inside(realOrSame(file, context.realpath), folders) ? undefined : `your Google service-account key (${written})`;
    }
    case 'ollama':
      return undefined;
  }
}

/** Slot id → why it is disabled, for every slot of a workspace config that needs one of the user's credentials. */
export function slotsNeedingTrust(slots: readonly SlotConfig[], context: UserCredentialContext): Map<string, string> {
  const disabled = new Map<string, string>();
  for (const slot of slots) {
    const credential = userCredentialOf(slot, context);
    if (credential) disabled.set(slot.id, `${UNTRUSTED_REASON}: skynet.toml of this workspace may not use ${credential}`);
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
