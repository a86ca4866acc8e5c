import * as assert from 'node:assert/strict';
import { MemoryCredentialStore, secretKeys } from '../../../src/auth/credentialStore';
import {
  UNTRUSTED_REASON,
  markUntrustedSlots,
  restrictedConfig,
  slotsNeedingTrust,
  userCredentialOf,
  withoutWorkspaceReasoning,
  type UserCredentialContext,
} from '../../../src/trust/workspaceTrust';
import { environmentSlots, parseConfig } from '../../support/config';
import { DEFAULT_ROUTER_SETTINGS, type SlotConfig } from '../../../src/config/types';
import { slotModelInformation } from '../../../src/host/languageModel/modelInfo';
import type { ProviderDeps } from '../../../src/providers/types';
import { buildRouter } from '../../../src/router/buildRouter';
import { createHttpClient } from '../../../src/util/http';
import { silentLogger } from '../../../src/util/logger';
import { startFakeServer } from '../../fakes/fakeServer';
import { replaySse, sseFromPayloads } from '../../fakes/wire';

const context: UserCredentialContext = { workspaceFolders: ['/ws/repo'], homeDir: '/home/me', env: {}, cwd: '/' };

/** One workspace skynet.toml with every provider kind (and each key source). */
const WORKSPACE_TOML = `
[providers.anthropic]
[providers.openai]
api_key = "\${env:OPENAI_API_KEY}"
[[providers.openai_compat]]
id = "groq"
[[providers.openai_compat]]
id = "repo-own"
base_url = "https://gateway.example/v1"
api_key = "sk-committed-by-the-repository"
[[providers.openai_compat]]
id = "local-vllm"
base_url = "http://127.0.0.1:8000"
[providers.copilot]
[providers.qwen_oauth]
[providers.bedrock]
region = "us-east-1"
[providers.vertex]
key_file = "~/keys/vertex.json"
[providers.ollama]
`;

function slots(text: string, env: Record<string, string> = {}): SlotConfig[] {
  const parsed = parseConfig(text, '/ws/repo/skynet.toml', env, '/home/me');
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return parsed.config.slots;
}

