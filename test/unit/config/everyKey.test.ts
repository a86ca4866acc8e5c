import * as assert from 'node:assert/strict';
import { parseConfig } from '../../support/config';
import { PROVIDER_TABLES, TABLE_ORDER, type FieldSpec } from '../../../src/config/schemaTables';

/** A distinct value per key, written the way its type wants, and what the slot should hold for it. */
function sample(table: string, key: string, spec: FieldSpec): { toml: string; expected: unknown } {
  if (table === 'openai_compat' && key === 'id') return { toml: '"own-endpoint"', expected: 'own-endpoint' };
  // A word-valued key: a word other than the default one.
  if (spec.values) return { toml: `"${spec.values[1]}"`, expected: spec.values[1] };
  switch (spec.type) {
    case 'reasoning':
      // Both forms, alternating by table: a word and a token budget.
      return table.length % 2
        ? { toml: '"low"', expected: { effort: 'low' } }
        : { toml: `${1000 + table.length}`, expected: { budgetTokens: 1000 + table.length } };
    case 'boolean':
      // Off, the value that differs from the default.
      return { toml: 'false', expected: false };
    case 'url':
      return { toml: `"https://${table}.example/${key}/"`, expected: `https://${table}.example/${key}` };
    case 'path':
      return { toml: `"~/${table}/${key}.json"`, expected: `/home/tester/${table}/${key}.json` };
    case 'headers':
      return {
        toml: `{ "X-Sample" = "v-${table}" }`,
        expected: { 'X-Sample': { parts: [{ type: 'text', value: `v-${table}` }], secret: false } },
      };
    case 'query':
      return {
        toml: `{ q = "${table}" }`,
        expected: { q: { parts: [{ type: 'text', value: table }], secret: false } },
      };
    case 'apiKey':
      return { toml: `"secret-${table}"`, expected: { type: 'literal', value: `secret-${table}` } };
    case 'apiKeyList':
      return {
        toml: `["one-${table}", "\${env:TWO}"]`,
        expected: [
          { type: 'literal', value: `one-${table}` },
          { type: 'env', name: 'TWO' },
        ],
      };
    case 'awsRegion':
      return { toml: '"eu-central-2"', expected: 'eu-central-2' };
    case 'vertexLocation':
      return { toml: '"europe-west4"', expected: 'europe-west4' };
    case 'usd':
      return { toml: `${table.length}.5`, expected: table.length + 0.5 };
    case 'tokenCount':
      return { toml: `${table.length * 1000}`, expected: table.length * 1000 };
    case 'price':
      return {
        toml: `{ input = ${table.length}, output = 15, cache_read = 0.3, cache_write = 3.75 }`,
        expected: { input: table.length, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
      };
    case 'azureApiVersion':
      // Not a dated version: the sampled `api = "openai-responses"` needs the v1 path (azureConfig.test.ts has both).
      return { toml: '"preview"', expected: 'preview' };
    case 'azureDeployments':
      return { toml: '{ "gpt-5.5" = "prod-gpt55" }', expected: { 'gpt-5.5': 'prod-gpt55' } };
    default:
      return {
        toml: key === 'chat_path' ? '"/v9/chat"' : `"${table}-${key}"`,
        expected: key === 'chat_path' ? '/v9/chat' : `${table}-${key}`,
      };
  }
}

const REGISTRY_ROW_KEYS = new Set(['account_id', 'gateway_id']);
/**
 * Keys a table takes only instead of another one listed (the other is sampled here): Azure's `resource` builds the
 * `base_url`, and `api_key`/`api_keys` and `entra_command` are two ways to authenticate. test/unit/config/azureConfig.test.ts
 * covers each of them.
 */
const EITHER_OR: Record<string, readonly string[]> = { azure: ['resource', 'api_key', 'api_keys'] };

const camel = (key: string) => key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

describe('every key of every provider table', () => {
  // api_key and api_keys exclude each other: the first file writes api_key, the second api_keys in its place.
  for (const excluded of ['api_keys', 'api_key']) {
    it(`reaches the slot, driven by the same tables as the parser and the schema (without ${excluded})`, () => {
      const expectations: Array<{ slotIndex: number; property: string; expected: unknown }> = [];
      const sections = TABLE_ORDER.map((table, slotIndex) => {
        const lines = [table === 'openai_compat' ? '[[providers.openai_compat]]' : `[providers.${table}]`];
        for (const [key, spec] of Object.entries(PROVIDER_TABLES[table] as Record<string, FieldSpec>)) {
          if (key === excluded || EITHER_OR[table]?.includes(key)) continue;
          // Read only by the Cloudflare registry rows (their address), not by this custom entry: cloudflare.test.ts.
          if (table === 'openai_compat' && REGISTRY_ROW_KEYS.has(key)) continue;
          const { toml, expected } = sample(table, key, spec);
          lines.push(`${key} = ${toml}`);
          expectations.push({ slotIndex, property: camel(key), expected });
        }
        return lines.join('\n');
      });
      const result = parseConfig(sections.join('\n\n'), 'every.toml', { TWO: 'two' }, '/home/tester');
      assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
      // [providers.qwen_oauth] is read as before, with the one warning that the service has ended.
      assert.deepEqual(
        result.warnings.map((warning) => warning.message.split(' ')[0]),
        ['`qwen_oauth`'],
      );
      const slots = result.config.slots as unknown as Array<Record<string, unknown>>;
      assert.deepEqual(
        slots.map((slot) => slot.id),
        ['anthropic', 'openai', 'azure', 'own-endpoint', 'copilot', 'qwen_oauth', 'bedrock', 'vertex', 'ollama'],
      );
      assert.ok(expectations.length >= 30, `${expectations.length} keys`);
      for (const { slotIndex, property, expected } of expectations) {
        assert.deepEqual(slots[slotIndex][property], expected, `${String(slots[slotIndex].id)}.${property}`);
      }
    });
  }
});
