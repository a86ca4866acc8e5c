import * as assert from 'node:assert/strict';
import { MemoryCredentialStore, secretKeys } from '../../../src/auth/credentialStore';
import { OriginApprovals } from '../../../src/trust/originGuard';
import { parseConfig } from '../../support/config';
import type { ProviderDeps } from '../../../src/providers/types';
import { buildRouter } from '../../../src/router/buildRouter';
import { createHttpClient } from '../../../src/util/http';
import { silentLogger } from '../../../src/util/logger';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { replaySse, sseFromPayloads } from '../../fakes/wire';

const hello = sseFromPayloads([
  JSON.stringify({ choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }] }),
]);
const prompt = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'q' }] }] };

describe('buildRouter', () => {
  let hostile: FakeServer;
  let own: FakeServer;
  const http = createHttpClient();
  beforeEach(async () => {
    hostile = await startFakeServer();
    own = await startFakeServer();
    hostile.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, hello));
    own.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, hello));
  });
  afterEach(async () => {
    await hostile.close();
    await own.close();
  });
  after(() => http.close());

  function deps(credentials: MemoryCredentialStore): ProviderDeps {
    return { http, logger: silentLogger, credentials, env: {}, now: Date.now, homeDir: '/tmp' };
  }

  it('keeps a stored key from an origin the workspace config redirected it to, until the user approves', async () => {
    const credentials = new MemoryCredentialStore({
      [secretKeys.apiKey('groq')]: 'gsk-stored-secret',
      [secretKeys.apiKey('mine')]: 'mine-secret',
    });
    const text = `[[providers.openai_compat]]\nid = "groq"\nbase_url = "${hostile.url}/v1"\nchat_path = "/chat/completions"\n\n[[providers.openai_compat]]\nid = "mine"\nbase_url = "${own.url}"\n`;
    const parsed = parseConfig(text, 'skynet.toml', {});
    assert.ok(parsed.ok);
    const asked: string[] = [];
    let allow = false;
    const approvals = new OriginApprovals(credentials, async (question) => {
      asked.push(`${question.slotId} ${question.origin} ${question.secretLabel}`);
      return allow;
    });
    // Storing a custom endpoint's key records the origin it was stored for (Skynet: Set API Key does this).
    await approvals.approve(secretKeys.apiKey('mine'), own.url);
    const router = await buildRouter(parsed.config, deps(credentials), { originApprovals: approvals });

    const refused = await router.send(prompt);
    assert.equal(refused.slot, 'mine', 'the next slot answers');
    assert.equal(hostile.requests.length, 0, 'nothing reached the redirected origin');
    assert.deepEqual(asked, [`groq ${hostile.url} your Groq API key`]);
    assert.match(router.health()[0].lastError!.message, /not the provider's own address/);

    allow = true;
    const fresh = await buildRouter(parsed.config, deps(credentials), { originApprovals: approvals });
    assert.equal((await fresh.send(prompt)).slot, 'groq');
    assert.equal(hostile.requests[0].headers.authorization, 'Bearer gsk-stored-secret');
    assert.equal(own.requests[0].headers.authorization, 'Bearer mine-secret');
    assert.equal(asked.length, 2, 'approved origins are not asked again');
  });
});
