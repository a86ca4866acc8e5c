import * as assert from 'node:assert/strict';
import { parse as parseToml } from 'smol-toml';
import { appendProviderTable } from '../../../src/config';
import { REGISTRY } from '../../../src/providers/registry';
import { providerChoices, providerTable, slotIdOfChoice } from '../../../src/commands/providerChoices';

const parse = (text: string): unknown => JSON.parse(JSON.stringify(parseToml(text)));
const registry = [
  { id: 'groq', name: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', defaultModel: 'llama-3.3-70b-versatile', freeTier: true, local: false },
  { id: 'lmstudio', name: 'LM Studio', baseUrl: 'http://localhost:1234/v1', defaultModel: 'local-model', freeTier: false, local: true },
];

function written(table: ReturnType<typeof providerTable>): unknown {
  const result = appendProviderTable('', table);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return parse(result.text);
}

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
    assert.deepEqual(choices.find((choice) => choice.table === 'ollama')!.questions, ['model', 'baseUrl']);
  });

  it('offers every row of the real registry', () => {
    const choices = providerChoices(REGISTRY);
    for (const row of REGISTRY) assert.ok(choices.some((choice) => choice.compatId === row.id), `${row.id} missing`);
    assert.equal(choices.length, REGISTRY.length + 8);
  });

  it('writes a registry slot as an openai_compat table without the key', () => {
    const groq = providerChoices(registry).find((choice) => choice.label === 'Groq')!;
    const table = providerTable(groq, { apiKey: 'gsk_secret', model: 'llama-3.3-70b-versatile' });
    assert.deepEqual(table, { table: 'openai_compat', values: { id: 'groq', model: 'llama-3.3-70b-versatile' } });
    assert.equal(slotIdOfChoice(groq, {}), 'groq');
  });

  it('leaves out answers that only repeat a native default, and writes the rest as valid TOML', () => {
    const choices = providerChoices([]);
    const ollama = choices.find((choice) => choice.table === 'ollama')!;
    assert.deepEqual(providerTable(ollama, { model: ollama.defaultModel, baseUrl: ollama.defaultBaseUrl }), { table: 'ollama', values: {} });
    const vertex = choices.find((choice) => choice.table === 'vertex')!;
    assert.deepEqual(written(providerTable(vertex, { projectId: 'my-proj', location: 'europe-west4', keyFile: 'C:\\keys\\"sa".json', model: '' })), {
      providers: { vertex: { project_id: 'my-proj', location: 'europe-west4', key_file: 'C:\\keys\\"sa".json' } },
    });
    const custom = choices.at(-1)!;
    const answers = { id: 'my-gw', baseUrl: 'https://gw.example/v1', model: 'm', apiKey: 'k' };
    assert.deepEqual(written(providerTable(custom, answers)), { providers: { openai_compat: [{ id: 'my-gw', base_url: 'https://gw.example/v1', model: 'm' }] } });
    assert.equal(slotIdOfChoice(custom, answers), 'my-gw');
  });
});
