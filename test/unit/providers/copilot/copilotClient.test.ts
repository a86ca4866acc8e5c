import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoryCredentialStore, secretKeys } from '../../../../src/auth/credentialStore';
import { collectChat } from '../../../../src/providers/collect';
import { copilotModule } from '../../../../src/providers/copilot/module';
import type { ChatRequest } from '../../../../src/providers/types';
import { openaiChatPayloads } from '../../../support/wire/openaiChat';
import { TEXT_ANSWER } from '../../../support/wire/samples';
import { eventually } from '../../../fakes/fakeServer';
import { writeInPieces } from '../../../fakes/wire';
import { fakeCopilot, GITHUB_TOKEN } from '../../../fakes/fakeCopilot';
import {
  collectEvents,
  copilotSlot,
  fakeTime,
  providerErrorOf,
  replyJson,
  tempDir,
  testDeps,
  testHttp,
  textOfChunks,
  useFakeServer,
} from '../../../fakes/signinHarness';

const request: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Write a haiku.' }] }] };

describe('Copilot client against fake GitHub and Copilot servers', function () {
  const http = testHttp();
  const fake = useFakeServer();
  after(async () => http.close());

  /** A signed-in slot (token file written as `skynet login copilot` does) and its fakes. */
  function setup(
    options: Parameters<typeof fakeCopilot>[2] & { tokenFile?: string | null; store?: Record<string, string> } = {},
  ) {
    const { server } = fake;
    const time = fakeTime();
    const { tokenFile, store, ...fakeOptions } = options;
    const state = fakeCopilot(server, time.now, fakeOptions);
    const file = path.join(tempDir(), 'copilot-token');
    if (tokenFile !== null) fs.writeFileSync(file, tokenFile ?? `${GITHUB_TOKEN}\n`);
    const slot = copilotSlot({ githubApiUrl: `${server.url}${fakeOptions.apiPrefix ?? ''}` }, file);
    const deps = testDeps(http, { now: time.now, credentials: new MemoryCredentialStore(store) });
    const exchangeRequests = () => server.requests.filter((r) => r.url.endsWith('/copilot_internal/v2/token'));
    return { server, state, time, slot, deps, exchangeRequests, client: () => copilotModule.create(slot, deps) };
  }

  it('exchanges the GitHub token, then streams the long reply from endpoints.api with the Copilot headers', async () => {
    const { state, exchangeRequests, client } = setup({ recorded: true });
    const result = await collectChat(client().streamChat(request));
    assert.equal(result.text, textOfChunks(openaiChatPayloads(TEXT_ANSWER)));
    assert.equal(result.finishReason, 'stop');
    assert.equal(result.usage.outputTokens, 48);

    const [exchange] = exchangeRequests();
    assert.equal(exchange.method, 'GET');
    assert.equal(exchange.headers.authorization, `token ${GITHUB_TOKEN}`);
    assert.equal(exchange.headers.accept, 'application/json');
    assert.match(String(exchange.headers['editor-version']), /^vscode\//);

    const [chat] = state.chatRequests;
    assert.equal(chat.headers.authorization, 'Bearer tid=copilot-1;exp=1');
    assert.equal(chat.headers['copilot-integration-id'], 'vscode-chat');
    assert.match(String(chat.headers['editor-version']), /^vscode\/\d/);
    // What known clients send (litellm github_copilot common_utils.py), so Copilot sees a client it knows.
    assert.equal(chat.headers['editor-plugin-version'], 'copilot-chat/0.26.7');
    assert.equal(chat.headers['user-agent'], 'GitHubCopilotChat/0.26.7');
    assert.equal(chat.headers['x-initiator'], 'user', 'a question the user typed');
    assert.equal(chat.headers['openai-intent'], 'conversation-panel');
    assert.equal(chat.headers['x-github-api-version'], '2025-04-01');
    assert.ok(chat.headers['user-agent']);
    assert.equal(chat.headers['copilot-vision-request'], undefined, 'no vision header without images');
    assert.equal(chat.json.model, 'gpt-4.1');
    assert.equal(chat.json.stream, true);
  });

  it('a tool follow-up (the last message hands back tool results) carries X-Initiator: agent, so it is not billed as a premium request', async () => {
    const { state, client } = setup();
    const followUp: ChatRequest = {
      messages: [
        ...request.messages,
        {
          role: 'assistant',
          content: [{ type: 'tool-call', id: 'call_1', name: 'read', arguments: { path: 'a.ts' } }],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', content: 'export {}' }] },
      ],
    };
    await collectEvents(client().streamChat(followUp));
    await collectEvents(
      client().streamChat({
        messages: [...followUp.messages, { role: 'user', content: [{ type: 'text', text: 'thanks, now b.ts' }] }],
      }),
    );
    assert.deepEqual(
      state.chatRequests.map((chat) => chat.headers['x-initiator']),
      ['agent', 'user'],
    );
  });

  it('sends copilot-vision-request when a message carries an image', async () => {
    const { state, client } = setup();
    const withImage: ChatRequest = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
          ],
        },
      ],
    };
    await collectEvents(client().streamChat(withImage));
    assert.equal(state.chatRequests[0].headers['copilot-vision-request'], 'true');
  });

  it('caches the Copilot token until refresh_in, then exchanges again', async () => {
    const { time, exchangeRequests, client } = setup();
    const shared = client();
    await collectEvents(shared.streamChat(request));
    time.advance(1499_000);
    await collectEvents(shared.streamChat(request));
    assert.equal(exchangeRequests().length, 1);
    time.advance(2_000);
    await collectEvents(shared.streamChat(request));
    assert.equal(exchangeRequests().length, 2);
  });

  it('a sign-out or a new sign-in takes effect at the next request, cached Copilot token or not', async () => {
    const { server, slot, exchangeRequests, client } = setup();
    const shared = client();
    await collectEvents(shared.streamChat(request));
    fs.writeFileSync(slot.tokenPath!, 'gho_OTHERACCOUNTTOKEN000000\n');
    server.route('GET', '/copilot_internal/v2/token', (_request, response) =>
      replyJson(response, 401, { message: 'Bad credentials' }),
    );
    assert.equal((await providerErrorOf(collectEvents(shared.streamChat(request)))).code, 'github-token-rejected');
    assert.equal(exchangeRequests().at(-1)!.headers.authorization, 'token gho_OTHERACCOUNTTOKEN000000');
    fs.rmSync(slot.tokenPath!);
    assert.equal((await providerErrorOf(collectEvents(shared.streamChat(request)))).code, 'not-signed-in');
  });

  it('without refresh_in, refreshes five minutes before expires_at', async () => {
    const { time, exchangeRequests, client } = setup({ refreshIn: undefined });
    const shared = client();
    await collectEvents(shared.streamChat(request));
    time.advance((1800 - 301) * 1000);
    await collectEvents(shared.streamChat(request));
    assert.equal(exchangeRequests().length, 1);
    time.advance(2_000);
    await collectEvents(shared.streamChat(request));
    assert.equal(exchangeRequests().length, 2);
  });

  it('20 concurrent requests share one exchange, at first use and after expiry', async () => {
    const { state, time, exchangeRequests, client } = setup();
    const shared = client();
    const run = () => Promise.all(Array.from({ length: 20 }, () => collectChat(shared.streamChat(request))));
    for (const result of await run()) assert.equal(result.finishReason, 'stop');
    assert.equal(exchangeRequests().length, 1);
    time.advance(1800_000);
    for (const result of await run()) assert.equal(result.finishReason, 'stop');
    assert.equal(exchangeRequests().length, 2, 'exactly one more exchange');
    assert.equal(state.chatRequests.length, 40);
  });

  it('a 401 from the chat endpoint drops the token, exchanges again and retries once', async () => {
    const { state, exchangeRequests, client } = setup({ forced401: 1 });
    const result = await collectChat(client().streamChat(request));
    assert.equal(result.finishReason, 'stop');
    assert.equal(exchangeRequests().length, 2);
    assert.deepEqual(
      state.chatRequests.map((r) => r.headers.authorization),
      ['Bearer tid=copilot-1;exp=1', 'Bearer tid=copilot-2;exp=1'],
    );
  });

  it('a second 401 surfaces as an auth error, not a loop', async () => {
    const { state, exchangeRequests, client } = setup({ forced401: 10 });
    const error = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.equal(state.chatRequests.length, 2);
    assert.equal(exchangeRequests().length, 2);
    assert.ok(!error.message.includes('tid=copilot'), 'no token in the message');
  });

  it('an account without Copilot gets a clear auth error with GitHub’s reason', async () => {
    const { client } = setup({
      exchangeReply: (response) =>
        replyJson(response, 403, {
          error_details: {
            url: 'https://github.com/github-copilot/signup',
            message: 'No access to GitHub Copilot found. You are currently logged in as octocat.',
            title: 'Signup for GitHub Copilot',
            notification_id: 'no_copilot_access',
          },
          message: 'Resource not accessible by integration',
        }),
    });
    const error = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'no-copilot-subscription');
    assert.equal(error.status, 403);
    assert.match(
      error.message,
      /This GitHub account has no Copilot subscription.*No access to GitHub Copilot found\. You are currently logged in as octocat\./,
    );
  });

  it('a 404 from the exchange (no Copilot on this host) is the same clear error', async () => {
    const { client } = setup({
      exchangeReply: (response) =>
        replyJson(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }),
    });
    const error = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(error.code, 'no-copilot-subscription');
    assert.match(error.message, /no Copilot subscription.*Not Found/);
  });

  it('a revoked GitHub token says to sign in again', async () => {
    const { client } = setup({ tokenFile: 'gho_REVOKEDTOKEN000000000000\n' });
    const error = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'github-token-rejected');
    assert.match(error.message, /skynet login copilot/);
  });

  it('an exchange failure never carries the GitHub token, even when the server echoes it', async () => {
    const { client } = setup({
      exchangeReply: (response) => replyJson(response, 500, { message: `internal error for token ${GITHUB_TOKEN}` }),
    });
    const error = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(error.kind, 'server');
    assert.ok(!error.message.includes(GITHUB_TOKEN), error.message);
    assert.match(error.message, /internal error for token/);
  });

  it('uses a GitHub Enterprise API URL for the exchange', async () => {
    const { exchangeRequests, client } = setup({ apiPrefix: '/api/v3' });
    assert.equal((await collectChat(client().streamChat(request))).finishReason, 'stop');
    assert.deepEqual(
      exchangeRequests().map((r) => r.url),
      ['/api/v3/copilot_internal/v2/token'],
    );
  });

  it('reads the GitHub token from the credential store first (the VS Code sign-in)', async () => {
    const { slot, deps, client, exchangeRequests } = setup({
      tokenFile: null,
      store: { [secretKeys.githubToken('copilot')]: GITHUB_TOKEN },
    });
    assert.equal(await copilotModule.preflight!(slot, deps), undefined);
    assert.equal((await collectChat(client().streamChat(request))).finishReason, 'stop');
    assert.equal(exchangeRequests()[0].headers.authorization, `token ${GITHUB_TOKEN}`);
  });

  it('reads a token_path file holding JSON with oauth_token', async () => {
    const { client } = setup({ tokenFile: JSON.stringify({ oauth_token: GITHUB_TOKEN }) });
    assert.equal((await collectChat(client().streamChat(request))).finishReason, 'stop');
  });

  it('not signed in: preflight names the fix and a request fails as auth without calling GitHub', async () => {
    const { slot, deps, client, exchangeRequests } = setup({ tokenFile: null });
    assert.match(
      String(await copilotModule.preflight!(slot, deps)),
      /Not signed in to GitHub Copilot.*skynet login copilot.*Sign in from the Skynet view/,
    );
    const error = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'not-signed-in');
    assert.equal(exchangeRequests().length, 0);
  });

  it('an unreadable token path fails the request as a typed auth error', async () => {
    const { slot, client } = setup({ tokenFile: null });
    fs.mkdirSync(slot.tokenPath!);
    const error = await providerErrorOf(collectEvents(client().streamChat(request)));
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'token-unreadable');
  });

  it('lists models from endpoints.api/models', async () => {
    const { client } = setup();
    const models = await client().listModels();
    assert.deepEqual(
      models.map((model) => model.id),
      ['gpt-4.1', 'claude-sonnet-4'],
    );
  });

  it('cancelling mid-stream closes the connection to the Copilot server', async () => {
    let closed = false;
    const { client } = setup({
      chatReply: async (response) => {
        response.on('close', () => (closed = true));
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        await writeInPieces(response, Buffer.from('data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\n'), {
          stallAfterBytes: 10_000,
        });
      },
    });
    const controller = new AbortController();
    const iterator = client().streamChat(request, { signal: controller.signal })[Symbol.asyncIterator]();
    assert.deepEqual((await iterator.next()).value, { type: 'text-delta', text: 'Hel' });
    const next = iterator.next();
    controller.abort();
    const error = await providerErrorOf(next);
    assert.equal(error.kind, 'cancelled');
    await eventually(() => closed, 2000, 'the server to see the stream closed');
  });
});
