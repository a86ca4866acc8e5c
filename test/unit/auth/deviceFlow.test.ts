import * as assert from 'node:assert/strict';
import { defaultSleep, runDeviceFlow, type DeviceCodePrompt } from '../../../src/auth/deviceFlow';
import { signInToCopilot } from '../../../src/auth/copilot/copilotSignIn';
import { eventually } from '../../fakes/fakeServer';
import { fakeGithub, granted as grantedWith, pending } from '../../fakes/fakeGithub';
import { copilotSlot, fakeTime, providerErrorOf, replyJson, testHttp, useFakeServer } from '../../fakes/signinHarness';

const granted = grantedWith('gho_GRANTEDTOKEN0123456789');

describe('device flow (RFC 8628) against a fake GitHub', function () {
  const http = testHttp();
  const fake = useFakeServer();
  after(async () => http.close());

  function signIn(time: ReturnType<typeof fakeTime>, prompts: DeviceCodePrompt[] = [], signal?: AbortSignal) {
    return signInToCopilot({
      slot: copilotSlot({ githubUrl: fake.server.url, githubApiUrl: fake.server.url }),
      http,
      onPrompt: (prompt) => void prompts.push(prompt),
      sleep: time.sleep,
      now: time.now,
      signal,
    });
  }

  it('shows the code, polls at the interval through pending and slow_down (+5 s), and returns the token', async () => {
    fakeGithub(fake.server, [
      pending,
      { body: { error: 'slow_down', error_description: 'Too many requests' } },
      pending,
      granted,
    ]);
    const time = fakeTime();
    const prompts: DeviceCodePrompt[] = [];
    const token = await signIn(time, prompts);
    assert.equal(token, 'gho_GRANTEDTOKEN0123456789');
    assert.deepEqual(prompts, [
      {
        userCode: 'WDJB-MJHT',
        verificationUri: 'https://github.com/login/device',
        verificationUriComplete: undefined,
        expiresInSeconds: 900,
        intervalSeconds: 5,
      },
    ]);
    assert.deepEqual(time.sleeps, [5000, 5000, 10_000, 10_000]);

    const [start, ...polls] = fake.server.requests;
    assert.equal(start.url, '/login/device/code');
    assert.equal(start.headers.accept, 'application/json');
    assert.match(String(start.headers['content-type']), /^application\/json/);
    assert.deepEqual(start.json, { client_id: 'Iv1.b507a08c87ecfe98', scope: 'read:user' });
    assert.equal(polls.length, 4);
    for (const poll of polls) {
      assert.equal(poll.url, '/login/oauth/access_token');
      assert.equal(poll.headers.accept, 'application/json');
      assert.deepEqual(poll.json, {
        client_id: 'Iv1.b507a08c87ecfe98',
        device_code: 'dev-code-123',
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      });
    }
  });

  it('takes the interval the server names with slow_down when it is longer than +5 s', async () => {
    fakeGithub(fake.server, [{ body: { error: 'slow_down', interval: 20 } }, granted], { interval: 3 });
    const time = fakeTime();
    await signIn(time);
    assert.deepEqual(time.sleeps, [3000, 20_000]);
  });

  it('treats a bare 429 on a poll as slow_down', async () => {
    fakeGithub(fake.server, [{ status: 429, body: '' }, granted]);
    const time = fakeTime();
    await signIn(time);
    assert.deepEqual(time.sleeps, [5000, 10_000]);
  });

  it('passes verification_uri_complete on when the server gives one', async () => {
    fakeGithub(fake.server, [granted], {
      verification_uri_complete: 'https://github.com/login/device?user_code=WDJB-MJHT',
    });
    const prompts: DeviceCodePrompt[] = [];
    await signIn(fakeTime(), prompts);
    assert.equal(prompts[0].verificationUriComplete, 'https://github.com/login/device?user_code=WDJB-MJHT');
  });

  const refusals: Array<[string, RegExp]> = [
    ['expired_token', /expired/],
    ['access_denied', /denied/],
    ['unsupported_grant_type', /does not accept the device-code grant/],
    ['incorrect_client_credentials', /client id/],
    ['incorrect_device_code', /rejected the device code/],
    ['device_flow_disabled', /disabled/],
  ];
  for (const [code, message] of refusals) {
    it(`stops with a typed auth error on ${code}`, async () => {
      fakeGithub(fake.server, [pending, { body: { error: code, error_description: `server says ${code}` } }]);
      const time = fakeTime();
      const error = await providerErrorOf(signIn(time));
      assert.equal(error.kind, 'auth');
      assert.equal(error.code, code);
      assert.match(error.message, message);
      assert.equal(fake.server.requests.length, 3, 'no poll after the refusal');
    });
  }

  it('gives up with expired_token once the code lifetime has passed, without polling past it', async () => {
    fakeGithub(fake.server, [pending], { expires_in: 12, interval: 5 });
    const time = fakeTime();
    const error = await providerErrorOf(signIn(time));
    assert.equal(error.code, 'expired_token');
    assert.deepEqual(time.sleeps, [5000, 5000, 5000]);
    assert.equal(fake.server.requests.length - 1, 2, 'two polls inside the 12 s lifetime');
  });

  it('reports a refused device-code request with the server message', async () => {
    fake.server.route('POST', '/login/device/code', (_request, response) =>
      replyJson(response, 404, { message: 'Not Found' }),
    );
    const error = await providerErrorOf(signIn(fakeTime()));
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 404);
    assert.match(error.message, /refused to start a sign-in \(HTTP 404\): Not Found/);
  });

  it('reports device_flow_disabled sent with 200 on the device-code request', async () => {
    fake.server.route('POST', '/login/device/code', (_request, response) =>
      replyJson(response, 200, {
        error: 'device_flow_disabled',
        error_description: 'Device Flow must be explicitly enabled for this App',
      }),
    );
    const error = await providerErrorOf(signIn(fakeTime()));
    assert.equal(error.code, 'device_flow_disabled');
    assert.match(error.message, /Device Flow must be explicitly enabled/);
  });

  it('keeps polling through a transient 5xx', async () => {
    fakeGithub(fake.server, [{ status: 503, body: { message: 'unavailable' } }, granted]);
    const time = fakeTime();
    assert.equal(await signIn(time), 'gho_GRANTEDTOKEN0123456789');
    assert.deepEqual(time.sleeps, [5000, 5000]);
  });

  it('keeps polling through a connection reset, but not forever', async () => {
    // The first poll goes out on the kept-alive connection of the device-code request: its reset is sent again once
    // on a new connection (the stale keep-alive remedy); the second reset is the poll's network failure.
    fakeGithub(fake.server, ['reset', 'reset', granted]);
    const time = fakeTime();
    assert.equal(await signIn(time), 'gho_GRANTEDTOKEN0123456789');
    assert.deepEqual(time.sleeps, [5000, 5000]);
    fake.server.requests.length = 0;
    fakeGithub(fake.server, ['reset']);
    const error = await providerErrorOf(signIn(fakeTime()));
    assert.equal(error.kind, 'network');
    assert.equal(
      fake.server.requests.length,
      5,
      'the device-code request, three polls, and the first poll sent again on a new connection',
    );
  });

  it('the default sleep waits, and rejects at once when cancelled', async () => {
    await defaultSleep(1);
    const controller = new AbortController();
    const pending = defaultSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(pending, /stop/);
  });

  it('is cancelled while it sleeps: no further poll', async () => {
    fakeGithub(fake.server, [pending]);
    const controller = new AbortController();
    const sleeps: number[] = [];
    const promise = runDeviceFlow({
      provider: 'copilot',
      http,
      codeUrl: `${fake.server.url}/login/device/code`,
      tokenUrl: `${fake.server.url}/login/oauth/access_token`,
      codeParams: { client_id: 'x' },
      tokenParams: (deviceCode) => ({ device_code: deviceCode }),
      bodyEncoding: 'json',
      onPrompt: () => undefined,
      signal: controller.signal,
      // A real wait on the signal: the test aborts it during the first sleep.
      sleep: (ms, signal) => {
        sleeps.push(ms);
        return new Promise((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
        );
      },
    });
    await eventually(() => sleeps.length === 1, 2000, 'the first sleep');
    controller.abort();
    const error = await providerErrorOf(promise);
    assert.equal(error.kind, 'cancelled');
    assert.equal(fake.server.requests.length, 1, 'only the device-code request');
  });

  it('is cancelled during a poll: the server sees the poll aborted', async () => {
    const seen = fakeGithub(fake.server, ['hang']);
    const controller = new AbortController();
    const promise = signIn(fakeTime(), [], controller.signal);
    await eventually(() => fake.server.requests.length === 2, 2000, 'the first poll');
    controller.abort();
    const error = await providerErrorOf(promise);
    assert.equal(error.kind, 'cancelled');
    await eventually(() => seen.abortedPolls === 1, 2000, 'the server to see the poll aborted');
  });
});
