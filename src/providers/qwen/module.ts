import { qwenCredentialsFile, readQwenCredentials } from '../../auth/qwenCredentials';
import { notSignedInToQwen } from '../../auth/qwenToken';
import type { QwenOAuthSlot, SlotConfig } from '../../config/types';
import type { ProviderDeps, ProviderModule } from '../types';
import { createQwenClient } from './client';

function asQwenSlot(slot: SlotConfig): QwenOAuthSlot {
  if (slot.kind !== 'qwen-oauth') throw new Error(`qwen-oauth module given a ${slot.kind} slot`);
  return slot;
}

/** `[providers.qwen_oauth]`: unavailable until the credentials file exists and holds a token. */
export const qwenOAuthModule: ProviderModule = {
  create: (slot: SlotConfig, deps: ProviderDeps) => createQwenClient(asQwenSlot(slot), deps),
  async preflight(config: SlotConfig, deps: ProviderDeps) {
    const slot = asQwenSlot(config);
    const file = qwenCredentialsFile(slot.credentialsPath, deps.homeDir);
    try {
      if (await readQwenCredentials(file)) return undefined;
      return notSignedInToQwen(slot.id, file).message;
    } catch (error) {
      return (error as Error).message;
    }
  },
};
