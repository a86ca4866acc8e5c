import * as assert from 'node:assert/strict';
import { MemoryCredentialStore, secretKeys } from '../../../src/auth/credentialStore';
import { parseConfig } from '../../support/config';
import type { SlotConfig } from '../../../src/config/types';
import { findRegistryEntry } from '../../../src/providers/registry';
import { buildRouterSlot } from '../../../src/router/buildRouter';
import { createLogger } from '../../../src/util/logger';
import { Redactor } from '../../../src/util/redact';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { githubModels, redirectOrigin } from '../../fakes/githubModels';
import { fastHttpClient, providerDeps } from '../../fakes/providerHarness';
import { collectEvents, expectProviderError, HELLO, textOfEvents } from './openaiCompatible/openaiTestKit';

const PAT = 'github_pat_11AAAAAAA0123456789abcdef';
const ENV_TOKEN = 'ghp_environment0123456789abcdefABCDEF';
const SIGN_IN = 'ghu_copilotSignIn0123456789abcdefABC';
const APP_TOKEN = 'ghu_withoutModelsPermission0123456789';

function slotOf(text: string): SlotConfig {
  const parsed = parseConfig(text, '/home/me/.skynet/skynet.toml', {}, '/home/me');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.map((error) => error.message).join('\n'));
  return parsed.config.slots[0];
}

describe('GitHub Models (models.github.ai)', () => {
  let server: FakeServer;
  const http = fastHttpClient();
  before(async () => {
    server = await startFakeServer(
      githubModels({
        tokens: [PAT, ENV_TOKEN, SIGN_IN],
        withoutModelsPermission: [APP_TOKEN],
        perMinute: 2,
        orgs: ['acme'],
      }),
    );
  });
  after(async () => {
    await server.close();
    await http.close();
  });

  /** The slot as skynet.toml makes it, its requests for models.github.ai answered by the fake. */
  async function clientFor(toml: string, secrets: Record<string, string>, env: Record<string, string> = {}) {
    const deps = providerDeps(redirectOrigin(http, 'https://models.github.ai', server.url), {
      credentials: new MemoryCredentialStore(secrets),
      env,
    });
    const built = await buildRouterSlot(slotOf(toml), deps);
    assert.ok(built.client, built.unavailableReason);
    return built.client;
  }
  const ROW = '[[providers.openai_compat]]\nid = "github-models"\n';

  it('streams with a stored token from /inference/chat/completions; the catalog lists chat models with their limits', async () => {
    const client = await clientFor(ROW, { [secretKeys.apiKey('github-models')]: PAT });
    assert.equal(textOfEvents(await collectEvents(client.streamChat(HELLO))), 'openai/gpt-4.1');
    assert.equal(server.requests.at(-1)?.url, '/inference/chat/completions');
    const models = await client.listModels();
    assert.deepEqual(
      models.map((model) => [model.id, model.contextWindow, model.maxOutputTokens]),
      [['openai/gpt-4.1', 1048576, 32768]],
      'embeddings are left out',
    );
    assert.equal(server.requests.at(-1)?.url, '/catalog/models');
  });

  it('without a stored token takes GITHUB_TOKEN, then the Copilot sign-in’s GitHub token', async () => {
    const fromEnv = await clientFor(`${ROW}model = "openai/gpt-4.1"\n`, {}, { GITHUB_TOKEN: ENV_TOKEN });
    await collectEvents(fromEnv.streamChat(HELLO));
    assert.equal(server.requests.at(-1)?.headers.authorization, `Bearer ${ENV_TOKEN}`);
    const fromSignIn = await clientFor(ROW, { [secretKeys.githubToken('copilot')]: SIGN_IN });
    await collectEvents(fromSignIn.streamChat({ ...HELLO, model: 'openai/gpt-4.1-mini' }));
    assert.equal(server.requests.at(-1)?.headers.authorization, `Bearer ${SIGN_IN}`);
  });

  it('a skynet.toml that moves the address gets neither GITHUB_TOKEN nor the sign-in: the key is missing, and says where one comes from', async () => {
    const before = server.requests.length;
    const moved = slotOf(`${ROW}base_url = "${server.url}/collect"\n`);
    const built = await buildRouterSlot(
      moved,
      providerDeps(http, {
        credentials: new MemoryCredentialStore({ [secretKeys.githubToken('copilot')]: SIGN_IN }),
        env: { GITHUB_TOKEN: ENV_TOKEN },
      }),
    );
    assert.match(
      String(built.unavailableReason),
      /No API key for github-models.*Or set GITHUB_TOKEN, or sign in to GitHub Copilot/,
    );
    if (built.client) await expectProviderError(collectEvents(built.client.streamChat(HELLO)));
    assert.equal(
      server.requests.slice(before).some((request) => /ghp_|ghu_/.test(String(request.headers.authorization))),
      false,
    );
  });

  it('a token without the models permission is an auth error in GitHub’s words, and the log says which token and what to set', async () => {
    const lines: string[] = [];
    const logger = createLogger((level, line) => lines.push(`${level} ${line}`), new Redactor());
    const deps = providerDeps(redirectOrigin(http, 'https://models.github.ai', server.url), {
      credentials: new MemoryCredentialStore({ [secretKeys.githubToken('copilot')]: APP_TOKEN }),
      logger,
    });
    const built = await buildRouterSlot(slotOf(ROW), deps);
    const refused = await expectProviderError(collectEvents(built.client!.streamChat(HELLO)));
    assert.equal(refused.kind, 'auth');
    assert.match(refused.message, /Resource not accessible by integration/);
    assert.doesNotMatch(refused.message, /ghu_/);
    assert.ok(
      lines.some((line) =>
        /^warn .*GitHub Models refused the Copilot sign-in's GitHub token; store a token it accepts with "Skynet: Set API Key" \(CLI: GITHUB_MODELS_API_KEY\)/.test(
          line,
        ),
      ),
      lines.join('\n'),
    );
    assert.equal(
      lines.some((line) => line.includes(APP_TOKEN)),
      false,
    );
  });

  it('past the per-minute limit: a rate-limit error that waits as long as the body says (no Retry-After header)', async () => {
    const client = await clientFor(`${ROW}model = "openai/o4-mini"\n`, { [secretKeys.apiKey('github-models')]: PAT });
    await collectEvents(client.streamChat(HELLO));
    await collectEvents(client.streamChat(HELLO));
    const limited = await expectProviderError(collectEvents(client.streamChat(HELLO)));
    assert.equal(limited.kind, 'rate-limit');
    assert.equal(limited.retryAfterMs, 46_000);
    assert.match(limited.message, /UserByModelByMinute/);
  });

  it('an organization’s endpoint attributes usage to it; its catalog is still GitHub’s', async () => {
    const client = await clientFor(`${ROW}base_url = "https://models.github.ai/orgs/acme/inference"\n`, {
      [secretKeys.apiKey('github-models')]: PAT,
    });
    assert.equal(
      textOfEvents(await collectEvents(client.streamChat({ ...HELLO, model: 'openai/gpt-4.1-nano' }))),
      'openai/gpt-4.1-nano for acme',
    );
    await client.listModels();
    assert.equal(server.requests.at(-1)?.url, '/catalog/models');
    assert.equal(
      findRegistryEntry('github-models')?.regions?.[0].baseUrl,
      'https://models.github.ai/orgs/{org}/inference',
    );
  });
});
