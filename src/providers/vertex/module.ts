import type { ProviderModule } from '../types';
import { slotOfKind } from '../slotOfKind';
import { createVertexClient, describeVertexProblem } from './client';

/** `[providers.vertex]`: unavailable until a readable service-account key and a project are known. */
export const vertexModule: ProviderModule = {
  create: (slot, deps) => createVertexClient(slotOfKind(slot, 'vertex'), deps),
  preflight: (slot, deps) => describeVertexProblem(slotOfKind(slot, 'vertex'), deps),
};
