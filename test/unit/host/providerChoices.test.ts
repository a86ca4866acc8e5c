import * as assert from 'node:assert/strict';
import { parse as parseToml } from 'smol-toml';

const parse = (text: string): unknown => JSON.parse(JSON.stringify(parseToml(text)));
import { appendTable, providerChoices, providerTableText, slotIdOfChoice } from '../../../src/views/providerChoices';

const registry = [
  { id: 'groq', name: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', defaultModel: 'llama-3.3-70b-versatile', freeTier: true, local: false },
  { id: 'lmstudio', name: 'LM Studio', baseUrl: 'http://localhost:1234/v1', defaultModel: 'local-model', freeTier: false, local: true },
];

describe('providerChoices', () => {
  it('offers the natives, every registry row with free tier / local marked, and a custom endpoint last', () => {
    const choices = providerChoices(registry);
    const labels = choices.map((choice) => choice.label);
    assert.deepEqual(labels.slice(0, 3), ['Anthropic', 'OpenAI', 'Ollama']);
    assert.equal(labels.at(-1), 'Custom OpenAI-compatible endpoint');
    const groq = choices.find((choice) => choice.label === 'Groq')!;
    assert.equal(groq.description, 'groq · free tier · API key');
    assert.deepEqual(groq.questions, ['apiKey', 'model']);
    const lmstudio = choices.find((choice) => choice.label === 'LM Studio')!;
    assert.equal(lmstudio.description, 'lmstudio · local');
    assert.deepEqual(lmstudio.questions, ['model'], 'a local server needs no key');
    assert.deepEqual(choices.find((choice) => choice.label === 'Ollama')!.questions, ['model', 'baseUrl']);
  });

  it('writes a registry slot as an openai_compat table without the key', () => {
    const groq = providerChoices(registry).find((choice) => choice.label === 'Groq')!;
    const text = providerTableText(groq, { apiKey: 'gsk_secret', model: 'llama-3.3-70b-versatile' });
    assert.equal(text, '[[providers.openai_compat]]\nid = "groq"\nmodel = "llama-3.3-70b-versatile"\n');
    assert.equal(slotIdOfChoice(groq, {}), 'groq');
  });

  it('writes native tables and custom endpoints as valid TOML, quoting what needs quoting', () => {
    const choices = providerChoices([]);
    const vertex = choices.find((choice) => choice.table === 'vertex')!;
    assert.deepEqual(parse(providerTableText(vertex, { projectId: 'my-proj', location: 'europe-west4', keyFile: 'C:\\keys\\"sa".json', model: '' })), {
      providers: { vertex: { project_id: 'my-proj', location: 'europe-west4', key_file: 'C:\\keys\\"sa".json' } },
    });
    const custom = choices.at(-1)!;
    const answers = { id: 'my-gw', baseUrl: 'https://gw.example/v1', model: 'm', apiKey: 'k' };
    assert.deepEqual(parse(providerTableText(custom, answers)), { providers: { openai_compat: [{ id: 'my-gw', base_url: 'https://gw.example/v1', model: 'm' }] } });
    assert.equal(slotIdOfChoice(custom, answers), 'my-gw');
  });
});

describe('appendTable', () => {
  it('keeps the text and comments and separates the new table by one blank line', () => {
    assert.equal(appendTable('# mine\n[providers.ollama]\n', '[providers.openai]\n'), '# mine\n[providers.ollama]\n\n[providers.openai]\n');
    assert.equal(appendTable('[a]\nx = 1', '[b]\n'), '[a]\nx = 1\n\n[b]\n');
    assert.equal(appendTable('[a]\n\n', '[b]\n'), '[a]\n\n[b]\n');
    assert.equal(appendTable('', '[b]\n'), '[b]\n');
  });
});
