import * as assert from 'node:assert/strict';
import { MemoryCredentialStore, secretKeys } from '../../../src/auth/credentialStore';
import { exposureOf } from '../../../src/trust/originGuard';
import { parseConfig } from '../../support/config';
import type { OpenAICompatSlot, SlotConfig } from '../../../src/config/types';
import { defaultBaseUrlFor } from '../../../src/providers/descriptors';
import { findRegistryEntry } from '../../../src/providers/registry';
import { buildRouterSlot } from '../../../src/router/buildRouter';
import { cloudflareWorkersAi } from '../../fakes/cloudflareWorkersAi';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { fastHttpClient, providerDeps } from '../../fakes/providerHarness';
import { collectEvents, expectProviderError, HELLO, textOfEvents } from './openaiCompatible/openaiTestKit';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN = 'cf-token-0123456789abcdefghij';

function parsed(text: string) {
  return parseConfig(text, '/ws/skynet.toml', {}, '/home/me');
}

function slotOf(text: string): OpenAICompatSlot {
  const result = parsed(text);
  assert.ok(result.ok, result.ok ? '' : result.errors.map((error) => error.message).join('\n'));
  return result.config.slots[0] as OpenAICompatSlot;
}

function errorsOf(text: string): string[] {
  const result = parsed(text);
  assert.equal(result.ok, false, 'the file is refused');
  return result.ok ? [] : result.errors.map((error) => `${error.line}:${error.column} ${error.message}`);
}

