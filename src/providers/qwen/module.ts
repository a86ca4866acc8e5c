import { qwenCredentialsFile, readQwenCredentials } from '../../auth/qwen/qwenCredentials';
import { notSignedInToQwen } from '../../auth/qwen/qwenToken';
import type { SlotConfig } from '../../config/types';
import type { ProviderDeps, ProviderModule } from '../types';
import { slotOfKind } from '../slotOfKind';
import { createQwenClient } from './client';

/** `[providers.qwen_oauth]`: unavailable until the credentials file exists and holds a token. */
export const qwenOAuthModule: ProviderModule = {
  create: (slot: SlotConfig, deps: ProviderDeps) => createQwenClient(slotOfKind(slot, 'qwen-oauth'), deps),
  async preflight(config: SlotConfig, deps: ProviderDeps) {
    const slot = slotOfKind(config, 'qwen-oauth');
    const file = qwenCredentialsFile(slot.credentialsPath, deps.homeDir);
    try {
      if (await readQwenCredentials(file)) return undefined;
      return notSignedInToQwen(slot.id, file).message;
    } catch (error) {
      return (error as Error).message;
    }
  },
};
