import { findGithubToken, missingGithubTokenMessage } from '../../auth/copilotGithubToken';
import type { CopilotSlot, SlotConfig } from '../../config/types';
import type { ProviderDeps, ProviderModule } from '../types';
import { createCopilotClient } from './client';

function asCopilotSlot(slot: SlotConfig): CopilotSlot {
  if (slot.kind !== 'copilot') throw new Error(`copilot module given a ${slot.kind} slot`);
  return slot;
}

/** `[providers.copilot]`: unavailable until a GitHub token exists (sign-in, or `token_path`). */
export const copilotModule: ProviderModule = {
  create: (slot: SlotConfig, deps: ProviderDeps) => createCopilotClient(asCopilotSlot(slot), deps),
  async preflight(config: SlotConfig, deps: ProviderDeps) {
    const slot = asCopilotSlot(config);
    try {
      return (await findGithubToken(slot, deps)) ? undefined : missingGithubTokenMessage(slot, deps.homeDir);
    } catch (error) {
      return `Cannot read the GitHub token of [${slot.id}]: ${(error as Error).message}`;
    }
  },
};
