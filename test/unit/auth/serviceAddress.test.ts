// Addresses a service hands back (GitHub's endpoints.api, Qwen's resource_url, a key file's token_uri) are decided
// on the final URL before any credential goes there: an evil fake on another port must receive nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OriginApprovals } from '../../../src/trust/originGuard';
import { writeQwenCredentials } from '../../../src/auth/qwen/qwenCredentials';
import { isHostOrSubdomain, isServiceOwnAddress } from '../../../src/auth/serviceAddress';
import { MemoryCredentialStore } from '../../../src/auth/credentialStore';
import { collectChat } from '../../../src/providers/collect';
import { copilotApiRule } from '../../../src/providers/copilot/copilotApiAddress';
import { copilotModule } from '../../../src/providers/copilot/module';
import { qwenApiRule } from '../../../src/providers/qwen/qwenBaseUrl';
import { qwenOAuthModule } from '../../../src/providers/qwen/module';
import type { ChatRequest, ProviderDeps } from '../../../src/providers/types';
import { createVertexClient } from '../../../src/providers/vertex/client';
import { vertexTokenUriRule } from '../../../src/providers/vertex/descriptor';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { fakeCopilot, GITHUB_TOKEN } from '../../fakes/fakeCopilot';
import { fakeQwen } from '../../fakes/fakeQwen';
import {
  copilotSlot,
  fakeTime,
  providerErrorOf,
  qwenSlot,
  replyJson,
  tempDir,
  testDeps,
  testHttp,
  useFakeServer,
} from '../../fakes/signinHarness';
import { createServiceAccount, vertexSlot } from '../providers/vertex/vertexWire';

const HI: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };

/** The attacker's server: records every request, answers 200 with nothing useful. */
async function evilServer(): Promise<FakeServer> {
  return startFakeServer((_request, response) => replyJson(response, 200, {}));
}

/** What the host's approver was asked, and its answer. */
function approver(answer: boolean): {
  approvals: OriginApprovals;
  asked: Array<{ origin: string; namedBy?: string; secretLabel: string }>;
} {
  const asked: Array<{ origin: string; namedBy?: string; secretLabel: string }> = [];
  const approvals = new OriginApprovals(new MemoryCredentialStore(), async (prompt) => {
    asked.push({ origin: prompt.origin, namedBy: prompt.namedBy, secretLabel: prompt.secretLabel });
    return answer;
  });
  return { approvals, asked };
}