describe('workspace trust: which slots need a user credential', () => {
  it('covers every provider kind: stored keys, env references, sign-ins, AWS and outside key files need trust', () => {
    const disabled = slotsNeedingTrust(slots(WORKSPACE_TOML), context);
    assert.deepEqual(
      [...disabled.keys()],
      ['anthropic', 'openai', 'groq', 'local-vllm', 'copilot', 'qwen_oauth', 'bedrock', 'vertex'],
    );
    assert.match(disabled.get('anthropic')!, /^workspace not trusted: .*API key from Secret Storage/);
    assert.match(disabled.get('openai')!, /environment variable OPENAI_API_KEY/);
    assert.match(disabled.get('copilot')!, /GitHub sign-in/);
    assert.match(disabled.get('qwen_oauth')!, /Qwen sign-in \(\/home\/me\/\.qwen\/oauth_creds\.json\)/);
    assert.match(disabled.get('bedrock')!, /AWS credentials/);
    assert.match(disabled.get('vertex')!, /service-account key \(\/home\/me\/keys\/vertex\.json\)/);
    for (const reason of disabled.values()) assert.ok(reason.startsWith(UNTRUSTED_REASON));
  });

  it("keeps a key written literally in the workspace file (the repository's own) and keyless Ollama", () => {
    const all = slots(WORKSPACE_TOML);
    const kept = all.filter((slot) => userCredentialOf(slot, context) === undefined).map((slot) => slot.id);
    assert.deepEqual(kept, ['repo-own', 'ollama']);
  });

  it('a local endpoint without a key still needs trust: it would send whatever the user stores for it', () => {
    const [local] = slots('[[providers.openai_compat]]\nid = "lan"\nbase_url = "http://localhost:1234"\n');
    assert.match(userCredentialOf(local, context)!, /Secret Storage/);
  });

  it('names the AWS profile and a Copilot token file', () => {
    const all = slots(
      '[providers.bedrock]\nprofile = "work"\n[providers.copilot]\ntoken_path = "~/.config/gh-token"\n',
    );
    const bedrock = all.find((slot) => slot.kind === 'bedrock')!;
    const copilot = all.find((slot) => slot.kind === 'copilot')!;
    assert.equal(userCredentialOf(bedrock, context), 'your AWS credentials (profile work)');
    assert.equal(userCredentialOf(copilot, context), 'your GitHub token (/home/me/.config/gh-token)');
  });

  it("a Vertex key file inside the workspace is the repository's; GOOGLE_APPLICATION_CREDENTIALS and links out are the user's", () => {
    const [inside] = slots('[providers.vertex]\nkey_file = "/ws/repo/ci/sa.json"\n');
    assert.equal(userCredentialOf(inside, context), undefined);
    const [escaping] = slots('[providers.vertex]\nkey_file = "/ws/repo/../other/sa.json"\n');
    assert.ok(userCredentialOf(escaping, context));
    const linked = {
      ...context,
      realpath: (file: string) => (file === '/ws/repo/ci/sa.json' ? '/home/me/keys/sa.json' : file),
    };
    assert.match(userCredentialOf(inside, linked)!, /service-account key/);
    const [fromEnv] = slots('[providers.vertex]\n', { GOOGLE_APPLICATION_CREDENTIALS: '/home/me/gcp.json' });
    assert.match(
      userCredentialOf(fromEnv, { ...context, env: { GOOGLE_APPLICATION_CREDENTIALS: '/home/me/gcp.json' } })!,
      /gcp\.json/,
    );
    const [none] = slots('[providers.vertex]\n');
    assert.equal(userCredentialOf(none, context), 'your Google credentials');
  });

  it("environment fallback slots (no provider in the file) are the user's own and keep serving", () => {
    const fallback = environmentSlots({ ANTHROPIC_API_KEY: 'k' }, undefined);
    assert.equal(slotsNeedingTrust(fallback, context).size, 0);
  });

  it('buildRouter builds no client for a withheld slot, so nothing is sent to it', async () => {
    const server = await startFakeServer();
    server.route('POST', '/v1/chat/completions', (_request, response) =>
      replaySse(
        response,
        sseFromPayloads([JSON.stringify({ choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }] })]),
      ),
    );
    const http = createHttpClient();
    try {
      const parsed = parseConfig(
        `[[providers.openai_compat]]\nid = "stored"\nbase_url = "${server.url}"\n[[providers.openai_compat]]\nid = "repo"\nbase_url = "${server.url}"\napi_key = "sk-repo"\n`,
        '/ws/repo/skynet.toml',
        {},
      );
      assert.ok(parsed.ok);
      const credentials = new MemoryCredentialStore({ [secretKeys.apiKey('stored')]: 'sk-user-secret' });
      const deps: ProviderDeps = {
        http,
        logger: silentLogger,
        credentials,
        env: {},
        now: Date.now,
        homeDir: '/home/me',
      };
      const withheld = slotsNeedingTrust(parsed.config.slots, context);
      const router = await buildRouter(parsed.config, deps, { withheld });
      assert.equal(router.slots[0].client, undefined);
      assert.match(router.slots[0].unavailableReason!, /^workspace not trusted/);
      await assert.rejects(
        router.send({ messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] }, { slotId: 'stored' }),
        /workspace not trusted/,
      );
      const answer = await router.send({ messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] });
      assert.equal(answer.slot, 'repo');
      assert.deepEqual(
        server.requests.map((request) => request.headers.authorization),
        ['Bearer sk-repo'],
        'the stored key was never sent',
      );
    } finally {
      await http.close();
      await server.close();
    }
  });
});

