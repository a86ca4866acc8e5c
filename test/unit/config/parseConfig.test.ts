import * as assert from 'node:assert/strict';
import { fullSample, lineStarting, parseConfig } from '../../support/config';
import type { ConfigResult, SkynetConfig, SlotConfig } from '../../../src/config/types';
import { NATIVE_PROVIDERS } from '../../../src/providers/descriptors';
import { REGISTRY, findRegistryEntry } from '../../../src/providers/registry';

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
  it("reads every table of the design (docs/skynet.full.toml), in the design's slot order", () => {
    const text = fullSample();
    const config = ok(parseConfig(text, 'skynet.toml', { ...env, OPENAI_API_KEY: 'k' }));
    assert.deepEqual(
      config.slots.map((slot) => slot.id),
      [
        'anthropic',
        'openai',
        'azure',
        'groq',
        'cloudflare',
        'my-vllm',
        'deepseek-anthropic',
        'copilot',
        'bedrock',
        'vertex',
        'ollama',
      ],
    );
    const byId = Object.fromEntries(config.slots.map((slot) => [slot.id, slot])) as Record<string, SlotConfig>;
    const at = (start: string) => ({ file: 'skynet.toml', line: lineStarting(text, start), column: 1 });
    // An [[providers.openai_compat]] entry is located at its header, the line above its id.
    const entryAt = (id: string) => ({ ...at(`id = "${id}"`), line: lineStarting(text, `id = "${id}"`) - 1 });
    assert.deepEqual(byId.anthropic, {
      id: 'anthropic',
      kind: 'anthropic',
      displayName: 'Anthropic',
      model: 'claude-sonnet-5-5',
      baseUrl: NATIVE_PROVIDERS.anthropic.baseUrl,
      source: at('[providers.anthropic]'),
      apiKey: { type: 'store' },
      reasoning: { effort: 'high' },
    });
    assert.deepEqual(byId.openai, {
      id: 'openai',
      kind: 'openai',
      displayName: 'OpenAI',
      model: NATIVE_PROVIDERS.openai.defaultModel,
      baseUrl: NATIVE_PROVIDERS.openai.baseUrl,
      source: at('[providers.openai]'),
      apiKey: { type: 'env', name: 'OPENAI_API_KEY' },
      organization: undefined,
      project: undefined,
      reasoning: { effort: 'medium' },
    });
    const azure = byId.azure as Extract<SlotConfig, { kind: 'azure' }>;
    assert.deepEqual(
      [azure.baseUrl, azure.model, azure.apiVersion, azure.deployments, azure.source],
      ['https://contoso-openai.openai.azure.com', 'gpt-5.5', 'v1', {}, at('[providers.azure]')],
    );
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
        reasoning: groq.reasoning,
        source: groq.source,
      },
      {
        baseUrl: 'https://api.groq.com/openai/v1',
        chatPath: '/chat/completions',
        registryId: 'groq',
        freeTier: true,
        apiKey: { type: 'store' },
        model: 'qwen/qwen3.8-27b',
        name: 'Groq',
        reasoning: undefined,
        source: entryAt('groq'),
      },
    );
    const cloudflare = byId.cloudflare as Extract<SlotConfig, { kind: 'openai-compat' }>;
    assert.deepEqual(
      [cloudflare.baseUrl, cloudflare.urlParameters, cloudflare.model],
      [
        'https://api.cloudflare.com/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/ai/v1',
        { account_id: '023e105f4ecef8ad9ca31a8372d0c353' },
        findRegistryEntry('cloudflare')!.defaultModel,
      ],
    );
    const custom = byId['my-vllm'] as Extract<SlotConfig, { kind: 'openai-compat' }>;
    assert.deepEqual(
      {
        baseUrl: custom.baseUrl,
        chatPath: custom.chatPath,
        registryId: custom.registryId,
        local: custom.local,
        model: custom.model,
        source: custom.source,
      },
      {
        baseUrl: 'http://gpu-box:8000',
        chatPath: '/v1/chat/completions',
        registryId: undefined,
        local: false,
        model: 'Qwen/Qwen2.5-Coder-32B-Instruct',
        source: entryAt('my-vllm'),
      },
    );
    const otherProtocol = byId['deepseek-anthropic'] as Extract<SlotConfig, { kind: 'openai-compat' }>;
    assert.deepEqual(
      [otherProtocol.api, otherProtocol.baseUrl, otherProtocol.model],
      ['anthropic', 'https://api.deepseek.com/anthropic', 'deepseek-chat'],
    );
    assert.deepEqual(byId.copilot, {
      id: 'copilot',
      kind: 'copilot',
      displayName: 'GitHub Copilot',
      model: NATIVE_PROVIDERS.copilot.defaultModel,
      baseUrl: NATIVE_PROVIDERS.copilot.baseUrl,
      source: at('[providers.copilot]'),
      tokenPath: undefined,
      githubUrl: 'https://github.com',
      githubApiUrl: 'https://api.github.com',
      reasoning: { effort: 'medium' },
    });
    assert.deepEqual(
      [(byId.bedrock as any).region, (byId.bedrock as any).profile, byId.bedrock.baseUrl, byId.bedrock.source],
      ['us-east-1', 'default', '', at('[providers.bedrock]')],
    );
    assert.deepEqual(
      [(byId.vertex as any).keyFile, (byId.vertex as any).projectId, (byId.vertex as any).location],
      ['/home/dev/keys/vertex.json', undefined, 'us-central1'],
    );
    assert.deepEqual([byId.ollama.baseUrl, byId.ollama.model], ['http://localhost:11434', 'llama3.2']);
    assert.deepEqual(config.router, {
      connectTimeoutMs: 10000,
      firstByteTimeoutMs: 60000,
      idleTimeoutMs: 60000,
      firstTokenTimeoutMs: 120000,
      cooldownBaseMs: 5000,
      cooldownMaxMs: 300000,
      keepAliveMs: 390000,
    });
    assert.deepEqual(config.budget, { dailyBudgetUsd: 5 });
    assert.equal(config.fromEnvironment, false);
  });

  it('[agent] model for slots that name none, literal and env keys, enterprise and sign-in paths, hedging', () => {
    const text = `[agent]
model = "agent-model"

[providers.anthropic]
api_key = "sk-ant-literal"
base_url = "https://proxy.example/anthropic/"

[providers.openai]
api_key = "\${env:MY_KEY}"
organization = "org-1"
project = "proj-1"
model = "gpt-4.1"

[[providers.openai_compat]]
id = "cohere"
chat_path = "chat/completions"

[providers.copilot]
token_path = "~/.config/gh-token"
github_url = "https://ghe.example"
github_api_url = "https://ghe.example/api/v3"

[providers.qwen_oauth]
credentials_path = "~/.qwen/oauth_creds.json"
auth_url = "https://auth.example"

[router]
hedge_after_ms = 1500
`;
    const result = parseConfig(text, 'skynet.toml', env);
    const config = ok(result);
    // The one warning: the Qwen sign-in service has ended (the table is still read).
    assert.deepEqual(
      result.warnings.map((warning) => warning.line),
      [lineStarting(text, '[providers.qwen_oauth]')],
    );
    const byId = Object.fromEntries(config.slots.map((slot) => [slot.id, slot])) as Record<string, SlotConfig>;
    assert.deepEqual(byId.anthropic, {
      id: 'anthropic',
      kind: 'anthropic',
      displayName: 'Anthropic',
      model: 'agent-model',
      baseUrl: 'https://proxy.example/anthropic',
      source: { file: 'skynet.toml', line: lineStarting(text, '[providers.anthropic]'), column: 1 },
      apiKey: { type: 'literal', value: 'sk-ant-literal' },
    });
    assert.deepEqual(
      [byId.openai.model, (byId.openai as any).apiKey, (byId.openai as any).organization, (byId.openai as any).project],
      ['gpt-4.1', { type: 'env', name: 'MY_KEY' }, 'org-1', 'proj-1'],
    );
    const cohere = byId.cohere as Extract<SlotConfig, { kind: 'openai-compat' }>;
    assert.deepEqual(
      [cohere.supportsStreamOptions, cohere.chatPath, cohere.model],
      [false, '/chat/completions', 'agent-model'],
    );
    assert.deepEqual(
      [(byId.copilot as any).tokenPath, (byId.copilot as any).githubUrl, (byId.copilot as any).githubApiUrl],
      ['/home/dev/.config/gh-token', 'https://ghe.example', 'https://ghe.example/api/v3'],
    );
    assert.deepEqual(
      [(byId.qwen_oauth as any).credentialsPath, (byId.qwen_oauth as any).authUrl, byId.qwen_oauth.kind],
      ['/home/dev/.qwen/oauth_creds.json', 'https://auth.example', 'qwen-oauth'],
    );
    assert.equal(config.router.hedgeAfterMs, 1500);
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
