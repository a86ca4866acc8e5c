import type { NativeDescriptor } from '../descriptor';

export const ollamaDescriptor: NativeDescriptor<'ollama'> = {
  id: 'ollama',
  kind: 'ollama',
  name: 'Ollama',
  group: 'local',
  baseUrl: 'http://localhost:11434',
  defaultModel: 'llama3.2',
  defaultModelSource: { checked: '2026-12-05', source: 'PROVIDERS.md (not re-checked; a local model the user pulls: ollama.com/library/llama3.2)' },
  credential: { what: 'none', authOrigins: [] },
  slotCredential: { userCredential: () => undefined, secret: () => undefined, identity: () => ({}) },
  models: { kind: 'native', path: '/api/tags', note: 'the models pulled on that server' },
  setup: { summary: 'local · no key', asks: ['model', 'baseUrl'] },
};
