import * as assert from 'node:assert/strict';
import { CopilotAccountCache, type CopilotAccountState } from '../../../../src/auth/copilot/copilotAccountCache';
import { fetchGithubAccount, lookupCopilotAccount } from '../../../../src/auth/copilot/githubAccount';
import { ProviderError } from '../../../../src/util/errors';
import { GITHUB_TOKEN, fakeCopilot } from '../../../fakes/fakeCopilot';
import { fakeGithubUser } from '../../../fakes/fakeGithub';
import { providerErrorOf, replyJson, testHttp, useFakeServer } from '../../../fakes/signinHarness';

describe('GitHub account of a Copilot sign-in (GET /user against a fake GitHub)', function () {
  const http = testHttp();
  const fake = useFakeServer();
  after(async () => http.close());
  const options = () => ({ provider: 'copilot', http, githubApiUrl: fake.server.url, now: Date.now });

  it('answers the login and name, sending the token only as `Authorization: token …` to the GitHub API URL', async () => {
    fakeGithubUser(fake.server, GITHUB_TOKEN, { login: 'octocat', name: 'The Octocat' });
    assert.deepEqual(await fetchGithubAccount(options(), GITHUB_TOKEN), { login: 'octocat', name: 'The Octocat' });
    const [request] = fake.server.requests;
    assert.equal(request.method, 'GET');
    assert.equal(request.url, '/user');
    assert.equal(request.headers.authorization, `token ${GITHUB_TOKEN}`);
    assert.ok(request.headers['user-agent'], 'GitHub refuses API requests without a User-Agent');
    assert.ok(!request.url.includes(GITHUB_TOKEN));
  });

  it('uses a GitHub Enterprise API URL with its path (…/api/v3/user)', async () => {
    fakeGithubUser(fake.server, GITHUB_TOKEN, { login: 'mona' }, '/api/v3');
    assert.deepEqual(
      await fetchGithubAccount({ ...options(), githubApiUrl: `${fake.server.url}/api/v3/` }, GITHUB_TOKEN),
      { login: 'mona' },
    );
    assert.equal(fake.server.requests[0].url, '/api/v3/user');
  });

  it('a 401 is an auth error (github-token-rejected) that never names the token', async () => {
    fakeGithubUser(fake.server, 'gho_another_token', { login: 'octocat' });
    const error = await providerErrorOf(fetchGithubAccount(options(), GITHUB_TOKEN));
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.equal(error.code, 'github-token-rejected');
    assert.ok(!error.message.includes(GITHUB_TOKEN));
  });

  it('other refusals are typed by status, and a server echoing the token does not get it into the message', async () => {
    fake.server.route('GET', '/user', (request, response) =>
      replyJson(response, 503, { message: `upstream refused ${request.headers.authorization}` }),
    );
    const error = await providerErrorOf(fetchGithubAccount(options(), GITHUB_TOKEN));
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 503);
    assert.ok(!error.message.includes(GITHUB_TOKEN), error.message);
    assert.match(error.message, /‹redacted›/);
  });

  it('a reply without a login is an invalid response; an unreachable GitHub is a network error', async () => {
    fake.server.route('GET', '/user', (_request, response) => replyJson(response, 200, { id: 1 }));
    assert.equal((await providerErrorOf(fetchGithubAccount(options(), GITHUB_TOKEN))).kind, 'invalid-response');
    const url = fake.server.url;
    await fake.server.close();
    const offline = await providerErrorOf(fetchGithubAccount({ ...options(), githubApiUrl: url }, GITHUB_TOKEN));
    assert.equal(offline.kind, 'network');
    assert.ok(!offline.message.includes(GITHUB_TOKEN));
    fake.server = await (await import('../../../fakes/fakeServer')).startFakeServer();
  });

  it('adds the Copilot plan (`sku`) from the token exchange, or why Copilot refused, without failing the lookup', async () => {
    fakeGithubUser(fake.server, GITHUB_TOKEN, { login: 'octocat' });
    const state = fakeCopilot(fake.server, Date.now);
    const withSku = (response: import('node:http').ServerResponse) =>
      replyJson(response, 200, {
        token: 'tid=1',
        expires_at: Math.floor(Date.now() / 1000) + 1800,
        sku: 'copilot_for_individuals_pro',
      });
    state.exchangeReply = withSku;
    assert.deepEqual(await lookupCopilotAccount(options(), GITHUB_TOKEN), {
      login: 'octocat',
      plan: 'copilot_for_individuals_pro',
    });
    state.exchangeReply = (response) => replyJson(response, 404, { message: 'Not Found' });
    const refused = await lookupCopilotAccount(options(), GITHUB_TOKEN);
    assert.equal(refused.login, 'octocat');
    assert.match(refused.copilotProblem ?? '', /no Copilot subscription/);
    state.exchangeReply = (response) => replyJson(response, 500, { message: 'boom' });
    assert.deepEqual(await lookupCopilotAccount(options(), GITHUB_TOKEN), { login: 'octocat' });
  });

  it('a revoked token makes the whole lookup an auth error', async () => {
    fakeGithubUser(fake.server, 'gho_other', { login: 'octocat' });
    fakeCopilot(fake.server, Date.now);
    const error = await providerErrorOf(lookupCopilotAccount(options(), GITHUB_TOKEN));
    assert.equal(error.code, 'github-token-rejected');
  });
});

