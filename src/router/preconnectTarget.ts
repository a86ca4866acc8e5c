import { defaultBaseUrlFor } from '../providers/descriptors';
import type { RouterSlot } from './types';

/**
 * Where to open a connection ahead of the first request: the first slot the router would try, when it talks to its
 * provider's own address. A base_url a file chose is never contacted before the user asks for something, so opening
 * a window reaches no address a repository picked.
 */
export function preconnectTarget(router: { plan(): { order: readonly RouterSlot[] } }): string | undefined {
  const first = router.plan().order[0];
  const own = first ? defaultBaseUrlFor(first.config) : undefined;
  if (!first || !own) return undefined;
  try {
    return new URL(first.config.baseUrl).origin === new URL(own).origin ? own : undefined;
  } catch {
    return undefined;
  }
}
