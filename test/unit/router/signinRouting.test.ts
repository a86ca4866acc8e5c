import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeQwenCredentials } from '../../../src/auth/qwen/qwenCredentials';
import { DEFAULT_ROUTER_SETTINGS, type SkynetConfig, type SlotConfig } from '../../../src/config/types';
import type { ChatRequest } from '../../../src/providers/types';
import { buildRouter } from '../../../src/router/buildRouter';
import type { RoutedEvent } from '../../../src/router/types';
import { fakeCopilot, GITHUB_TOKEN } from '../../fakes/fakeCopilot';
import { fakeQwen } from '../../fakes/fakeQwen';
import {
  copilotSlot,
  fakeTime,
  qwenSlot,
  replyJson,
  tempDir,
  testDeps,
  testHttp,
  useFakeServer,
} from '../../fakes/signinHarness';

const request: ChatRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in San Francisco?' }] }],
};

function configWith(...slots: SlotConfig[]): SkynetConfig {
  return { file: 'skynet.toml', slots, router: { ...DEFAULT_ROUTER_SETTINGS }, fromEnvironment: false };
}

async function route(events: AsyncIterable<RoutedEvent>): Promise<RoutedEvent[]> {
  const out: RoutedEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe('Copilot and Qwen behind the router', function () {
  const http = testHttp();
  const fake = useFakeServer();
  after(async () => http.close());

  async function setup(options: { copilotSignedIn: boolean }) {
    const { server } = fake;
    const time = fakeTime();
    const copilot = fakeCopilot(server, time.now);
    const qwen = fakeQwen(server);
    const dir = tempDir();
    const tokenFile = path.join(dir, 'copilot-token');
    if (options.copilotSignedIn) fs.writeFileSync(tokenFile, GITHUB_TOKEN);
    const credentials = path.join(dir, 'oauth_creds.json');
    await writeQwenCredentials(credentials, {
      accessToken: 'qwen-access-1',
      refreshToken: 'qwen-refresh-1',
      expiresAt: time.now() + 3600_000,
      resourceUrl: server.url,
    });
    const router = await buildRouter(
      configWith(copilotSlot({ githubApiUrl: server.url }, tokenFile), qwenSlot(server.url, credentials)),
      testDeps(http, { now: time.now, homeDir: dir }),
    );
    return { router, copilot, qwen, time };
  }

  it('an unsigned Copilot slot is unavailable with the fix, and Qwen answers', async () => {
    const { router } = await setup({ copilotSignedIn: false });
    const [copilotHealth] = router.health();
    assert.equal(copilotHealth.state, 'unavailable');
    assert.match(String(copilotHealth.unavailableReason), /skynet login copilot/);
    const events = await route(router.streamChat(request));
    const finish = events.find((event) => event.type === 'finish');
    assert.deepEqual(finish, { type: 'finish', reason: 'tool-calls', rawReason: 'tool_calls', slot: 'qwen_oauth' });
  });

  it('Copilot answers first when signed in', async () => {
    const { router, qwen } = await setup({ copilotSignedIn: true });
    const events = await route(router.streamChat(request));
    assert.equal(events.find((event) => event.type === 'finish' && event.slot === 'copilot')?.type, 'finish');
    assert.equal(qwen.chatRequests, 0);
  });

  it('an account without Copilot fails over (auth) to Qwen before any output', async () => {
    const { router, copilot } = await setup({ copilotSignedIn: true });
    copilot.exchangeReply = (response) =>
      replyJson(response, 403, {
        error_details: { message: 'No access to GitHub Copilot found.' },
        message: 'Forbidden',
      });
    const events = await route(router.streamChat(request));
    const failover = events.find((event) => event.type === 'failover');
    assert.ok(failover && failover.type === 'failover');
    assert.equal(failover.from, 'copilot');
    assert.equal(failover.kind, 'auth');
    assert.match(failover.message, /no Copilot subscription/);
    assert.equal(events.find((event) => event.type === 'finish' && event.slot === 'qwen_oauth')?.type, 'finish');
  });

  it('an expired Qwen token is refreshed on the way through the router', async () => {
    const { router, qwen, time } = await setup({ copilotSignedIn: false });
    time.advance(3600_000);
    const events = await route(router.streamChat(request));
    assert.equal(events.at(-1)?.type, 'finish');
    assert.equal(qwen.refreshes, 1);
  });
});
