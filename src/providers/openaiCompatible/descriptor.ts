import { apiKeyCredential } from '../apiKeyCredential';
import type { KindDescriptor } from '../descriptor';

/** Every `[[providers.openai_compat]]` slot, registry row or custom endpoint; each row's facts are in registry.ts. */
export const openaiCompatibleDescriptor: KindDescriptor<'openai-compat'> = {
  kind: 'openai-compat',
  slotCredential: apiKeyCredential((slot) => ({ chatPath: slot.chatPath })),
};
