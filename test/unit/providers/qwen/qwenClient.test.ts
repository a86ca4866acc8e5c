import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeQwenCredentials, type QwenCredentials } from '../../../../src/auth/qwen/qwenCredentials';
import { qwenOAuthModule } from '../../../../src/providers/qwen/module';
import { qwenApiBase } from '../../../../src/providers/qwen/qwenBaseUrl';
import type { ChatRequest } from '../../../../src/providers/types';
import { QWEN_TOOL_CALL_ID, fakeQwen } from '../../../fakes/fakeQwen';
import {
  collectEvents,
  fakeTime,
  formOf,
  providerErrorOf,
  qwenSlot,
  replyJson,
  tempDir,
  testDeps,
  testHttp,
  useFakeServer,
} from '../../../fakes/signinHarness';

const request: ChatRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in San Francisco?' }] }],
};

const expectedEvents = [
  { type: 'tool-call', id: QWEN_TOOL_CALL_ID, name: 'weather', arguments: { location: 'San Francisco' } },
  { type: 'finish', reason: 'tool-calls', rawReason: 'tool_calls' },
];

describe('qwenApiBase', function () {
  it('builds https://<resource_url>/v1, keeps a scheme or /v1 already there, falls back to the slot base', () => {
    assert.equal(qwenApiBase('portal.qwen.ai', 'https://fallback/v1'), 'https://portal.qwen.ai/v1');
    assert.equal(qwenApiBase('https://portal.qwen.ai/', 'x'), 'https://portal.qwen.ai/v1');
    assert.equal(qwenApiBase('http://127.0.0.1:9/v1', 'x'), 'http://127.0.0.1:9/v1');
    assert.equal(
      qwenApiBase(undefined, 'https://dashscope.aliyuncs.com/compatible-mode/v1/'),
      'https://dashscope.aliyuncs.com/compatible-mode/v1',
    );
    assert.equal(qwenApiBase('  ', 'https://fallback/v1'), 'https://fallback/v1');
  });
});

