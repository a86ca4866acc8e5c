import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { parseConfig } from '../../support/config';
import type { ChatRequest } from '../../../src/providers/types';
import { buildRouter } from '../../../src/router/buildRouter';
import type { RoutedEvent } from '../../../src/router/types';
import { ProviderError } from '../../../src/util/errors';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { fastHttpClient, providerDeps } from '../../fakes/providerHarness';
import { openaiChunk, replaySse, sseFromPayloads, sseHeaders } from '../../fakes/wire';

const prompt: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] };

/** A stream that stays "alive" forever: SSE comments every 50 ms (well inside the 200 ms idle timeout), after `first` if given. */
function keepAliveForever(res: ServerResponse, first?: string): void {
  res.writeHead(200, sseHeaders());
  if (first) res.write(first);
  const timer = setInterval(() => res.write(': keep-alive\n\n'), 50);
  res.on('close', () => clearInterval(timer));
}

// Two modes, because the router has two loops: plain failover, and the hedged race (hedge far off, so it never hedges).
for (const hedge of ['', 'hedge_after_ms = 60000\n']) {
  describe(`router deadlines over keep-alive streams${hedge ? ' (hedged race)' : ''}`, () => {
    let server: FakeServer;
    const http = fastHttpClient();

    beforeEach(async () => {
      server = await startFakeServer();
      server.route('POST', '/good/v1/chat/completions', (_req, res) =>
        replaySse(res, sseFromPayloads([openaiChunk({ content: 'from good' }), openaiChunk({}, 'stop')])),
      );
      server.route('POST', '/stall/v1/chat/completions', (_req, res) => keepAliveForever(res));
      server.route('POST', '/partial/v1/chat/completions', (_req, res) =>
        keepAliveForever(res, sseFromPayloads([openaiChunk({ content: 'partial' })], { done: false })),
      );
    });
    afterEach(() => server.close());
    after(() => http.close());

    async function route(
      router: string,
      slots: string[],
    ): Promise<{ events: RoutedEvent[]; error?: unknown; ms: number }> {
      const text =
        `[router]\n${router}${hedge}\n` +
        slots
          .map((id) => `[[providers.openai_compat]]\nid = "${id}"\nbase_url = "${server.url}/${id}"\nmodel = "m"\n`)
          .join('\n');
      const parsed = parseConfig(text, 'skynet.toml', {});
      if (!parsed.ok) assert.fail(JSON.stringify(parsed.errors));
      const built = await buildRouter(parsed.config, providerDeps(http));
      const events: RoutedEvent[] = [];
      const started = Date.now();
      try {
        for await (const event of built.streamChat(prompt)) events.push(event);
        return { events, ms: Date.now() - started };
      } catch (error) {
        return { events, error, ms: Date.now() - started };
      }
    }

    it('first_token_timeout_ms fires on a stream of keep-alive comments and fails over, typed timeout', async () => {
      const { events, error } = await route('first_token_timeout_ms = 300\n', ['stall', 'good']);
      assert.equal(error, undefined, String(error));
      const failover = events.find((event) => event.type === 'failover');
      assert.deepEqual(failover && [failover.from, failover.kind], ['stall', 'timeout']);
      assert.match(failover && 'message' in failover ? failover.message : '', /first_token_timeout_ms/);
      assert.deepEqual(
        events.filter((event) => event.type === 'text-delta').map((event) => 'text' in event && event.text),
        ['from good'],
      );
    });

    it('request_timeout_ms after the first token ends the answer: the partial kept, the error typed timeout', async () => {
      const { events, error, ms } = await route('request_timeout_ms = 400\n', ['partial', 'good']);
      assert.deepEqual(
        events.filter((event) => event.type === 'text-delta').map((event) => 'text' in event && event.text),
        ['partial'],
      );
      assert.ok(error instanceof ProviderError, String(error));
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /request_timeout_ms/);
      assert.ok(ms < 5000, `ended after ${ms} ms`);
      assert.equal(
        server.requests.filter((request) => request.url.startsWith('/good')).length,
        0,
        'no failover after output',
      );
    });

    it('request_timeout_ms before any output fails over like first_token_timeout_ms', async () => {
      const { events, error } = await route('request_timeout_ms = 300\n', ['stall', 'good']);
      assert.equal(error, undefined, String(error));
      assert.ok(
        events.some(
          (event) => event.type === 'failover' && event.kind === 'timeout' && /request_timeout_ms/.test(event.message),
        ),
      );
    });
  });
}
