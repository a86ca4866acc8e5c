import type { ProviderKind } from '../config/types';
import type { ProviderModule } from './types';

/** One line per provider family: where clients are created. */
export const providerModules: Partial<Record<ProviderKind, ProviderModule>> = {};
