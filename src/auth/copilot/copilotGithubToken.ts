import * as path from 'node:path';
import type { CopilotSlot } from '../../config/types';
import { secretKeys, type CredentialStore } from '../credentialStore';
import { expandHome, removeFile, writeSecretFile } from '../secretFile';
import { readSmallFile, tokenFileProblem } from '../tokenFileGuard';

export interface GithubTokenContext {
  credentials: CredentialStore;
  homeDir: string;
}

/** Where the CLI keeps the GitHub token: the slot's `token_path`, else `~/.skynet/copilot-token`. */
export function copilotTokenFile(slot: Pick<CopilotSlot, 'tokenPath'>, homeDir: string): string {
  return slot.tokenPath ? expandHome(slot.tokenPath, homeDir) : path.join(homeDir, '.skynet', 'copilot-token');
}

/** A GitHub token written bare: `gho_…`, `ghu_…`, `github_pat_…`, 40 hex digits; one line, no spaces. */
const BARE_TOKEN = /^[A-Za-z0-9_.-]{16,512}$/;

/**
 * The token in a token file: the bare token, or JSON with `oauth_token`/`access_token`/`token`. Text of another
 * shape (a `.npmrc` line, a key file) is not a GitHub token and is never sent as one.
 */
export function parseGithubTokenFile(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (!trimmed.startsWith('{')) return BARE_TOKEN.test(trimmed) ? trimmed : undefined;
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
export async function findGithubToken(
  slot: Pick<CopilotSlot, 'id' | 'tokenPath'>,
  context: GithubTokenContext,
): Promise<string | undefined> {
  const stored = await context.credentials.get(secretKeys.githubToken(slot.id));
  if (stored) return stored;
  const file = copilotTokenFile(slot, context.homeDir);
  const read = await readSmallFile(file);
  if (read && 'problem' in read) throw new Error(`${file}: ${read.problem}`);
  return read && parseGithubTokenFile(read.text);
}

/** Why sign-in or sign-out must leave this slot's token file alone (see tokenFileProblem), or undefined. */
export function githubTokenFileProblem(
  slot: Pick<CopilotSlot, 'tokenPath'>,
  homeDir: string,
): Promise<string | undefined> {
  return tokenFileProblem(copilotTokenFile(slot, homeDir), {
    description: 'a GitHub token file (a token on one line, or JSON with oauth_token)',
    defaultFile: copilotTokenFile({}, homeDir),
    looksLikeTokenFile: (text) => parseGithubTokenFile(text) !== undefined,
  });
}

/** Saves the token where `findGithubToken` looks: the file (0600, atomic) and the store. Returns the file. */
export async function saveGithubToken(slot: CopilotSlot, token: string, context: GithubTokenContext): Promise<string> {
  const file = copilotTokenFile(slot, context.homeDir);
  const problem = await githubTokenFileProblem(slot, context.homeDir);
  if (problem) throw new Error(`not overwriting ${file}: ${problem}. Point token_path at a new file.`);
  await writeSecretFile(file, `${token}\n`);
  await context.credentials.set(secretKeys.githubToken(slot.id), token);
  return file;
}

/** Forgets the token in both places; says which file it looked at and whether one was removed. */
export async function forgetGithubToken(
  slot: CopilotSlot,
  context: GithubTokenContext,
): Promise<{ file: string; removed: boolean }> {
  await context.credentials.delete(secretKeys.githubToken(slot.id));
  const file = copilotTokenFile(slot, context.homeDir);
  const problem = await githubTokenFileProblem(slot, context.homeDir);
  if (problem)
    throw new Error(
      `not removing ${file}: ${problem}. The sign-in stored by Skynet is forgotten; delete the file yourself if it is a token.`,
    );
  return { file, removed: await removeFile(file) };
}

export function missingGithubTokenMessage(slot: CopilotSlot, homeDir: string): string {
  return `Not signed in to GitHub Copilot: no GitHub token for [${slot.id}] (looked in ${copilotTokenFile(slot, homeDir)}). Run \`skynet login copilot\`, or Sign in from the Skynet view.`;
}
