import { apiKeyCredential } from '../apiKeyCredential';
import type { NativeDescriptor, ProviderNotes } from '../descriptor';

export const anthropicDescriptor: NativeDescriptor<'anthropic'> = {
  id: 'anthropic',
  kind: 'anthropic',
  name: 'Anthropic',
  group: 'cloud',
  baseUrl: 'https://api.anthropic.com',
  defaultModel: 'claude-sonnet-5-5',
  credential: { what: 'API key (`x-api-key`), or a Claude subscription OAuth token (Bearer)', authOrigins: [] },
  slotCredential: apiKeyCredential(),
  models: { kind: 'endpoint', path: '/v1/models' },
  setup: { summary: 'Claude · API key', asks: ['apiKey', 'model'] },
};

/** For docs/providers.md and the tests only (providerNotes.ts): not in the extension bundle. */
export const anthropicNotes: ProviderNotes = {
  defaultModelSource: {
    checked: '2026-12-05',
    source: 'models.dev via cline/cline sdk/packages/llms/src/providers/providers.generated.ts@04551d4 (anthropic)',
  },
  modelsNote: 'paged with `after_id`',
  quirks: ['`anthropic-version: 2023-06-01`; prompt-cache markers on tools, system and earlier turns'],
};
