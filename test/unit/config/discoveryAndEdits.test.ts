import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendProviderTable, findCliConfig, findWorkspaceConfig, loadConfigFile, parseConfig, removeApiKey, skynetJsonSchema } from '../../../src/config';

describe('config discovery', () => {
  it('takes the first workspace folder with skynet.toml, then .skynet/skynet.toml', () => {
    const files = new Set(['/b/skynet.toml', '/a/.skynet/skynet.toml', '/c/skynet.toml']);
    const exists = (file: string) => files.has(file);
    assert.equal(findWorkspaceConfig(['/a', '/b', '/c'], exists), '/b/skynet.toml');
    files.delete('/b/skynet.toml');
    files.delete('/c/skynet.toml');
    assert.equal(findWorkspaceConfig(['/a', '/b'], exists), '/a/.skynet/skynet.toml');
    assert.equal(findWorkspaceConfig(['/x'], exists), undefined);
  });

  it('the CLI takes --config, then ./skynet.toml, then ~/.skynet/skynet.toml', () => {
    const files = new Set(['/work/skynet.toml', '/home/me/.skynet/skynet.toml']);
    const exists = (file: string) => files.has(file);
    assert.equal(findCliConfig('conf/s.toml', '/work', '/home/me', exists), '/work/conf/s.toml');
    assert.equal(findCliConfig(undefined, '/work', '/home/me', exists), '/work/skynet.toml');
    assert.equal(findCliConfig(undefined, '/elsewhere', '/home/me', exists), '/home/me/.skynet/skynet.toml');
    assert.equal(findCliConfig(undefined, '/elsewhere', '/nobody', exists), undefined);
  });

  it('an unreadable file is an error with its name, no file means environment slots', () => {
    const missing = loadConfigFile('/no/such/skynet.toml', {});
    assert.equal(missing.ok, false);
    assert.match(!missing.ok ? missing.errors[0].message : '', /Cannot read \/no\/such\/skynet.toml: the file does not exist/);
    const none = loadConfigFile(undefined, { OPENAI_API_KEY: 'x' });
    assert.ok(none.ok && none.config.slots[0].id === 'openai' && none.config.fromEnvironment);
  });
});

describe('config edits keep the user\'s text', () => {
  const original = '# my providers\n[agent]\nmodel = "m"   # pinned\n\n[providers.openai]\napi_key = "sk-plain"  # oops\nmodel = "gpt"\n\n[[providers.openai_compat]]\nid = "groq"\napi_key = "gsk-plain"\n';

  it('appends a table after the text, every existing byte unchanged', () => {
    const result = appendProviderTable(original, { table: 'openai_compat', values: { id: 'my "box"', base_url: 'http://box:1/v1' } });
    assert.ok(result.ok);
    assert.ok(result.text.startsWith(original));
    assert.equal(result.text.slice(original.length), '\n[[providers.openai_compat]]\nid = "my \\"box\\""\nbase_url = "http://box:1/v1"\n');
    const parsed = parseConfig(result.text, 'f', {});
    assert.ok(!parsed.ok && /may use only letters/.test(parsed.errors[0].message), 'the escaped value reads back, and the parser judges it');
    const valid = appendProviderTable(original, { table: 'openai_compat', values: { id: 'box', base_url: 'http://box:1/v1' } });
    const reparsed = valid.ok ? parseConfig(valid.text, 'f', {}) : undefined;
    assert.ok(reparsed?.ok && reparsed.config.slots.map((s) => s.id).join() === 'openai,groq,box');
    const plain = appendProviderTable('', { table: 'anthropic', values: {} });
    assert.deepEqual(plain, { ok: true, text: '[providers.anthropic]\n' });
    const crlf = appendProviderTable('[agent]\r\nmodel = "m"', { table: 'ollama', values: { model: 'llama3.2' } });
    assert.ok(crlf.ok && crlf.text === '[agent]\r\nmodel = "m"\r\n\r\n[providers.ollama]\r\nmodel = "llama3.2"\r\n');
  });

  it('refuses a second native table or a repeated id', () => {
    assert.deepEqual(appendProviderTable(original, { table: 'openai', values: {} }), { ok: false, message: 'skynet.toml already has [providers.openai]' });
    assert.equal(appendProviderTable(original, { table: 'openai_compat', values: { id: 'groq' } }).ok, false);
    assert.equal(appendProviderTable(original, { table: 'ollama', values: { nope: 'x' } }).ok, false);
  });

  it('removes only the api_key line of the named slot', () => {
    const withoutOpenAI = removeApiKey(original, 'openai')!;
    assert.equal(withoutOpenAI, original.replace('api_key = "sk-plain"  # oops\n', ''));
    const withoutGroq = removeApiKey(original, 'groq')!;
    assert.equal(withoutGroq, original.replace('api_key = "gsk-plain"\n', ''));
    assert.equal(removeApiKey(original, 'anthropic'), undefined);
    const parsed = parseConfig(withoutGroq, 'f', {});
    assert.ok(parsed.ok);
    assert.deepEqual((parsed.config.slots.find((s) => s.id === 'groq') as any).apiKey, { type: 'store' });
  });
});

describe('JSON Schema', () => {
  it('schemas/skynet.schema.json is the one the parser\'s tables make (run `npm run schema` after changing them)', () => {
    const file = path.resolve(__dirname, '../../../../schemas/skynet.schema.json');
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), skynetJsonSchema());
  });

  it('describes every provider table and the registry ids', () => {
    const schema = skynetJsonSchema() as any;
    assert.deepEqual(Object.keys(schema.properties.providers.properties).sort(), ['anthropic', 'bedrock', 'copilot', 'ollama', 'openai', 'openai_compat', 'qwen_oauth', 'vertex']);
    assert.ok(schema.properties.providers.properties.openai_compat.items.properties.id.anyOf[0].enum.includes('xai'));
  });
});
