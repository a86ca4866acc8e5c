import { findGithubToken, missingGithubTokenMessage } from '../../auth/copilot/copilotGithubToken';
import type { SlotConfig } from '../../config/types';
import type { ProviderDeps, ProviderModule } from '../types';
import { slotOfKind } from '../slotOfKind';
import { createCopilotClient } from './client';

/** `[providers.copilot]`: unavailable until a GitHub token exists (sign-in, or `token_path`). */
export const copilotModule: ProviderModule = {
  create: (slot: SlotConfig, deps: ProviderDeps) => createCopilotClient(slotOfKind(slot, 'copilot'), deps),
  async preflight(config: SlotConfig, deps: ProviderDeps) {
    const slot = slotOfKind(config, 'copilot');
    try {
      return (await findGithubToken(slot, deps)) ? undefined : missingGithubTokenMessage(slot, deps.homeDir);
    } catch (error) {
      return `Cannot read the GitHub token of [${slot.id}]: ${(error as Error).message}`;
    }
  },
};
