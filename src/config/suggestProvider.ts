import type { RegistryRowDefaults } from './knownProviders';
import { nearest } from './suggest';

const GENERIC = new Set(['ai', 'api', 'key', 'the', 'local']);

/** Words in each service's name ("xAI (Grok)" → xai, grok) that point at its id; the first row naming a word keeps it (Kimi → moonshot, not kimi-coding). */
function nameWords(registry: readonly RegistryRowDefaults[]): ReadonlyMap<string, string> {
  return new Map(
    [...registry].reverse().flatMap((entry) =>
      entry.name
        .toLowerCase()
        .split(/[^a-z0-9.]+/)
        .filter((word) => word.length >= 3 && !GENERIC.has(word) && word !== entry.id)
        .map((word) => [word, entry.id] as [string, string]),
    ),
  );
}

/** The registry id the user most likely meant: a brand or model family in a service's name first, then spelling. */
export function suggestRegistryId(word: string, registry: readonly RegistryRowDefaults[]): string | undefined {
  return (
    nameWords(registry).get(word.toLowerCase()) ??
    nearest(
      word,
      registry.map((entry) => entry.id),
    )
  );
}
