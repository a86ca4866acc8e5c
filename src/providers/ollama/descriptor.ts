import type { NativeDescriptor, ProviderNotes } from '../descriptor';

export const ollamaDescriptor: NativeDescriptor<'ollama'> = {
  id: 'ollama',
  kind: 'ollama',
  name: 'Ollama',
  group: 'local',
  baseUrl: 'http://localhost:11434',
  defaultModel: 'llama3.2',
  credential: { what: 'none', authOrigins: [] },
  slotCredential: { userCredential: () => undefined, secret: () => undefined, identity: () => ({}) },
  models: { kind: 'native', path: '/api/tags' },
  setup: { summary: 'local · no key', asks: ['model', 'baseUrl'] },
};

/** For docs/providers.md and the tests only (providerNotes.ts): not in the extension bundle. */
export const ollamaNotes: ProviderNotes = {
  defaultModelSource: {
    checked: '2026-12-05',
    source: 'PROVIDERS.md (not re-checked; a local model the user pulls: ollama.com/library/llama3.2)',
  },
  modelsNote: 'the models pulled on that server',
};
