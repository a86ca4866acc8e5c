import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TABLE_ORDER } from '../../../src/config/schemaTables';
import { KIND_DESCRIPTORS, NATIVE_PROVIDERS, defaultBaseUrlFor } from '../../../src/providers/descriptors';
import { PROVIDER_NOTES } from '../../../src/providers/providerNotes';
import { REGISTRY, findRegistryEntry } from '../../../src/providers/registry';
import { RETIRED_PROVIDERS } from '../../../src/providers/retired';

const CHECKED = '2026-12-05';

describe('provider descriptors', () => {
  it('describe every provider table and every kind', () => {
    assert.deepEqual(
      Object.keys(NATIVE_PROVIDERS).sort(),
      TABLE_ORDER.filter((table) => table !== 'openai_compat').sort(),
    );
    assert.deepEqual(Object.keys(KIND_DESCRIPTORS).sort(), [
      'anthropic',
      'azure',
      'bedrock',
      'copilot',
      'ollama',
      'openai',
      'openai-compat',
      'qwen-oauth',
      'vertex',
    ]);
    for (const [table, descriptor] of Object.entries(NATIVE_PROVIDERS)) assert.equal(descriptor.id, table);
  });

  it('give every default model the date and source it was checked against', () => {
    for (const descriptor of [...Object.values(NATIVE_PROVIDERS), ...REGISTRY]) {
      const source = PROVIDER_NOTES[descriptor.id]?.defaultModelSource;
      assert.ok(source, `${descriptor.id} has its notes in providerNotes.ts`);
      assert.equal(source.checked, CHECKED, descriptor.id);
      assert.ok(source.source.length > 10, `${descriptor.id} names its source`);
      assert.ok(descriptor.defaultModel.trim(), descriptor.id);
    }
  });

  it('name the auth hosts a credential also reaches (GitHub, Qwen, Google token, STS)', () => {
    assert.deepEqual(NATIVE_PROVIDERS.copilot.credential.authOrigins, ['https://github.com', 'https://api.github.com']);
    assert.deepEqual(NATIVE_PROVIDERS.qwen_oauth.credential.authOrigins, ['https://chat.qwen.ai']);
    assert.deepEqual(NATIVE_PROVIDERS.vertex.credential.authOrigins, ['https://oauth2.googleapis.com']);
    assert.ok(NATIVE_PROVIDERS.bedrock.credential.authOrigins.includes('https://sts.{region}.amazonaws.com'));
  });

  it('hold no default that is known dead (December 2026 review)', () => {
    const dead: Record<string, string> = {
      gemini: 'gemini-2.0-flash',
      xai: 'grok-2-latest',
      cerebras: 'llama3.3-70b',
      zai: 'z1-preview',
      corethink: 'deepseek-r1',
      doubao: 'doubao-pro-4k',
      sambanova: 'Meta-Llama-3.1-405B-Instruct',
      groq: 'llama-3.3-70b-versatile',
    };
    for (const [id, model] of Object.entries(dead)) assert.notEqual(findRegistryEntry(id)?.defaultModel, model, id);
    assert.notEqual(NATIVE_PROVIDERS.vertex.defaultModel, 'gemini-2.0-flash');
    assert.notEqual(NATIVE_PROVIDERS.copilot.defaultModel, 'gpt-4o');
    assert.match(
      NATIVE_PROVIDERS.bedrock.defaultModel,
      /^(global|us|eu|apac)\.anthropic\./,
      'current Claude on Bedrock needs an inference-profile id',
    );
  });

  it('mark no retired or paid-only service as free', () => {
    for (const id of ['sambanova', 'chutes', 'glama']) assert.equal(findRegistryEntry(id)?.freeTier, false, id);
    for (const id of Object.keys(RETIRED_PROVIDERS))
      assert.equal(findRegistryEntry(id), undefined, `${id} is not offered`);
  });

  it("give a slot its provider's own base URL, none for templates or custom endpoints", () => {
    assert.equal(defaultBaseUrlFor({ kind: 'anthropic' }), 'https://api.anthropic.com');
    assert.equal(defaultBaseUrlFor({ kind: 'copilot' }), 'https://api.githubcopilot.com');
    assert.equal(defaultBaseUrlFor({ kind: 'openai-compat', registryId: 'groq' }), 'https://api.groq.com/openai/v1');
    assert.equal(defaultBaseUrlFor({ kind: 'openai-compat' }), undefined);
    assert.equal(defaultBaseUrlFor({ kind: 'bedrock' }), undefined);
    assert.equal(defaultBaseUrlFor({ kind: 'vertex' }), undefined);
  });

  it("say in package.json's description how many OpenAI-compatible services the registry has (the Marketplace shows it)", () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
      description: string;
    };
    const counted = /(\d+) OpenAI-compatible services/.exec(manifest.description);
    assert.ok(counted, 'the description names the number of OpenAI-compatible services');
    assert.equal(
      Number(counted[1]),
      REGISTRY.length,
      `package.json says ${counted[1]}, the registry has ${REGISTRY.length}: update the description`,
    );
  });
});
