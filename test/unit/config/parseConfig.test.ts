import * as assert from 'node:assert/strict';
import { parseConfig } from '../../support/config';
import type { ConfigResult, SkynetConfig, SlotConfig } from '../../../src/config/types';
import { REGISTRY } from '../../../src/providers/registry';
import { FULL } from './sampleConfig';

const env = { HOME: '/home/dev', MY_KEY: 'k' };

function ok(result: ConfigResult): SkynetConfig {
  if (!result.ok) assert.fail(`expected a valid config, got ${JSON.stringify(result.errors)}`);
  return result.config;
}

function errors(result: ConfigResult) {
  assert.equal(result.ok, false, 'expected errors');
  return (result as Extract<ConfigResult, { ok: false }>).errors;
}

describe('parseConfig', () => {
  it("reads every table of the design, in the design's slot order", () => {
    const config = ok(parseConfig(FULL, 'skynet.toml', env));
    assert.deepEqual(
      config.slots.map((slot) => slot.id),
      ['anthropic', 'openai', 'groq', 'my-vllm', 'cohere', 'copilot', 'qwen_oauth', 'bedrock', 'vertex', 'ollama'],
    );
    const byId = Object.fromEntries(config.slots.map((slot) => [slot.id, slot])) as Record<string, SlotConfig>;
    assert.deepEqual(byId.anthropic, {
      id: 'anthropic',
      kind: 'anthropic',
      displayName: 'Anthropic',
      model: 'agent-model',
      baseUrl: 'https://proxy.example/anthropic',
      source: { file: 'skynet.toml', line: 5, column: 1 },
      apiKey: { type: 'literal', value: 'sk-ant-literal' },
    });
    assert.deepEqual(byId.openai, {
      id: 'openai',
      kind: 'openai',
      displayName: 'OpenAI',
      model: 'gpt-4.1',
      baseUrl: 'https://api.openai.com/v1',
      source: { file: 'skynet.toml', line: 9, column: 1 },
      apiKey: { type: 'env', name: 'MY_KEY' },
      organization: 'org-1',
      project: 'proj-1',
    });
    assert.equal(byId.ollama.baseUrl, 'http://gpu:11434');
    const groq = byId.groq as Extract<SlotConfig, { kind: 'openai-compat' }>;
    assert.deepEqual(
      {
        baseUrl: groq.baseUrl,
        chatPath: groq.chatPath,
        registryId: groq.registryId,
        freeTier: groq.freeTier,
        apiKey: groq.apiKey,
        model: groq.model,
        name: groq.displayName,
      },
      {
        baseUrl: 'https://api.groq.com/openai/v1',
        chatPath: '/chat/completions',
        registryId: 'groq',
        freeTier: true,
        apiKey: { type: 'store' },
        model: 'agent-model',
        name: 'Groq',
      },
    );
    const custom = byId['my-vllm'] as Extract<SlotConfig, { kind: 'openai-compat' }>;
    assert.deepEqual(
      {
        baseUrl: custom.baseUrl,
        chatPath: custom.chatPath,
        registryId: custom.registryId,
        local: custom.local,
        model: custom.model,
        line: custom.source.line,
      },
      {
        baseUrl: 'http://10.0.0.5:8000',
        chatPath: '/v1/chat/completions',
        registryId: undefined,
        local: false,
        model: 'qwen-coder',
        line: 21,
      },
    );
    const cohere = byId.cohere as Extract<SlotConfig, { kind: 'openai-compat' }>;
    assert.equal(cohere.supportsStreamOptions, false);
    assert.equal(cohere.chatPath, '/chat/completions');
    assert.deepEqual(byId.copilot, {
      id: 'copilot',
      kind: 'copilot',
      displayName: 'GitHub Copilot',
      model: 'agent-model',
      baseUrl: 'https://api.githubcopilot.com',
      source: { file: 'skynet.toml', line: 30, column: 1 },
      tokenPath: '/home/dev/.config/gh-token',
      githubUrl: 'https://ghe.example',
      githubApiUrl: 'https://ghe.example/api/v3',
    });
    assert.deepEqual(
      [(byId.qwen_oauth as any).credentialsPath, (byId.qwen_oauth as any).authUrl, byId.qwen_oauth.kind],
      ['/home/dev/.qwen/oauth_creds.json', 'https://auth.example', 'qwen-oauth'],
    );
    assert.deepEqual(
      [(byId.bedrock as any).region, (byId.bedrock as any).profile, byId.bedrock.baseUrl],
      ['eu-west-1', 'work', ''],
    );
    assert.deepEqual(
      [(byId.vertex as any).keyFile, (byId.vertex as any).projectId, (byId.vertex as any).location],
      ['/home/dev/keys/sa.json', 'p1', 'global'],
    );
    assert.deepEqual(config.router, {
      connectTimeoutMs: 1000,
      firstByteTimeoutMs: 2000,
      idleTimeoutMs: 3000,
      cooldownBaseMs: 100,
      cooldownMaxMs: 900,
      keepAliveMs: 60000,
      hedgeAfterMs: 1500,
    });
    assert.equal(config.fromEnvironment, false);
  });

  it('warns when an ${env:NAME} key names an unset variable', () => {
    const text =
      '[providers.openai]\napi_key = "${env:OPENAI_KEY}"\n\n[[providers.openai_compat]]\nid = "groq"\n  api_key = "${env:GROQ_KEY}"\n';
    const result = parseConfig(text, 'f', { GROQ_KEY: 'g' });
    assert.equal(result.ok, true);
    assert.deepEqual(
      result.warnings.map((w) => [w.line, w.column, w.message]),
      [
        [
          2,
          1,
          'The environment variable OPENAI_KEY is not set (for VS Code: in the environment it was started from), so `openai` has no key',
        ],
      ],
    );
    const unset = parseConfig(text, 'f', { OPENAI_KEY: 'o' });
    assert.deepEqual(
      unset.warnings.map((w) => [w.line, w.column]),
      [[6, 3]],
    );
  });

  it('uses provider defaults where nothing is said', () => {
    const config = ok(parseConfig('[providers.ollama]\n[providers.vertex]\n', 'f', {}));
    assert.deepEqual(
      config.slots.map((s) => [s.id, s.model, s.baseUrl]),
      [
        ['vertex', 'gemini-3.8-flash', ''],
        ['ollama', 'llama3.2', 'http://localhost:11434'],
      ],
    );
    assert.equal((config.slots[0] as any).location, 'us-central1');
    assert.equal(config.router.idleTimeoutMs, 60_000);
  });

  it('makes environment slots only when no provider is configured', () => {
    const environment = { ANTHROPIC_OAUTH_TOKEN: 'sk-ant-oat01-x', ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o' };
    const fromEnv = ok(parseConfig('[agent]\nmodel = "m"\n', 'f', environment));
    assert.equal(fromEnv.fromEnvironment, true);
    assert.deepEqual(
      fromEnv.slots.map((s) => [s.id, s.kind, (s as any).apiKey, s.model]),
      [
        ['anthropic-oauth', 'anthropic', { type: 'env', name: 'ANTHROPIC_OAUTH_TOKEN' }, 'm'],
        ['anthropic', 'anthropic', { type: 'env', name: 'ANTHROPIC_API_KEY' }, 'm'],
        ['openai', 'openai', { type: 'env', name: 'OPENAI_API_KEY' }, 'm'],
      ],
    );
    assert.deepEqual(
      ok(parseConfig('', 'f', { OPENAI_API_KEY: 'o' })).slots.map((s) => s.id),
      ['openai'],
    );
    const configured = ok(parseConfig('[providers.ollama]\n', 'f', environment));
    assert.deepEqual(
      configured.slots.map((s) => s.id),
      ['ollama'],
    );
    assert.equal(configured.fromEnvironment, false);
  });

  it('reports broken TOML with its line and column', () => {
    const [header] = errors(
      parseConfig('[agent]\nmodel = "x"\n\n[providers.anthropic\napi_key = "k"\n', '/w/skynet.toml', env),
    );
    assert.deepEqual(
      { file: header.file, line: header.line, column: header.column, severity: header.severity },
      { file: '/w/skynet.toml', line: 4, column: 21, severity: 'error' },
    );
    assert.match(header.message, /^Invalid TOML: .*\(the table header is missing its closing `\]`\)$/);
    const [quote] = errors(parseConfig('[agent]\nmodel = "x\n', 'f', env));
    assert.deepEqual([quote.line, quote.column], [2, 11]);
    assert.match(quote.message, /a string is not closed on this line/);
    const [twice] = errors(parseConfig('[providers.openai]\nmodel = "a"\nmodel = "b"\n', 'f', env));
    assert.deepEqual([twice.line, twice.column], [3, 1]);
    assert.match(twice.message, /already written above/);
    const [value] = errors(parseConfig('[router]\nidle_timeout_ms = = 2\n', 'f', env));
    assert.deepEqual([value.line, value.column, value.message.split('\n').length], [2, 19, 1]);
  });

  it('reports a wrong type at the key', () => {
    const result = parseConfig('[providers.openai]\nmodel = "m"\n  base_url = 42\n', 'f', env);
    assert.deepEqual(
      errors(result).map((e) => [e.line, e.column, e.message]),
      [[3, 3, '`providers.openai.base_url` must be a string, not an integer']],
    );
  });

  it('rejects a base_url that is not http(s)', () => {
    const [error] = errors(parseConfig('[providers.ollama]\nbase_url = "ftp://x"\n', 'f', env));
    assert.equal(error.line, 2);
    assert.match(error.message, /http or https/);
  });

  it('warns about unknown keys without failing, suggesting the nearest', () => {
    const result = parseConfig('[providers.openai]\napi_kee = "x"\n', 'f', env);
    assert.equal(result.ok, true);
    assert.deepEqual(
      result.warnings.map((w) => [w.severity, w.line, w.message]),
      [['warning', 2, 'Unknown key `api_kee` in [providers.openai]; did you mean `api_key`?; it is ignored']],
    );
    const entry = parseConfig(
      '[[providers.openai_compat]]\nid = "groq"\n\n[[providers.openai_compat]]\nid = "xai"\n  chatpath = "/c"\n[routerr]\n',
      'f',
      env,
    );
    assert.equal(entry.ok, true);
    assert.deepEqual(
      entry.warnings.map((w) => [w.line, w.column, w.message]),
      [
        [7, 1, 'Unknown table or key `routerr`; did you mean `router`?; it is ignored'],
        [6, 3, 'Unknown key `chatpath` in [[providers.openai_compat]]; did you mean `chat_path`?; it is ignored'],
      ],
    );
  });

  it('suggests the registry id the user meant', () => {
    const grok = errors(parseConfig('[[providers.openai_compat]]\nid = "grok"\n', 'f', env))[0];
    assert.equal(grok.line, 2);
    assert.match(grok.message, /did you mean `xai`\?/);
    assert.match(errors(parseConfig('[[providers.openai_compat]]\nid = "kimi"\n', 'f', env))[0].message, /`moonshot`/);
    assert.match(
      errors(parseConfig('[[providers.openai_compat]]\nid = "deepsek"\n', 'f', env))[0].message,
      /`deepseek`/,
    );
    assert.match(
      errors(parseConfig('[providers.groq]\n', 'f', env))[0].message,
      /write \[\[providers.openai_compat\]\] with id = "groq"/,
    );
    assert.match(errors(parseConfig('[providers.antropic]\n', 'f', env))[0].message, /did you mean `anthropic`/);
    assert.deepEqual(
      errors(parseConfig('[[providers.openai_compat]]\nid = "ollama"\n', 'f', env)).map((e) => [e.line, e.message]),
      [[2, '`ollama` is a built-in provider, not an OpenAI-compatible service: write it as [providers.ollama]']],
    );
  });

  it('makes a custom endpoint from an unknown id with a base_url', () => {
    const result = parseConfig(
      '[[providers.openai_compat]]\nid = "box"\nbase_url = "http://localhost:8000/"\n',
      'f',
      env,
    );
    const [slot] = ok(result).slots;
    assert.deepEqual(slot, {
      id: 'box',
      kind: 'openai-compat',
      displayName: 'box',
      model: 'default',
      baseUrl: 'http://localhost:8000',
      source: { file: 'f', line: 1, column: 1 },
      apiKey: { type: 'store' },
      chatPath: '/v1/chat/completions',
      freeTier: false,
      local: true,
      supportsStreamOptions: true,
    });
    assert.deepEqual(
      result.warnings.map((w) => [w.line, w.message]),
      [
        [
          1,
          'The custom endpoint `box` names no model; add `model = "…"` (or [agent] model), else requests ask for "default"',
        ],
      ],
    );
    const remote = ok(
      parseConfig(
        '[agent]\nmodel = "m"\n[[providers.openai_compat]]\nid = "corp"\nbase_url = "https://llm.corp.example/api"\nchat_path = "/chat"\n',
        'f',
        env,
      ),
    );
    assert.deepEqual(
      [remote.slots[0].model, (remote.slots[0] as any).chatPath, (remote.slots[0] as any).local],
      ['m', '/chat', false],
    );
  });

  it('requires an id for openai_compat entries and unique slot ids', () => {
    const empty = errors(parseConfig('[[providers.openai_compat]]\nid = " "\nbase_url = "http://x"\n', 'f', env))[0];
    assert.deepEqual(
      [empty.line, empty.message],
      [2, '`id` is empty: write a registry id such as "groq", or a name for your own endpoint'],
    );
    const nonString = errors(parseConfig('[[providers.openai_compat]]\nid = 5\n', 'f', env));
    assert.deepEqual(
      nonString.map((e) => [e.line, e.message]),
      [[2, '`id` of the 1st [[providers.openai_compat]] entry must be a string, not an integer']],
    );
    const missing = errors(parseConfig('[[providers.openai_compat]]\nbase_url = "http://x"\n', 'f', env))[0];
    assert.equal(missing.line, 1);
    assert.match(missing.message, /needs an `id`/);
    const duplicate = errors(
      parseConfig('[[providers.openai_compat]]\nid = "groq"\n\n[[providers.openai_compat]]\nid = "groq"\n', 'f', env),
    )[0];
    assert.equal(duplicate.line, 4);
    assert.match(duplicate.message, /Two slots are named `groq` \(lines 1 and 4\)/);
  });

  it('checks router settings', () => {
    const [negative] = errors(parseConfig('[router]\nidle_timeout_ms = -5\n', 'f', env));
    assert.equal(negative.line, 2);
    assert.match(negative.message, /positive whole number/);
    assert.match(
      errors(parseConfig('[router]\ncooldown_base_ms = 10\ncooldown_max_ms = 5\n', 'f', env))[0].message,
      /must not be smaller/,
    );
  });

  it('never throws, whatever the document', () => {
    for (const text of [
      'providers = 3',
      '[providers]\nopenai_compat = "x"',
      '[[providers.openai_compat]]\nid = 5',
      'agent = []',
      '[providers.openai]\napi_key = ["a"]',
      '\u0000',
    ]) {
      const result = parseConfig(text, 'f', env);
      assert.ok(result.ok || result.errors.every((e) => e.line >= 1 && e.column >= 1 && e.message.length > 0), text);
    }
  });
});

describe('registry', () => {
  it('has the OpenAI-compatible services (lepton retired) with unique ids and usable URLs (package.json states the count: descriptors.test.ts)', () => {
    assert.ok(REGISTRY.length >= 72);
    assert.equal(new Set(REGISTRY.map((r) => r.id)).size, REGISTRY.length);
    assert.equal(
      REGISTRY.some((r) => r.id === 'lepton'),
      false,
    );
    for (const row of REGISTRY) {
      const url = new URL(row.baseUrl);
      assert.ok(row.local ? url.protocol === 'http:' : url.protocol === 'https:', row.id);
      assert.ok(row.defaultModel && row.name, row.id);
      // Rows whose address holds an account (Cloudflare) take it from the entry.
      const parameters = (row.urlParameters ?? [])
        .map(
          (parameter) =>
            `${parameter.key} = "${parameter.key === 'account_id' ? '0123456789abcdef0123456789abcdef' : 'gw'}"\n`,
        )
        .join('');
      const config = ok(parseConfig(`[[providers.openai_compat]]\nid = "${row.id}"\n${parameters}`, 'f', {}));
      assert.equal(
        config.slots[0].baseUrl,
        row.baseUrl.replace('{account_id}', '0123456789abcdef0123456789abcdef').replace('{gateway_id}', 'gw'),
      );
    }
  });
});