describe('Cloudflare Workers AI and AI Gateway (account ID in the URL)', () => {
  it('fill the account ID (and gateway ID) into the address', () => {
    assert.equal(
      slotOf(`[[providers.openai_compat]]\nid = "cloudflare"\naccount_id = "${ACCOUNT}"\n`).baseUrl,
      `https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/ai/v1`,
    );
    const gateway = slotOf(
      `[[providers.openai_compat]]\nid = "cloudflare-gateway"\naccount_id = "${ACCOUNT}"\ngateway_id = "my-gateway"\n`,
    );
    assert.equal(gateway.baseUrl, `https://gateway.ai.cloudflare.com/v1/${ACCOUNT}/my-gateway/workers-ai/v1`);
    assert.equal(gateway.model, '@cf/zai-org/glm-5.3-flash');
  });

  it('refuse a missing or malformed account ID at its line and column, before anything can reach the URL', () => {
    const missing = errorsOf(`[[providers.openai_compat]]\nid = "cloudflare"\n`);
    assert.match(
      missing[0],
      /^1:\d+ Cloudflare Workers AI \(`cloudflare`\) needs `account_id = "…"`: the Cloudflare account ID, 32 lowercase hexadecimal characters/,
    );
    for (const bad of ['../../../zones', `${ACCOUNT}/x`, `${ACCOUNT}?a=1`, ACCOUNT.slice(0, 31), 'g'.repeat(32)]) {
      const errors = errorsOf(`[[providers.openai_compat]]\nid = "cloudflare"\naccount_id = "${bad}"\n`);
      assert.match(errors[0], /^3:1 `account_id` must be 32 lowercase hexadecimal characters/, bad);
    }
    const gateway = errorsOf(
      `[[providers.openai_compat]]\nid = "cloudflare-gateway"\naccount_id = "${ACCOUNT}"\ngateway_id = "a/../b"\n`,
    );
    assert.match(gateway[0], /^4:1 `gateway_id` must be letters, digits/);
  });

  it("with base_url the address is the user's own (account_id unused, said in a warning); elsewhere account_id is a warning", () => {
    const result = parsed(
      `[[providers.openai_compat]]\nid = "cloudflare"\nbase_url = "https://proxy.example/cf/v1"\naccount_id = "${ACCOUNT}"\n\n[[providers.openai_compat]]\nid = "groq"\naccount_id = "${ACCOUNT}"\n`,
    );
    assert.ok(result.ok);
    assert.equal(result.config.slots[0].baseUrl, 'https://proxy.example/cf/v1');
    assert.deepEqual(
      result.warnings.map((warning) => warning.line),
      [4, 8],
    );
  });

  it("bind the API token to Cloudflare's own origin: the filled default needs no approval, another address does", () => {
    const own = slotOf(`[[providers.openai_compat]]\nid = "cloudflare"\naccount_id = "${ACCOUNT}"\n`);
    assert.equal(defaultBaseUrlFor(own), own.baseUrl);
    assert.equal(exposureOf(own, defaultBaseUrlFor(own)), undefined);
    const moved = slotOf(`[[providers.openai_compat]]\nid = "cloudflare"\nbase_url = "https://collector.example/v1"\n`);
    assert.deepEqual(exposureOf(moved, defaultBaseUrlFor(moved))?.origins, ['https://collector.example']);
    assert.equal(
      defaultBaseUrlFor({ kind: 'openai-compat', registryId: 'cloudflare' }),
      undefined,
      'no account ID: no address to trust',
    );
  });

  it('Add Provider asks for the account ID (and gateway ID) before the key', () => {
    assert.deepEqual(findRegistryEntry('cloudflare')?.setup.asks, ['accountId', 'apiKey', 'model']);
    assert.deepEqual(findRegistryEntry('cloudflare-gateway')?.setup.asks, [
      'accountId',
      'gatewayId',
      'apiKey',
      'model',
    ]);
  });

  describe('against a fake that refuses what Workers AI refuses', () => {
    let server: FakeServer;
    const http = fastHttpClient();
    before(async () => {
      server = await startFakeServer(
        cloudflareWorkersAi({
          accountId: ACCOUNT,
          token: TOKEN,
          models: ['@cf/zai-org/glm-5.3-flash', '@cf/meta/llama-3.1-8b-instruct'],
        }),
      );
    });
    after(async () => {
      await server.close();
      await http.close();
    });

    /** The slot skynet.toml makes, with Cloudflare's host swapped for the fake's (the path is the one filled in). */
    async function clientFor(account: string, token = TOKEN, model?: string) {
      const slot = slotOf(
        `[[providers.openai_compat]]\nid = "cloudflare"\naccount_id = "${account}"\n${model ? `model = "${model}"\n` : ''}`,
      );
      const local: SlotConfig = { ...slot, baseUrl: slot.baseUrl.replace('https://api.cloudflare.com', server.url) };
      const built = await buildRouterSlot(
        local,
        providerDeps(http, { credentials: new MemoryCredentialStore({ [secretKeys.apiKey('cloudflare')]: token }) }),
      );
      assert.ok(built.client, built.unavailableReason);
      return built.client;
    }

    it('streams from /client/v4/accounts/<account>/ai/v1/chat/completions with the token', async () => {
      const client = await clientFor(ACCOUNT);
      assert.equal(textOfEvents(await collectEvents(client.streamChat(HELLO))), 'hello from @cf/zai-org/glm-5.3-flash');
    });

    it("says Cloudflare's own words: another account (7003, 404), a wrong token (10000, auth), an unknown model (5007, 400)", async () => {
      const otherAccount = await expectProviderError(
        collectEvents((await clientFor('f'.repeat(32))).streamChat(HELLO)),
      );
      assert.equal(otherAccount.status, 404);
      assert.match(
        otherAccount.message,
        /Could not route to .*perhaps your object identifier is invalid\? \(Cloudflare error 7003\)/,
      );
      const badToken = await expectProviderError(
        collectEvents((await clientFor(ACCOUNT, 'cf-wrong-token-000000000')).streamChat(HELLO)),
      );
      assert.equal(badToken.kind, 'auth');
      assert.match(badToken.message, /Authentication error \(Cloudflare error 10000\)/);
      assert.doesNotMatch(badToken.message, /cf-wrong-token/);
      const noModel = await expectProviderError(
        collectEvents((await clientFor(ACCOUNT, TOKEN, '@cf/none/such')).streamChat(HELLO)),
      );
      assert.equal(noModel.status, 400);
      assert.match(noModel.message, /No such model @cf\/none\/such or task \(Cloudflare error 5007\)/);
    });

    it('lists its known models without asking (Workers AI answers 405 to GET …/ai/v1/models)', async () => {
      const before = server.requests.length;
      const models = await (await clientFor(ACCOUNT)).listModels();
      assert.equal(server.requests.length, before);
      assert.ok(models.some((model) => model.id === '@cf/openai/gpt-oss-120b'));
    });
  });
});
