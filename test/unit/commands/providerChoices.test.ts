import * as assert from 'node:assert/strict';
import { parse as parseToml } from 'smol-toml';
import { appendProviderTable } from '../../../src/config';
import { REGISTRY, findRegistryEntry } from '../../../src/providers/registry';
import { CHOICE_GROUPS, providerChoices, providerTable, slotIdOfChoice } from '../../../src/commands/providerChoices';

const parse = (text: string): unknown => JSON.parse(JSON.stringify(parseToml(text)));
const registry = [findRegistryEntry('groq')!, findRegistryEntry('lmstudio')!];

function written(table: ReturnType<typeof providerTable>): unknown {
  const result = appendProviderTable('', table);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return parse(result.text);
}

describe('providerChoices', () => {
  it('groups every provider (cloud APIs, gateways, local servers, sign-ins), by name within a group, the custom endpoint last', () => {
    const choices = providerChoices(REGISTRY);
    const order = CHOICE_GROUPS.map((entry) => entry.group);
    assert.deepEqual(
      CHOICE_GROUPS.map((entry) => entry.title),
      ['Cloud APIs', 'Gateways', 'Local servers', 'Sign-in services', 'Any other server'],
    );
    for (let index = 1; index < choices.length; index++) {
      const [previous, current] = [choices[index - 1], choices[index]];
      const byGroup = order.indexOf(previous.group) - order.indexOf(current.group);
      assert.ok(
        byGroup < 0 || (byGroup === 0 && previous.label.localeCompare(current.label) <= 0),
        `${previous.label} before ${current.label}`,
      );
    }
    assert.deepEqual([...new Set(choices.map((choice) => choice.group))], order);
    assert.equal(choices.at(-1)!.label, 'Custom OpenAI-compatible endpoint');
    assert.deepEqual(
      choices
        .filter((choice) => choice.group === 'sign-in')
        .map((choice) => choice.label)
        .sort(),
      ['GitHub Copilot', 'Qwen (sign-in)'].sort(),
    );
    assert.ok(
      choices.filter((choice) => choice.group === 'gateway').some((choice) => choice.compatId === 'openrouter'),
    );
  });

  it('describes each choice by id, free tier and summary, auth and where it runs: the text the search matches', () => {
    const choices = providerChoices(registry);
    const groq = choices.find((choice) => choice.label === 'Groq')!;
    assert.equal(groq.description, 'groq · free tier');
    assert.equal(groq.detail, 'API key (Authorization: Bearer) · hosted at api.groq.com');
    assert.deepEqual(groq.questions, ['apiKey', 'model']);
    const lmstudio = choices.find((choice) => choice.label === 'LM Studio')!;
    assert.equal(lmstudio.detail, 'no key needed · local server at http://localhost:1234/v1');
    assert.deepEqual(lmstudio.questions, ['model'], 'a local server needs no key');
    const ollama = choices.find((choice) => choice.table === 'ollama')!;
    assert.equal(ollama.group, 'local');
    assert.deepEqual(ollama.questions, ['model', 'baseUrl']);
    const copilot = choices.find((choice) => choice.table === 'copilot')!;
    assert.match(copilot.detail, /^GitHub OAuth token \(device flow\)/);
    assert.equal(copilot.signIn, true);
    assert.equal(choices.find((choice) => choice.table === 'anthropic')!.description, 'anthropic · Claude · API key');
    const azure = choices.find((choice) => choice.table === 'azure')!;
    assert.deepEqual(
      [azure.group, azure.questions],
      ['cloud', ['resource', 'model', 'apiKey']],
      'Azure asks only what it needs: its resource name first',
    );
  });

  it('offers every row of the real registry', () => {
    const choices = providerChoices(REGISTRY);
    for (const row of REGISTRY)
      assert.ok(
        choices.some((choice) => choice.compatId === row.id),
        `${row.id} missing`,
      );
    assert.equal(choices.length, REGISTRY.length + 9);
  });

  it('asks Cloudflare for its account ID (and gateway ID) before the key, and writes them into the table', () => {
    const choices = providerChoices(REGISTRY);
    const cloudflare = choices.find((choice) => choice.compatId === 'cloudflare')!;
    assert.deepEqual(cloudflare.questions, ['accountId', 'apiKey', 'model']);
    assert.equal(cloudflare.urlParameters?.[0].pattern.test('023e105f4ecef8ad9ca31a8372d0c353'), true);
    const table = providerTable(cloudflare, {
      accountId: '023e105f4ecef8ad9ca31a8372d0c353',
      apiKey: 'secret',
      model: '@cf/zai-org/glm-5.3-flash',
    });
    assert.deepEqual(written(table), {
      providers: {
        openai_compat: [
          { id: 'cloudflare', model: '@cf/zai-org/glm-5.3-flash', account_id: '023e105f4ecef8ad9ca31a8372d0c353' },
        ],
      },
    });
    const gateway = choices.find((choice) => choice.compatId === 'cloudflare-gateway')!;
    assert.deepEqual(gateway.questions, ['accountId', 'gatewayId', 'apiKey', 'model']);
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
    assert.deepEqual(providerTable(ollama, { model: ollama.defaultModel, baseUrl: ollama.defaultBaseUrl }), {
      table: 'ollama',
      values: {},
    });
    const vertex = choices.find((choice) => choice.table === 'vertex')!;
    assert.deepEqual(
      written(
        providerTable(vertex, {
          projectId: 'my-proj',
          location: 'europe-west4',
          keyFile: 'C:\\keys\\"sa".json',
          model: '',
        }),
      ),
      {
        providers: { vertex: { project_id: 'my-proj', location: 'europe-west4', key_file: 'C:\\keys\\"sa".json' } },
      },
    );
    const custom = choices.at(-1)!;
    const answers = { id: 'my-gw', baseUrl: 'https://gw.example/v1', model: 'm', apiKey: 'k' };
    assert.deepEqual(written(providerTable(custom, answers)), {
      providers: { openai_compat: [{ id: 'my-gw', base_url: 'https://gw.example/v1', model: 'm' }] },
    });
    assert.equal(slotIdOfChoice(custom, answers), 'my-gw');
  });
});
