import { apiKeyCredential } from '../apiKeyCredential';
import type { NativeDescriptor } from '../descriptor';

export const openaiDescriptor: NativeDescriptor<'openai'> = {
  id: 'openai',
  kind: 'openai',
  name: 'OpenAI',
  group: 'cloud',
  baseUrl: 'https://api.openai.com/v1',
  defaultModel: 'gpt-6-luna',
  defaultModelSource: { checked: '2026-12-05', source: 'models.dev via cline/cline sdk/packages/llms/src/providers/providers.generated.ts@04551d4 (openai-native)' },
  credential: { what: 'API key (Bearer); optional `OpenAI-Organization` / `OpenAI-Project`', authOrigins: [] },
  slotCredential: apiKeyCredential((slot) => ({ organization: slot.organization, project: slot.project })),
  models: { kind: 'endpoint', path: '/models', shape: 'openai' },
  quirks: ['o-series and gpt-5 models take `max_completion_tokens`, not `max_tokens`'],
  setup: { summary: 'GPT · API key', asks: ['apiKey', 'model'] },
};