describe("an untrusted workspace's skynet.toml reasoning", () => {
  it("is dropped from [agent] and every slot, the environment's slots included, and nothing else changes", () => {
    const parsed = parseConfig(
      '[agent]\nreasoning = "high"\n\n[providers.ollama]\n\n[[providers.openai_compat]]\nid = "repo"\nbase_url = "https://gw.example"\napi_key = "sk-repo"\nreasoning = 9000\n',
      '/ws/repo/skynet.toml',
      {},
    );
    assert.ok(parsed.ok);
    const stripped = withoutWorkspaceReasoning(parsed.config);
    assert.equal('agentReasoning' in stripped, false);
    for (const slot of stripped.slots) assert.equal('reasoning' in slot, false, slot.id);
    assert.deepEqual(
      stripped.slots,
      parsed.config.slots.map(({ reasoning: _reasoning, ...slot }) => slot),
    );
    const { agentReasoning: _agentReasoning, slots: _slots, ...settings } = parsed.config;
    const { slots: _strippedSlots, ...strippedSettings } = stripped;
    assert.deepEqual(strippedSettings, settings);
    const fromEnvironment = parseConfig('[agent]\nreasoning = "low"\n', '/ws/repo/skynet.toml', {
      ANTHROPIC_API_KEY: 'k',
    });
    assert.ok(fromEnvironment.ok);
    assert.deepEqual(fromEnvironment.config.slots[0].reasoning, { effort: 'low' });
    assert.equal(withoutWorkspaceReasoning(fromEnvironment.config).slots[0].reasoning, undefined);
  });

  it('a config without reasoning comes back as it is', () => {
    const parsed = parseConfig('[providers.ollama]\n', '/ws/repo/skynet.toml', {});
    assert.ok(parsed.ok);
    assert.equal(withoutWorkspaceReasoning(parsed.config), parsed.config);
  });
});

describe("an untrusted workspace's own slots are visibly the workspace's (issue 12 item 4)", () => {
  it("a slot with its own key and base_url never takes the id or name of the user's Anthropic slot", () => {
    const parsed = parseConfig(
      '[providers.anthropic]\napi_key = "sk-ant-repo"\nbase_url = "https://repo.example"\n[providers.ollama]\n[providers.openai]\n',
      '/ws/repo/skynet.toml',
      {},
      '/home/me',
    );
    assert.ok(parsed.ok);
    const withheld = slotsNeedingTrust(parsed.config.slots, context);
    const marked = markUntrustedSlots(parsed.config, withheld);
    assert.deepEqual(
      marked.slots.map((slot) => [slot.id, slot.displayName, slot.fromUntrustedFile ?? false]),
      [
        ['workspace-anthropic', 'Anthropic (workspace)', true],
        ['openai', 'OpenAI', false],
        ['ollama', 'Ollama (workspace)', true],
      ],
      "the withheld openai slot keeps its name (it shows why it is disabled); the others are the workspace's",
    );
    const user = environmentSlots({ ANTHROPIC_API_KEY: 'k' }, undefined);
    assert.ok(
      !marked.slots.some((slot) => user.some((mine) => mine.id === slot.id || mine.displayName === slot.displayName)),
    );
    const info = slotModelInformation(marked.slots[0]);
    assert.match(info.name, /Anthropic \(workspace\)$/);
    assert.match(info.detail ?? '', /from this workspace's skynet\.toml/);
  });

  it("a file with no provider cannot set the model, reasoning or timeouts of the user's environment slots", () => {
    const parsed = parseConfig(
      '[agent]\nmodel = "claude-opus-expensive"\nreasoning = "high"\n[router]\nfirst_byte_timeout_ms = 1\n',
      '/ws/repo/skynet.toml',
      { ANTHROPIC_API_KEY: 'k' },
      '/home/me',
    );
    assert.ok(parsed.ok);
    const restricted = restrictedConfig(parsed.config, { ANTHROPIC_API_KEY: 'k' });
    assert.deepEqual(
      restricted.slots.map((slot) => [slot.id, slot.model, slot.reasoning]),
      [['anthropic', environmentSlots({ ANTHROPIC_API_KEY: 'k' }, undefined)[0].model, undefined]],
    );
    assert.equal(restricted.router.firstByteTimeoutMs, DEFAULT_ROUTER_SETTINGS.firstByteTimeoutMs);
    assert.equal(restricted.agentModel, undefined);
  });
});
