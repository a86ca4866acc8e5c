import * as assert from 'node:assert/strict';
import { parse } from 'smol-toml';
import { appendProviderTable, findCliConfig, findWorkspaceConfig, removeApiKey, removeKey } from '../../../src/config';
import { loadConfigFile, parseConfig } from '../../support/config';

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
    assert.match(
      !missing.ok ? missing.errors[0].message : '',
      /Cannot read \/no\/such\/skynet.toml: the file does not exist/,
    );
    const folder = loadConfigFile(__dirname, {});
    assert.match(!folder.ok ? folder.errors[0].message : '', /: it is a folder$/);
    const injected = loadConfigFile('/virtual/skynet.toml', {}, '/home/v', () => '[providers.qwen_oauth]\n');
    assert.ok(
      injected.ok &&
        (injected.config.slots[0] as any).credentialsPath === '/home/v/.qwen/oauth_creds.json' &&
        injected.config.file === '/virtual/skynet.toml',
    );
    const windows = loadConfigFile(
      'C:\\w\\skynet.toml',
      { USERPROFILE: 'C:\\Users\\me' },
      undefined,
      () => '[providers.vertex]\nkey_file = "~\\\\keys\\\\sa.json"\n',
    );
    assert.ok(
      windows.ok && (windows.config.slots[0] as any).keyFile === 'C:\\Users\\me\\keys\\sa.json',
      'USERPROFILE when HOME is not set',
    );
    const homeless = loadConfigFile('/v/skynet.toml', {}, undefined, () => '[providers.copilot]\ntoken_path = "~/t"\n');
    assert.ok(
      homeless.ok && (homeless.config.slots[0] as any).tokenPath === '~/t',
      'no home known: the path stays as written',
    );
    const none = loadConfigFile(undefined, { OPENAI_API_KEY: 'x' });
    assert.ok(none.ok && none.config.slots[0].id === 'openai' && none.config.fromEnvironment);
  });
});