describe('Qwen OAuth client against fake chat.qwen.ai and DashScope servers', function () {
  const http = testHttp();
  const fake = useFakeServer();
  after(async () => http.close());

  function setup(credentials: Partial<QwenCredentials> = {}, state: Parameters<typeof fakeQwen>[1] = {}) {
    const { server } = fake;
    const qwen = fakeQwen(server, state);
    const time = fakeTime();
    const file = path.join(tempDir(), 'oauth_creds.json');
    const slot = qwenSlot(server.url, file, `${server.url}/fallback/v1`);
    const deps = testDeps(http, { now: time.now });
    const write = () =>
      writeQwenCredentials(file, {
        accessToken: 'qwen-access-1',
        refreshToken: 'qwen-refresh-1',
        tokenType: 'Bearer',
        expiresAt: time.now() + 3600_000,
        resourceUrl: server.url,
        ...credentials,
      });
    return { server, qwen, time, file, slot, deps, write, client: () => qwenOAuthModule.create(slot, deps) };
  }

  it('streams the DashScope reply with the access token, at resource_url + /v1', async () => {
    const { server, write, client } = setup();
    await write();
    assert.deepEqual(
      (await collectEvents(client().streamChat(request))).filter((event) => event.type !== 'usage'),
      expectedEvents,
    );
    const chat = server.requests.find((r) => r.url === '/v1/chat/completions');
    assert.ok(chat);
    assert.equal(chat.headers.authorization, 'Bearer qwen-access-1');
    assert.equal(chat.headers['x-dashscope-authtype'], 'qwen-oauth');
    assert.equal(chat.json.model, 'qwen3-coder-plus');
    assert.equal(chat.json.stream, true);
    assert.equal(
      server.requests.filter((r) => r.url.startsWith('/api/v1/oauth2')).length,
      0,
      'no refresh while the token is fresh',
    );
  });

  it('falls back to the slot base URL when the sign-in names no resource_url', async () => {
    const { server, write, client } = setup({ resourceUrl: undefined });
    server.route('POST', '/fallback/v1/chat/completions', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(
        'data: {"choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n',
      );
    });
    await write();
    const events = await collectEvents(client().streamChat(request));
    assert.deepEqual(events, [
      { type: 'text-delta', text: 'hi' },
      { type: 'finish', reason: 'stop', rawReason: 'stop' },
    ]);
  });

  it('refreshes an expired token once for 20 concurrent requests, and saves it (0600, refresh token kept)', async () => {
    const { server, qwen, time, file, write, client } = setup();
    await write();
    time.advance(3600_000);
    const shared = client();
    const results = await Promise.all(Array.from({ length: 20 }, () => collectEvents(shared.streamChat(request))));
    for (const events of results)
      assert.deepEqual(
        events.filter((event) => event.type !== 'usage'),
        expectedEvents,
      );
    assert.equal(qwen.refreshes, 1, 'exactly one refresh request');
    const refresh = server.requests.find((r) => r.url === '/api/v1/oauth2/token');
    assert.deepEqual(formOf(refresh!.body), {
      grant_type: 'refresh_token',
      refresh_token: 'qwen-refresh-1',
      client_id: 'f0304373b74a44d2b584a3fb70ca9e56',
    });
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(saved.access_token, 'qwen-access-2');
    assert.equal(saved.refresh_token, 'qwen-refresh-1');
    assert.equal(saved.expires_at, time.now() + 3600_000);
    assert.equal(saved.resource_url, server.url, 'kept when the refresh reply omits it');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(qwen.chatRequests, 20);
  });

  it('refreshes within 30 s of expiry, not earlier', async () => {
    const { qwen, time, write, client } = setup();
    await write();
    time.advance(3600_000 - 31_000);
    await collectEvents(client().streamChat(request));
    assert.equal(qwen.refreshes, 0);
    time.advance(2_000);
    await collectEvents(client().streamChat(request));
    assert.equal(qwen.refreshes, 1);
  });

  it('on a 401 refreshes and retries once', async () => {
    const { qwen, write, client } = setup({}, { forced401: 1 });
    await write();
    assert.deepEqual(
      (await collectEvents(client().streamChat(request))).filter((event) => event.type !== 'usage'),
      expectedEvents,
    );
    assert.equal(qwen.refreshes, 1);
    assert.equal(qwen.chatRequests, 2);
  });

  it('a second 401 after the refresh is an auth error, not a loop', async () => {
    const { qwen, write, client } = setup({}, { forced401: 5 });
    await write();
    const error = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.match(
      error.message,
      /invalid access token or token expired.*free OAuth tier was discontinued on 2026-04-15/,
    );
    assert.equal(qwen.chatRequests, 2);
    assert.equal(qwen.refreshes, 1);
  });

  it('a refused refresh says to sign in again, with the service note', async () => {
    const { qwen, time, write, client } = setup({ refreshToken: 'revoked' });
    await write();
    time.advance(3600_000);
    const error = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'invalid_grant');
    assert.match(error.message, /refused to refresh.*refresh token expired.*skynet login qwen.*2026-04-15/);
    assert.equal(error.message.split('2026-04-15').length, 2, 'the note once');
    assert.equal(qwen.chatRequests, 0);
  });

  it('when another process refreshed first (its refresh token now spent), uses the token it saved', async () => {
    const { server, qwen, time, file, write, client } = setup();
    await write();
    time.advance(3600_000);
    server.route('POST', '/api/v1/oauth2/token', async (_request, response) => {
      qwen.refreshes++;
      qwen.validToken = 'from-other-process';
      await writeQwenCredentials(file, {
        accessToken: 'from-other-process',
        refreshToken: 'rotated',
        expiresAt: time.now() + 3600_000,
        resourceUrl: server.url,
      });
      replyJson(response, 400, { error: 'invalid_grant', error_description: 'refresh token already used' });
    });
    const events = await collectEvents(client().streamChat(request));
    assert.deepEqual(
      events.filter((event) => event.type !== 'usage'),
      expectedEvents,
    );
    assert.equal(qwen.refreshes, 1);
    assert.equal(
      server.requests.find((r) => r.url === '/v1/chat/completions')?.headers.authorization,
      'Bearer from-other-process',
    );
  });

  it('without a credentials file: preflight names the fix and a request fails as auth', async () => {
    const { slot, deps, client, qwen } = setup();
    assert.match(
      String(await qwenOAuthModule.preflight!(slot, deps)),
      /Not signed in to Qwen.*oauth_creds\.json.*skynet login qwen.*Sign in from the Skynet view/,
    );
    const error = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'not-signed-in');
    assert.equal(qwen.chatRequests, 0);
  });

  it('preflight passes once signed in, and reports a corrupt file', async () => {
    const { slot, deps, write, file } = setup();
    await write();
    assert.equal(await qwenOAuthModule.preflight!(slot, deps), undefined);
    fs.writeFileSync(file, '{broken');
    assert.match(String(await qwenOAuthModule.preflight!(slot, deps)), /not valid JSON/);
  });

  it('a credentials file broken after start-up fails the request as a typed auth error', async () => {
    const { file, write, client } = setup();
    await write();
    fs.writeFileSync(file, '{broken');
    const error = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'credentials-unreadable');
    assert.match(error.message, /not valid JSON.*skynet login qwen/);
  });
});
