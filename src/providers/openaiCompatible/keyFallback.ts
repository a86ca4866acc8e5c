import { findGithubToken } from '../../auth/copilot/copilotGithubToken';
import type { OpenAICompatSlot } from '../../config/types';
import { findRegistryEntry } from '../registry';
import type { ProviderDeps } from '../types';

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The Copilot sign-in Skynet makes for `[providers.copilot]` (VS Code: Secret Storage; CLI: `~/.skynet/copilot-token`). */
const COPILOT_SIGN_IN = { id: 'copilot', tokenPath: undefined };

/**
 * A key for a registry row that takes one from elsewhere when the slot has none stored (GitHub Models: GITHUB_TOKEN,
 * then the Copilot sign-in's GitHub token). Only while the slot's address is on the row's own origin: a skynet.toml
 * that moves the address never gets the user's environment or sign-in this way. `from` names the source for the log.
 */
export async function fallbackKey(
  slot: OpenAICompatSlot,
  deps: Pick<ProviderDeps, 'env' | 'credentials' | 'homeDir'>,
): Promise<{ key: string; from: string } | undefined> {
  const row = slot.registryId ? findRegistryEntry(slot.registryId) : undefined;
  const fallback = row?.keyFallback;
  if (!row || !fallback || slot.apiKey.type !== 'store') return undefined;
  const own = originOf(row.baseUrl);
  if (!own || originOf(slot.baseUrl) !== own) return undefined;
  for (const name of fallback.env) {
    const value = deps.env[name];
    if (value) return { key: value, from: `the environment variable ${name}` };
  }
  if (!fallback.githubSignIn) return undefined;
  const token = await findGithubToken(COPILOT_SIGN_IN, deps).catch(() => undefined);
  return token ? { key: token, from: "the Copilot sign-in's GitHub token" } : undefined;
}

/** What else would give this slot a key, for the missing-key message ("", when nothing else would). */
export function fallbackHint(slot: OpenAICompatSlot): string {
  const fallback = slot.registryId ? findRegistryEntry(slot.registryId)?.keyFallback : undefined;
  if (!fallback) return '';
  const ways = [
    ...fallback.env.map((name) => `set ${name}`),
    ...(fallback.githubSignIn ? ['sign in to GitHub Copilot (Skynet: Sign In, or `skynet login copilot`)'] : []),
  ];
  return ` Or ${ways.join(', or ')}.`;
}
