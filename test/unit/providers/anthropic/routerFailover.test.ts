import * as assert from 'node:assert/strict';
import { DEFAULT_ROUTER_SETTINGS, type SlotConfig } from '../../../../src/config/types';
import { buildRouter } from '../../../../src/router/buildRouter';
import type { RoutedEvent } from '../../../../src/router/types';
import { startFakeServer, type FakeServer } from '../../../fakes/fakeServer';
import { anthropicSse } from '../../../support/wire/anthropicMessages';
import { textOf } from '../../../support/wire/events';
import { REASONING_ANSWER } from '../../../support/wire/samples';
import { fastHttpClient, providerDeps, refusedUrl } from '../../../fakes/providerHarness';
import { replaySse, replyError } from '../../../fakes/wire';
import { chatStreams, ndjson, ollamaSlot, replayNdjson } from '../ollama/ollamaWire';
import { OAUTH_TOKEN, anthropicSlot } from './testDeps';

async function route(slots: SlotConfig[]): Promise<RoutedEvent[]> {
  const router = await buildRouter(
    { file: 'skynet.toml', slots, router: { ...DEFAULT_ROUTER_SETTINGS }, fromEnvironment: false },
    providerDeps(http),
  );
  const events: RoutedEvent[] = [];
  for await (const event of router.streamChat({
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  }))
    events.push(event);
  return events;
}

const http = fastHttpClient();

/** Anthropic and Ollama slots behind the real router, each on its own fake server. */
describe('router failover between the Anthropic and Ollama clients', () => {
  let anthropic: FakeServer;
  let ollama: FakeServer;
  beforeEach(async () => {
    anthropic = await startFakeServer();
    ollama = await startFakeServer();
  });
  afterEach(async () => Promise.all([anthropic.close(), ollama.close()]));
  after(() => http.close());

  it('moves past overloaded, Claude-Code-only OAuth and a stopped Ollama to the Ollama that answers with tool calls', async () => {
    anthropic.route('POST', '/v1/messages', (req, res) =>
      req.headers.authorization
        ? replyError(res, 403, {
            type: 'error',
            error: {
              type: 'permission_error',
              message: 'This credential is only authorized for use with Claude Code.',
            },
          })
        : replyError(res, 529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    );
    ollama.route('POST', '/api/chat', (_req, res) => replayNdjson(res, ndjson(chatStreams.tools)));
    const events = await route([
      { ...anthropicSlot(anthropic.url), id: 'claude' },
      { ...anthropicSlot(anthropic.url, OAUTH_TOKEN), id: 'claude-max' },
      { ...ollamaSlot(await refusedUrl()), id: 'ollama-laptop' },
      { ...anthropicSlot(anthropic.url, null), id: 'claude-nokey' },
      ollamaSlot(ollama.url),
    ]);
    const failovers = events.flatMap((event) => (event.type === 'failover' ? [[event.from, event.kind]] : []));
    assert.deepEqual(failovers, [
      ['claude', 'overloaded'],
      ['claude-max', 'auth'],
      ['ollama-laptop', 'network'],
    ]);
    const failover = events.find((event) => event.type === 'failover' && event.from === 'ollama-laptop');
    assert.match((failover as { message: string }).message, /Ollama is not running at http:\/\/127\.0\.0\.1:\d+/);
    assert.deepEqual(
      events.flatMap((event) => (event.type === 'tool-call' ? [event.name] : [])),
      ['get_weather', 'get_time'],
    );
    const finish = events.find((event) => event.type === 'finish');
    assert.deepEqual(finish, { type: 'finish', reason: 'tool-calls', rawReason: 'stop', slot: 'ollama' });
  });

  it('moves from a stopped Ollama to Anthropic, which streams reasoning with its signature', async function () {
    anthropic.route('POST', '/v1/messages', (_req, res) => replaySse(res, anthropicSse(REASONING_ANSWER)));
    const events = await route([
      { ...ollamaSlot(await refusedUrl()), id: 'ollama-laptop' },
      anthropicSlot(anthropic.url),
    ]);
    assert.deepEqual(
      events.filter((event) => event.type === 'failover').map((event) => (event as { kind: string }).kind),
      ['network'],
    );
    const signature = events.find((event) => event.type === 'reasoning-delta' && event.signature);
    assert.ok(signature);
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
    assert.equal(text, textOf(REASONING_ANSWER));
    assert.equal((events.find((event) => event.type === 'finish') as { slot: string }).slot, 'claude');
  });
});
