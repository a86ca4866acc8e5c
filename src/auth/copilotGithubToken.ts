import * as path from 'node:path';
import type { CopilotSlot } from '../config/types';
import { secretKeys, type CredentialStore } from './credentialStore';
import { expandHome, readOptionalFile, removeFile, writeSecretFile } from './secretFile';

export interface GithubTokenContext {
  credentials: CredentialStore;
  homeDir: string;
}

/** Where the CLI keeps the GitHub token: the slot's `token_path`, else `~/.skynet/copilot-token`. */
export function copilotTokenFile(slot: Pick<CopilotSlot, 'tokenPath'>, homeDir: string): string {
  return slot.tokenPath ? expandHome(slot.tokenPath, homeDir) : path.join(homeDir, '.skynet', 'copilot-token');
}

/** The token in a token file: the bare token, or JSON with `oauth_token`/`access_token`/`token`. */
export function parseGithubTokenFile(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (!trimmed.startsWith('{')) return trimmed;
  try {
    const value = JSON.parse(trimmed) as Record<string, unknown>;
    for (const key of ['oauth_token', 'access_token', 'token']) {
      const token = value[key];
      if (typeof token === 'string' && token) return token;
    }
  } catch {
    // Not JSON after all: no token.
  }
  return undefined;
}

/** The GitHub token of a Copilot slot: the credential store first (VS Code sign-in), then the token file. */
export async function findGithubToken(slot: CopilotSlot, context: GithubTokenContext): Promise<string | undefined> {
  const stored = await context.credentials.get(secretKeys.githubToken(slot.id));
  if (stored) return stored;
  const text = await readOptionalFile(copilotTokenFile(slot, context.homeDir));
  return text === undefined ? undefined : parseGithubTokenFile(text);
}

/** Saves the token where `findGithubToken` looks: the file (0600, atomic) and the store. Returns the file. */
export async function saveGithubToken(slot: CopilotSlot, token: string, context: GithubTokenContext): Promise<string> {
  const file = copilotTokenFile(slot, context.homeDir);
  await writeSecretFile(file, `${token}\n`);
  await context.credentials.set(secretKeys.githubToken(slot.id), token);
  return file;
}

/** Forgets the token in both places; says which file it looked at and whether one was removed. */
export async function forgetGithubToken(slot: CopilotSlot, context: GithubTokenContext): Promise<{ file: string; removed: boolean }> {
  await context.credentials.delete(secretKeys.githubToken(slot.id));
  const file = copilotTokenFile(slot, context.homeDir);
  return { file, removed: await removeFile(file) };
}

export function missingGithubTokenMessage(slot: CopilotSlot, homeDir: string): string {
  return `Not signed in to GitHub Copilot: no GitHub token for [${slot.id}] (looked in ${copilotTokenFile(slot, homeDir)}). Run \`skynet login copilot\`, or Sign in from the Skynet view.`;
}
