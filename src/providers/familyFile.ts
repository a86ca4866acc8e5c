import * as path from 'node:path';
import type { ProviderModule } from './types';

/** The main bundle's modules that a family file uses, by source path (`src/util/errors.ts`). */
export type SharedModules = Readonly<Record<string, unknown>>;

/** What a family file exports: a function that takes the shared modules and returns the family's own exports. */
type FamilyFactory = (shared: (source: string) => unknown) => Record<string, unknown>;

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** `load()` on the first `create` or `preflight`, never before; the same family for every later call. */
export function lazyProviderModule(load: () => ProviderModule): ProviderModule {
  let loaded: ProviderModule | undefined;
  const family = (): ProviderModule => (loaded ??= load());
  return {
    create: (slot, deps) => family().create(slot, deps),
    preflight: async (slot, deps) => family().preflight?.(slot, deps),
  };
}

/**
 * A provider family that the bundles read from a file of its own (dist/bedrock.js) on first use of one of its slots,
 * so a window without such a slot never parses it. esbuild.mjs builds the file and this call in place of the family's
 * static import. The file holds only the family's own modules: those the main bundle also has (ProviderError, the
 * HTTP client, redaction…) are `shared`, the main bundle's own instances, so `instanceof ProviderError`, typed errors
 * and module state stay one. The require is synchronous, so a client is created exactly as with a static import.
 */
export function familyFileModule(file: string, exportName: string, shared: SharedModules): ProviderModule {
  return lazyProviderModule(() => {
    const full = path.join(__dirname, file);
    let factory: FamilyFactory;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file beside the bundle, read on first use
      factory = require(full) as FamilyFactory;
    } catch (error) {
      throw new Error(
        `Skynet could not load ${full} (${firstLine(error)}); reinstall Skynet, or rebuild with node esbuild.mjs`,
        { cause: error },
      );
    }
    const exports = factory((source) => {
      if (!(source in shared))
        throw new Error(
          `${file} needs ${source}, which the bundle that loads it does not pass: rebuild with node esbuild.mjs`,
        );
      return shared[source];
    });
    const module = exports[exportName] as ProviderModule | undefined;
    if (!module) throw new Error(`${file} has no ${exportName}: rebuild with node esbuild.mjs`);
    return module;
  });
}
