import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeQwenCredentials } from '../../../src/auth/qwen/qwenCredentials';
import { copilotModule } from '../../../src/providers/copilot/module';
import { qwenOAuthModule } from '../../../src/providers/qwen/module';
import type { ChatRequest } from '../../../src/providers/types';
import type { ServerResponse } from 'node:http';
import { eventually } from '../../fakes/fakeServer';
import { writeInPieces } from '../../fakes/wire';
import { fakeCopilot, GITHUB_TOKEN } from '../../fakes/fakeCopilot';
import { fakeQwen } from '../../fakes/fakeQwen';
import {
  collectEvents,
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

const request: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };

const resetBeforeHeaders = (response: ServerResponse): void => {
  response.socket?.destroy();
};
const stallBeforeHeaders = (response: ServerResponse) => new Promise<void>((resolve) => response.on('close', resolve));

const STREAM = Buffer.from(
  'data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\ndata: {"choices":[{"index":0,"delta":{"content":"lo"}}]}\n\ndata: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n',
);

describe('sign-in providers under faults', function () {
  const http = testHttp(200);
  const fake = useFakeServer();
  after(async () => http.close());

  function copilot(options: Parameters<typeof fakeCopilot>[2] = {}) {
    const time = fakeTime();
    const state = fakeCopilot(fake.server, time.now, options);
    const file = path.join(tempDir(), 'copilot-token');
    fs.writeFileSync(file, GITHUB_TOKEN);
    const client = copilotModule.create(
      copilotSlot({ githubApiUrl: fake.server.url }, file),
      testDeps(http, { now: time.now }),
    );
    return { state, client };
  }

  describe('the Copilot token exchange', function () {
    it('429 with Retry-After is a rate-limit error carrying the delay', async () => {
      const { client, state } = copilot({
        exchangeReply: (response) => {
          response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
          response.end('{"message":"API rate limit exceeded"}');
        },
      });
      const error = await providerErrorOf(collectEvents(client.streamChat(request)));
      assert.equal(error.kind, 'rate-limit');
      assert.equal(error.retryAfterMs, 7000);
      assert.equal(state.chatRequests.length, 0);
    });

    it('503 is a server error', async () => {
      const { client } = copilot({ exchangeReply: (response) => replyJson(response, 503, { message: 'unavailable' }) });
      assert.equal((await providerErrorOf(collectEvents(client.streamChat(request)))).kind, 'server');
    });

    it('a reset before headers is a network error', async () => {
      const { client } = copilot({ exchangeReply: resetBeforeHeaders });
      assert.equal((await providerErrorOf(collectEvents(client.streamChat(request)))).kind, 'network');
    });

    it('no answer is a timeout', async () => {
      const { client } = copilot({ exchangeReply: stallBeforeHeaders });
      assert.equal((await providerErrorOf(collectEvents(client.streamChat(request)))).kind, 'timeout');
    });

    it('a 200 without a token is an invalid response', async () => {
      const { client } = copilot({ exchangeReply: (response) => replyJson(response, 200, { expires_at: 1 }) });
      assert.equal((await providerErrorOf(collectEvents(client.streamChat(request)))).kind, 'invalid-response');
    });

    it('a failed exchange is not cached: the next request exchanges again', async () => {
      const { client, state } = copilot({
        exchangeReply: (response) => replyJson(response, 503, { message: 'unavailable' }),
      });
      await providerErrorOf(collectEvents(client.streamChat(request)));
      state.exchangeReply = undefined;
      const events = await collectEvents(client.streamChat(request));
      assert.equal(events.at(-1)?.type, 'finish');
      assert.equal(state.exchanges, 1);
    });
  });

  describe('Copilot chat', function () {
    it('429 with Retry-After from the chat endpoint passes through as rate-limit', async () => {
      const { client } = copilot({
        chatReply: (response) => {
          response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
          response.end('{"error":{"message":"rate limited","code":"rate_limited"}}');
        },
      });
      const error = await providerErrorOf(collectEvents(client.streamChat(request)));
      assert.equal(error.kind, 'rate-limit');
      assert.equal(error.retryAfterMs, 3000);
    });

    it('a reset mid-stream is a network error after the text already streamed', async () => {
      const { client } = copilot({
        chatReply: async (response) => {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          await writeInPieces(response, STREAM, { resetAfterBytes: 70 });
        },
      });
      const events: unknown[] = [];
      const error = await providerErrorOf(
        (async () => {
          for await (const event of client.streamChat(request)) events.push(event);
        })(),
      );
      assert.equal(error.kind, 'network');
      assert.deepEqual(events, [{ type: 'text-delta', text: 'Hel' }]);
    });

    it('a stall mid-stream is an idle timeout', async () => {
      const { client } = copilot({
        chatReply: async (response) => {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          await writeInPieces(response, STREAM, { stallAfterBytes: 70 });
        },
      });
      assert.equal((await providerErrorOf(collectEvents(client.streamChat(request)))).kind, 'timeout');
    });

    it('a truncated stream is an invalid response', async () => {
      const { client } = copilot({
        chatReply: async (response) => {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          await writeInPieces(response, STREAM, { truncateAfterBytes: 70 });
        },
      });
      assert.equal((await providerErrorOf(collectEvents(client.streamChat(request)))).kind, 'invalid-response');
    });
  });

  describe('the Qwen token refresh', function () {
    async function expiredQwen() {
      const time = fakeTime();
      const state = fakeQwen(fake.server);
      const file = path.join(tempDir(), 'oauth_creds.json');
      await writeQwenCredentials(file, {
        accessToken: 'qwen-access-1',
        refreshToken: 'qwen-refresh-1',
        expiresAt: time.now() - 1,
        resourceUrl: fake.server.url,
      });
      const client = qwenOAuthModule.create(qwenSlot(fake.server.url, file), testDeps(http, { now: time.now }));
      return { state, client, file };
    }

    it('429 with Retry-After on refresh is rate-limit, and the file is left as it was', async () => {
      const { client, file } = await expiredQwen();
      const before = fs.readFileSync(file, 'utf8');
      fake.server.route('POST', '/api/v1/oauth2/token', (_request, response) => {
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
        response.end('{"error":"slow_down"}');
      });
      const error = await providerErrorOf(collectEvents(client.streamChat(request)));
      assert.equal(error.kind, 'rate-limit');
      assert.equal(error.retryAfterMs, 2000);
      assert.equal(fs.readFileSync(file, 'utf8'), before);
    });

    it('500 on refresh is a server error without the refusal note', async () => {
      const { client } = await expiredQwen();
      fake.server.route('POST', '/api/v1/oauth2/token', (_request, response) =>
        replyJson(response, 500, { error: 'server_error' }),
      );
      const error = await providerErrorOf(collectEvents(client.streamChat(request)));
      assert.equal(error.kind, 'server');
      assert.doesNotMatch(error.message, /2026-04-15/);
    });

    it('a reset before headers on refresh is a network error', async () => {
      const { client } = await expiredQwen();
      fake.server.route('POST', '/api/v1/oauth2/token', (_request, response) => resetBeforeHeaders(response));
      assert.equal((await providerErrorOf(collectEvents(client.streamChat(request)))).kind, 'network');
    });

    it('cancelling during the refresh aborts it: the server sees the request closed', async () => {
      const { client } = await expiredQwen();
      let closed = false;
      fake.server.route(
        'POST',
        '/api/v1/oauth2/token',
        (_request, response) =>
          new Promise<void>((resolve) =>
            response.on('close', () => {
              closed = true;
              resolve();
            }),
          ),
      );
      const controller = new AbortController();
      const pending = collectEvents(client.streamChat(request, { signal: controller.signal }));
      await eventually(
        () => fake.server.requests.some((r) => r.url === '/api/v1/oauth2/token'),
        2000,
        'the refresh request',
      );
      controller.abort();
      assert.equal((await providerErrorOf(pending)).kind, 'cancelled');
      await eventually(() => closed, 2000, 'the server to see the refresh aborted');
      assert.ok(closed, 'the refresh request was aborted');
    });
  });
});
