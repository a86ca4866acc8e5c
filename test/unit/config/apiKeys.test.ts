import * as assert from 'node:assert/strict';
import { parseConfig } from '../../support/config';

function errorsOf(text: string): string[] {
  const result = parseConfig(text, 'skynet.toml', { A: 'a', B: 'b' });
  return result.ok ? [] : result.errors.map((error) => `${error.line}:${error.column} ${error.message}`);
}

describe('api_keys: several keys for one slot', () => {
  it('reads a list of keys and variables in order, the first also being api_key', () => {
    const result = parseConfig(
      '[[providers.openai_compat]]\nid = "groq"\napi_keys = ["${env:A}", "${env:B}", "gsk-literal"]\n',
      'skynet.toml',
      { A: 'a', B: 'b' },
    );
    assert.ok(result.ok);
    const slot = result.config.slots[0] as { apiKey: unknown; apiKeys?: unknown };
    assert.deepEqual(slot.apiKeys, [
      { type: 'env', name: 'A' },
      { type: 'env', name: 'B' },
      { type: 'literal', value: 'gsk-literal' },
    ]);
    assert.deepEqual(slot.apiKey, { type: 'env', name: 'A' });
  });

  it('a list of one key is a slot with that key', () => {
    const result = parseConfig('[providers.anthropic]\napi_keys = ["${env:A}"]\n', 'skynet.toml', { A: 'a' });
    assert.ok(result.ok);
    assert.deepEqual(result.config.slots[0], { ...result.config.slots[0], apiKey: { type: 'env', name: 'A' } });
    assert.equal((result.config.slots[0] as { apiKeys?: unknown }).apiKeys, undefined);
  });

  it('says at line:column what is wrong with a bad value, and never repeats a key', () => {
    assert.deepEqual(errorsOf('[providers.openai]\napi_key = "sk-one-secret"\napi_keys = ["${env:A}"]\n'), [
      '3:1 Write either api_key or api_keys, not both: put every key into api_keys',
    ]);
    assert.match(
      errorsOf('[providers.openai]\n\n  api_keys = "${env:A}"\n')[0],
      /^3:3 `providers\.openai\.api_keys` must be a list of 1 to 16 keys, e\.g\. \["\$\{env:KEY_A\}", "\$\{env:KEY_B\}"\], not a string$/,
    );
    assert.match(errorsOf('[providers.openai]\napi_keys = []\n')[0], /^2:1 .* not 0 keys$/);
    assert.match(
      errorsOf('[providers.openai]\napi_keys = ["${env:A}", 42]\n')[0],
      /^2:1 `providers\.openai\.api_keys`: item 2 must be a string, not an integer$/,
    );
    const tooMany = JSON.stringify(Array.from({ length: 17 }, (_, index) => `key-${index}`));
    assert.match(errorsOf(`[providers.openai]\napi_keys = ${tooMany}\n`)[0], /not 17 keys$/);
    const broken = errorsOf('[providers.openai]\napi_keys = ["${env:A}", "sk-secret-line\\nInjected: 1"]\n');
    assert.equal(broken.length, 1);
    assert.match(broken[0], /^2:1 item 2 of `providers\.openai\.api_keys` is sent as an HTTP header/);
    assert.ok(!broken[0].includes('sk-secret-line'), broken[0]);
  });
});
