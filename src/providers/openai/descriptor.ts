import { apiKeyCredential } from '../apiKeyCredential';
import type { NativeDescriptor, ProviderNotes } from '../descriptor';
import { WIRE_DIALECTS } from '../openaiCompatible/wireDialect';

export const openaiDescriptor: NativeDescriptor<'openai'> = {
  id: 'openai',
  kind: 'openai',
  name: 'OpenAI',
  group: 'cloud',
  baseUrl: 'https://api.openai.com/v1',
  defaultModel: 'gpt-6-luna',
  credential: { what: 'API key (Bearer); optional `OpenAI-Organization` / `OpenAI-Project`', authOrigins: [] },
  slotCredential: apiKeyCredential((slot) => ({ organization: slot.organization, project: slot.project })),
  dialect: WIRE_DIALECTS.openai,
  models: { kind: 'endpoint', path: '/models', shape: 'openai' },
  setup: { summary: 'GPT · API key', asks: ['apiKey', 'model'] },
};

/** For docs/providers.md and the tests only (providerNotes.ts): not in the extension bundle. */
export const openaiNotes: ProviderNotes = {
  defaultModelSource: {
    checked: '2026-12-05',
    source: 'models.dev via cline/cline sdk/packages/llms/src/providers/providers.generated.ts@04551d4 (openai-native)',
  },
};