describe('CopilotAccountCache', () => {
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('answers "looking-up" at once, one lookup per token, then the account', async () => {
    const calls: string[] = [];
    const settled: string[] = [];
    const cache = new CopilotAccountCache({
      now: Date.now,
      onSettled: (slot) => settled.push(slot),
      lookup: async (_slot, token) => (calls.push(token), { login: `user-of-${token}` }),
    });
    assert.deepEqual(cache.state('copilot', 'gho_a'), { status: 'looking-up' });
    assert.deepEqual(cache.state('copilot', 'gho_a'), { status: 'looking-up' });
    await settle();
    assert.deepEqual(cache.state('copilot', 'gho_a'), { status: 'known', account: { login: 'user-of-gho_a' } });
    assert.deepEqual(settled, ['copilot']);
    // A new sign-in (another token) is looked up again.
    cache.state('copilot', 'gho_b');
    await settle();
    assert.deepEqual(calls, ['gho_a', 'gho_b']);
    cache.dispose();
  });

  it('a 401 is "expired"; other failures are "unknown" and retried later; forget() looks up again', async () => {
    let time = 0;
    let answer: () => Promise<{ login: string }> = () =>
      Promise.reject(new ProviderError({ kind: 'auth', status: 401, slot: 'copilot', message: 'revoked' }));
    let calls = 0;
    const cache = new CopilotAccountCache({
      now: () => time,
      onSettled: () => undefined,
      retryAfterMs: 1000,
      lookup: () => (calls++, answer()),
    });
    cache.state('copilot', 'gho_a');
    await settle();
    assert.deepEqual(cache.state('copilot', 'gho_a'), { status: 'expired', message: 'revoked' });
    answer = () => Promise.reject(new ProviderError({ kind: 'network', slot: 'copilot', message: 'ECONNREFUSED' }));
    cache.forget('copilot');
    cache.state('copilot', 'gho_a');
    await settle();
    const unknown: CopilotAccountState = cache.state('copilot', 'gho_a');
    assert.deepEqual(unknown, { status: 'unknown', reason: 'ECONNREFUSED' });
    assert.equal(calls, 2);
    time += 1000;
    answer = async () => ({ login: 'octocat' });
    assert.deepEqual(cache.state('copilot', 'gho_a'), { status: 'looking-up' });
    await settle();
    assert.equal(cache.state('copilot', 'gho_a').status, 'known');
    cache.dispose();
  });

  it('dispose() aborts a lookup in flight and nothing settles after it', async () => {
    let aborted = false;
    let settled = 0;
    const cache = new CopilotAccountCache({
      now: Date.now,
      onSettled: () => settled++,
      lookup: (_slot, _token, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => ((aborted = true), reject(signal.reason))),
        ),
    });
    cache.state('copilot', 'gho_a');
    cache.dispose();
    await settle();
    assert.equal(aborted, true);
    assert.equal(settled, 0);
  });
});
