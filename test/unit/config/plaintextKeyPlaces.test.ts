import * as assert from 'node:assert/strict';
import { parseConfig } from '../../support/config';
import { plaintextKeyPlaces } from '../../../src/config/plaintextKeyPlaces';

function places(text: string) {
  const parsed = parseConfig(text, 'skynet.toml', { A: 'a', B: 'b' });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return plaintextKeyPlaces(parsed.config, text).sort((a, b) => a.line - b.line);
}

describe('keys written in plain text in skynet.toml', () => {
  it('finds an api_key line, and not an ${env:…} one', () => {
    const text =
      '[[providers.openai_compat]]\nid = "one"\nbase_url = "http://127.0.0.1:1/v1"\nmodel = "m"\napi_key = "sk-plain-0123456789"\n\n[[providers.openai_compat]]\nid = "two"\nbase_url = "http://127.0.0.1:2/v1"\nmodel = "m"\napi_key = "${env:A}"\n';
    assert.deepEqual(places(text), [
      { slotId: 'one', line: 4, start: 0, end: 'api_key = "sk-plain-0123456789"'.length },
    ]);
  });

  it('finds each literal item of api_keys, on one line or several, and skips its ${env:…} items', () => {
    const text = [
      '[[providers.openai_compat]]',
      'id = "groq"',
      'base_url = "http://127.0.0.1:1/v1"',
      'model = "m"',
      'api_keys = ["${env:A}", "gsk-literal-0123456789"]',
      '',
      '[providers.anthropic]',
      'api_keys = [',
      '  \'sk-ant-first-0123456789\', # a comment with "quotes" and ] bracket',
      '  "${env:B}",',
      '  "sk-ant-\\"third\\"-0123",',
      ']',
      'model = "claude"',
      '',
    ].join('\n');
    assert.deepEqual(places(text), [
      { slotId: 'groq', line: 4, start: 24, end: 48, item: 2 },
      { slotId: 'anthropic', line: 8, start: 2, end: 27, item: 1 },
      { slotId: 'anthropic', line: 10, start: 2, end: 25, item: 3 },
    ]);
  });

  it('says nothing of a list of ${env:…} keys', () => {
    assert.deepEqual(places('[providers.anthropic]\napi_keys = ["${env:A}", "${env:B}"]\n'), []);
  });
});
