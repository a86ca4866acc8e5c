import type { ProviderModule } from '../types';
import { slotOfKind } from '../slotOfKind';
import { createOllamaClient } from './client';

/** `[providers.ollama]`: a local server with no key, so nothing to check before routing. */
export const ollamaModule: ProviderModule = {
  create: (slot, deps) => createOllamaClient(slotOfKind(slot, 'ollama'), deps),
};
