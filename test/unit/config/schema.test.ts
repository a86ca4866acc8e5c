import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'smol-toml';
import { fullSample, skynetJsonSchema } from '../../support/config';
import { PROVIDER_TABLES } from '../../../src/config/schemaTables';
import { REGISTRY } from '../../../src/providers/registry';

// The schema is checked with a real JSON Schema validator (ajv, draft-07), the way editors will read it.
const check = new Ajv({ allErrors: true }).compile(skynetJsonSchema());

function validate(toml: string): string[] {
  const valid = check(parse(toml));
  return valid ? [] : (check.errors ?? []).map((error) => `${error.dataPath} ${error.message}`);
}

describe('JSON Schema under a draft-07 validator', () => {
  it('accepts the full sample (docs/skynet.full.toml), registry ids and custom ids', () => {
    assert.deepEqual(validate(fullSample()), []);
    assert.deepEqual(validate('[[providers.openai_compat]]\nid = "my-box"\nbase_url = "http://box:8000"\n'), []);
    for (const row of REGISTRY)
      assert.deepEqual(validate(`[[providers.openai_compat]]\nid = "${row.id}"\n`), [], row.id);
  });

  it('rejects what the parser rejects: unknown provider tables, wrong types, non-http URLs, a missing id', () => {
    assert.notDeepEqual(validate('[providers.grok]\n'), []);
    assert.notDeepEqual(validate('[providers.openai]\nbase_url = 42\n'), []);
    assert.notDeepEqual(validate('[providers.ollama]\nbase_url = "ftp://x"\n'), []);
    assert.notDeepEqual(validate('[[providers.openai_compat]]\nbase_url = "http://x"\n'), []);
    assert.notDeepEqual(validate('[router]\nidle_timeout_ms = 0\n'), []);
  });

  it('describes every key', () => {
    const providers = (skynetJsonSchema() as any).properties.providers.properties;
    for (const [table, fields] of Object.entries(PROVIDER_TABLES)) {
      const properties = table === 'openai_compat' ? providers[table].items.properties : providers[table].properties;
      assert.deepEqual(Object.keys(properties).sort(), Object.keys(fields).sort(), table);
      for (const [key, property] of Object.entries(properties as Record<string, { description?: string }>)) {
        assert.ok(property.description && property.description.length > 10, `${table}.${key} has a description`);
      }
    }
  });
});

describe('JSON Schema', () => {
  it("schemas/skynet.schema.json is the one the parser's tables make (run `npm run schema` after changing them)", () => {
    const file = path.resolve(__dirname, '../../../../schemas/skynet.schema.json');
    assert.deepEqual(
      JSON.parse(fs.readFileSync(file, 'utf8')),
      skynetJsonSchema(),
      'schemas/skynet.schema.json is out of date: run `npm run schema` (tsc -p . ; node scripts/write-schema.js) and commit it',
    );
  });

  it('describes every provider table and the registry ids', () => {
    const schema = skynetJsonSchema() as any;
    assert.deepEqual(Object.keys(schema.properties.providers.properties).sort(), [
      'anthropic',
      'azure',
      'bedrock',
      'copilot',
      'ollama',
      'openai',
      'openai_compat',
      'qwen_oauth',
      'vertex',
    ]);
    assert.ok(schema.properties.providers.properties.openai_compat.items.properties.id.anyOf[0].enum.includes('xai'));
  });
});