describe('addresses a service hands back', function () {
  const http = testHttp();
  const fake = useFakeServer();
  let evil: FakeServer;
  beforeEach(async () => {
    evil = await evilServer();
  });
  afterEach(async () => evil.close());
  after(async () => http.close());

  describe("Copilot: endpoints.api in GitHub's token reply", () => {
    function setup(overrides: Partial<ProviderDeps> = {}) {
      const time = fakeTime();
      const state = fakeCopilot(fake.server, time.now);
      // GitHub's reply names the attacker's server as the Copilot API.
      state.exchangeReply = (response) => {
        state.validToken = 'tid=copilot-secret;exp=1';
        replyJson(response, 200, {
          token: state.validToken,
          expires_at: Math.floor(time.now() / 1000) + 1800,
          refresh_in: 1500,
          endpoints: { api: `${evil.url}/copilot` },
        });
      };
      const file = path.join(tempDir(), 'copilot-token');
      fs.writeFileSync(file, `${GITHUB_TOKEN}\n`);
      const slot = copilotSlot({ githubApiUrl: fake.server.url }, file);
      return { client: copilotModule.create(slot, testDeps(http, { now: time.now, ...overrides })) };
    }

    it("sends the Copilot token nowhere when the reply names an address that is not Copilot's (CLI: refused, no one to ask)", async () => {
      const { client } = setup();
      const error = await providerErrorOf(collectChat(client.streamChat(HI)));
      assert.equal(error.kind, 'auth');
      assert.equal(error.code, 'origin-not-approved');
      assert.match(
        error.message,
        new RegExp(`endpoints\\.api\\) names ${new URL(evil.url).origin.replace(/[.]/g, '\\.')}`),
      );
      await assert.rejects(client.listModels(), (listError: Error) =>
        /not one of the service's own addresses/.test(listError.message),
      );
      assert.equal(evil.requests.length, 0, 'the attacker received nothing');
    });

    it('asks the host (VS Code: the origin modal) and sends nothing when the user refuses; sends after approval', async () => {
      const refusing = approver(false);
      const { client } = setup({ serviceOrigins: refusing.approvals });
      assert.equal((await providerErrorOf(collectChat(client.streamChat(HI)))).code, 'origin-not-approved');
      assert.equal(evil.requests.length, 0);
      assert.deepEqual(refusing.asked, [
        {
          origin: new URL(evil.url).origin,
          namedBy: "GitHub's Copilot token reply (endpoints.api)",
          secretLabel: 'your Copilot token (from your GitHub sign-in)',
        },
      ]);

      const allowing = approver(true);
      await collectChat(setup({ serviceOrigins: allowing.approvals }).client.streamChat(HI)).catch(() => undefined);
      assert.equal(
        evil.requests[0]?.headers.authorization,
        'Bearer tid=copilot-secret;exp=1',
        'approved: the request goes where the user allowed',
      );
    });

    it("knows Copilot's documented hosts, a GHE.com tenant's and the slot's own addresses; nothing that only looks like them", () => {
      const rule = copilotApiRule(copilotSlot({ githubApiUrl: 'https://api.github.com' }));
      for (const own of [
        'https://api.githubcopilot.com',
        'https://api.individual.githubcopilot.com',
        'https://api.business.githubcopilot.com/',
        'https://api.enterprise.githubcopilot.com',
      ]) {
        assert.ok(isServiceOwnAddress(own, rule), own);
      }
      for (const foreign of [
        'http://api.githubcopilot.com',
        'https://githubcopilot.com.evil.example',
        'https://evilgithubcopilot.com',
        'https://api.githubcopilot.com@evil.example',
        'http://127.0.0.1:9',
      ]) {
        assert.ok(!isServiceOwnAddress(foreign, rule), foreign);
      }
      const tenant = copilotApiRule(
        copilotSlot({ githubUrl: 'https://octo.ghe.com', githubApiUrl: 'https://api.octo.ghe.com' }),
      );
      assert.ok(isServiceOwnAddress('https://copilot-api.octo.ghe.com', tenant));
      assert.ok(!isServiceOwnAddress('https://copilot-api.other.ghe.com', tenant));
      assert.ok(isHostOrSubdomain('a.b.example', 'b.example') && !isHostOrSubdomain('ab.example', 'b.example'));
      assert.ok(!isHostOrSubdomain('1.127.0.0.1', '127.0.0.1'), 'an IP address has no subdomains');
    });
  });

  describe('Qwen: resource_url', () => {
    function setup(resourceUrl: string, overrides: Partial<ProviderDeps> = {}) {
      const time = fakeTime();
      fakeQwen(fake.server, { resourceUrl });
      const file = path.join(tempDir(), 'oauth_creds.json');
      const slot = qwenSlot(fake.server.url, file);
      return {
        file,
        time,
        client: () => qwenOAuthModule.create(slot, testDeps(http, { now: time.now, ...overrides })),
      };
    }

    it("sends the access token nowhere when the token reply names an address that is not Qwen's", async () => {
      const { file, time, client } = setup(`${evil.url}`);
      // An expired token: the refresh reply carries the attacker's resource_url.
      await writeQwenCredentials(file, {
        accessToken: 'old',
        refreshToken: 'qwen-refresh-1',
        tokenType: 'Bearer',
        expiresAt: time.now() - 1000,
      });
      const error = await providerErrorOf(collectChat(client().streamChat(HI)));
      assert.equal(error.code, 'origin-not-approved');
      assert.match(error.message, /resource_url/);
      assert.equal(evil.requests.length, 0, 'the attacker received nothing');
    });

    it('decides a resource_url read from the credentials file the same way', async () => {
      const { file, time, client } = setup(fake.server.url);
      await writeQwenCredentials(file, {
        accessToken: 'qwen-access-1',
        refreshToken: 'r',
        tokenType: 'Bearer',
        expiresAt: time.now() + 3600_000,
        resourceUrl: evil.url,
      });
      assert.equal((await providerErrorOf(collectChat(client().streamChat(HI)))).code, 'origin-not-approved');
      assert.equal(evil.requests.length, 0);
    });

    it("knows portal.qwen.ai and DashScope's regional hosts", () => {
      const rule = qwenApiRule(qwenSlot('https://chat.qwen.ai', '/x'));
      for (const own of [
        'https://portal.qwen.ai/v1',
        'https://dashscope.aliyuncs.com/compatible-mode/v1',
        'https://dashscope-intl.aliyuncs.com/v1',
        'https://dashscope-us.aliyuncs.com/v1',
      ])
        assert.ok(isServiceOwnAddress(own, rule), own);
      for (const foreign of [
        'http://portal.qwen.ai/v1',
        'https://portal.qwen.ai.evil.example/v1',
        'https://evil.qwen.ai/v1',
        'https://aliyuncs.com/v1',
      ])
        assert.ok(!isServiceOwnAddress(foreign, rule), foreign);
    });
  });

  describe("Vertex: a key file's token_uri", () => {
    it("sends no signed token request to a token_uri that is not Google's", async () => {
      const account = await createServiceAccount(`${evil.url}/token`);
      try {
        const client = createVertexClient(vertexSlot(fake.server.url, account.keyFile), testDeps(http));
        const error = await providerErrorOf(collectChat(client.streamChat(HI)));
        assert.equal(error.code, 'origin-not-approved');
        assert.match(error.message, /token_uri/);
        assert.equal(evil.requests.length, 0, 'the attacker received no assertion');
      } finally {
        fs.rmSync(account.dir, { recursive: true, force: true });
      }
    });

    it("knows Google's token endpoints", () => {
      const rule = vertexTokenUriRule(vertexSlot('https://us-central1-aiplatform.googleapis.com', '/k.json'));
      assert.ok(isServiceOwnAddress('https://oauth2.googleapis.com/token', rule));
      assert.ok(isServiceOwnAddress('https://accounts.google.com/o/oauth2/token', rule));
      assert.ok(!isServiceOwnAddress('https://oauth2.googleapis.com.evil.example/token', rule));
      assert.ok(!isServiceOwnAddress('http://oauth2.googleapis.com/token', rule));
    });
  });
});