describe("config edits keep the user's text", () => {
  const original =
    '# my providers\n[agent]\nmodel = "m"   # pinned\n\n[providers.openai]\napi_key = "sk-plain"  # oops\nmodel = "gpt"\n\n[[providers.openai_compat]]\nid = "groq"\napi_key = "gsk-plain"\n';

  it('appends a table after the text, every existing byte unchanged', () => {
    const result = appendProviderTable(original, {
      table: 'openai_compat',
      values: { id: 'my "box"', base_url: 'http://box:1/v1' },
    });
    assert.ok(result.ok);
    assert.ok(result.text.startsWith(original));
    assert.equal(
      result.text.slice(original.length),
      '\n[[providers.openai_compat]]\nid = "my \\"box\\""\nbase_url = "http://box:1/v1"\n',
    );
    const parsed = parseConfig(result.text, 'f', {});
    assert.ok(
      !parsed.ok && /may use only letters/.test(parsed.errors[0].message),
      'the escaped value reads back, and the parser judges it',
    );
    const valid = appendProviderTable(original, {
      table: 'openai_compat',
      values: { id: 'box', base_url: 'http://box:1/v1' },
    });
    const reparsed = valid.ok ? parseConfig(valid.text, 'f', {}) : undefined;
    assert.ok(reparsed?.ok && reparsed.config.slots.map((s) => s.id).join() === 'openai,groq,box');
    const plain = appendProviderTable('', { table: 'anthropic', values: {} });
    assert.deepEqual(plain, { ok: true, text: '[providers.anthropic]\n' });
    const crlf = appendProviderTable('[agent]\r\nmodel = "m"', { table: 'ollama', values: { model: 'llama3.2' } });
    assert.ok(crlf.ok && crlf.text === '[agent]\r\nmodel = "m"\r\n\r\n[providers.ollama]\r\nmodel = "llama3.2"\r\n');
  });

  it('writes any string so that it reads back the same', () => {
    const alphabet = [
      'a',
      'Z',
      ' ',
      '"',
      "'",
      '\\',
      '\n',
      '\r',
      '\t',
      '\u0000',
      '\u001f',
      '\u007f',
      '\u0085',
      'é',
      '€',
      '😀',
      '#',
      '=',
      '[',
      ']',
      '${env:X}',
      '"""',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 300; round++) {
      const value = Array.from({ length: next() % 12 }, () => alphabet[next() % alphabet.length]).join('');
      const edit = appendProviderTable('# mine\n', { table: 'ollama', values: { model: value } });
      assert.ok(edit.ok, JSON.stringify(value));
      assert.equal((parse(edit.text) as any).providers.ollama.model, value, JSON.stringify(value));
    }
    const lone = appendProviderTable('', { table: 'ollama', values: { model: 'a\ud800b' } });
    assert.ok(
      lone.ok && (parse(lone.text) as any).providers.ollama.model === 'a\ufffdb',
      'a lone surrogate cannot be written; it becomes U+FFFD',
    );
  });

  it('refuses a second native table or a repeated id', () => {
    assert.deepEqual(appendProviderTable(original, { table: 'openai', values: {} }), {
      ok: false,
      message: 'skynet.toml already has [providers.openai]',
    });
    assert.equal(appendProviderTable(original, { table: 'openai_compat', values: { id: 'groq' } }).ok, false);
    assert.equal(appendProviderTable(original, { table: 'ollama', values: { nope: 'x' } }).ok, false);
    assert.deepEqual(appendProviderTable(original, { table: 'grok' as 'ollama', values: {} }), {
      ok: false,
      message: '`grok` is not a provider table of skynet.toml',
    });
    const inline = appendProviderTable('providers = { anthropic = { model = "m" } }\n', {
      table: 'ollama',
      values: {},
    });
    assert.deepEqual(inline, {
      ok: false,
      message:
        'skynet.toml defines providers in a way a new [providers.ollama] cannot join (an inline table?); add it by hand',
    });
    assert.equal(
      appendProviderTable('[providers.openai\n', { table: 'ollama', values: {} }).ok,
      false,
      'broken TOML is not edited',
    );
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

  it('removes any key by path, and refuses what is not on a line of its own', () => {
    assert.equal(removeKey(original, ['agent', 'model']), original.replace('model = "m"   # pinned\n', ''));
    assert.equal(removeKey(original, ['providers', 'openai_compat', 0, 'id']), original.replace('id = "groq"\n', ''));
    assert.equal(removeKey(original, ['providers', 'openai', 'organization']), undefined, 'not written');
    const crlf = '[providers.anthropic]\r\napi_key = "k"\r\nmodel = "m"\r\n';
    assert.equal(removeApiKey(crlf, 'anthropic'), '[providers.anthropic]\r\nmodel = "m"\r\n');
    const lastLine = '[providers.anthropic]\nmodel = "m"\napi_key = "k"';
    assert.equal(removeApiKey(lastLine, 'anthropic'), '[providers.anthropic]\nmodel = "m"\n');
    const multiline = '[providers.anthropic]\napi_key = """\nsk-ant\n"""\nmodel = "m"\n';
    assert.equal(removeApiKey(multiline, 'anthropic'), undefined, 'a value over several lines is left for the user');
    const inline = '[providers]\nanthropic = { api_key = "k", model = "m" }\n';
    assert.equal(removeApiKey(inline, 'anthropic'), undefined, 'an inline table is left for the user');
    const dotted = 'providers.anthropic.api_key = "k"\nproviders.anthropic.model = "m"\n';
    assert.equal(removeApiKey(dotted, 'anthropic'), 'providers.anthropic.model = "m"\n');
    assert.equal(
      removeApiKey('[providers.anthropic\napi_key = "k"\n', 'anthropic'),
      undefined,
      'broken TOML is not edited',
    );
  });
});
