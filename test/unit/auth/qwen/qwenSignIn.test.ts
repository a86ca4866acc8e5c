import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeviceCodePrompt } from '../../../../src/auth/deviceFlow';
import { createPkcePair, pkceChallenge } from '../../../../src/auth/pkce';
import {
  formatQwenCredentials,
  parseQwenCredentials,
  readQwenCredentials,
  writeQwenCredentials,
} from '../../../../src/auth/qwen/qwenCredentials';
import { signInToQwen } from '../../../../src/auth/qwen/qwenSignIn';
import { fakeQwen } from '../../../fakes/fakeQwen';
import {
  fakeTime,
  formOf,
  providerErrorOf,
  qwenSlot,
  replyJson,
  tempDir,
  testHttp,
  useFakeServer,
} from '../../../fakes/signinHarness';

describe('Qwen OAuth sign-in: device flow + PKCE against a fake chat.qwen.ai', function () {
  const http = testHttp();
  const fake = useFakeServer();
  after(async () => http.close());

  it('PKCE: the challenge is BASE64URL(SHA256(verifier)) (RFC 7636 appendix B vector)', () => {
    const octets = [
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240,
      91, 88, 5, 88, 83, 132, 141, 121,
    ];
    assert.deepEqual(
      createPkcePair(() => Uint8Array.from(octets)),
      {
        verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
        challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        method: 'S256',
      },
    );
    const pair = createPkcePair();
    assert.equal(pair.verifier.length, 43);
    assert.notEqual(createPkcePair().verifier, pair.verifier);
  });

  it('signs in: form-encoded requests, the verifier checked by the fake.server, slow_down backs off', async () => {
    const state = fakeQwen(fake.server, { polls: ['pending', 'slow_down', 'pending'] });
    const time = fakeTime();
    const prompts: DeviceCodePrompt[] = [];
    const credentials = await signInToQwen({
      slot: qwenSlot(fake.server.url, '/unused'),
      http,
      onPrompt: (prompt) => void prompts.push(prompt),
      sleep: time.sleep,
      now: time.now,
    });
    assert.deepEqual(credentials, {
      accessToken: 'qwen-access-1',
      refreshToken: 'qwen-refresh-1',
      tokenType: 'Bearer',
      expiresAt: time.now() + 3600_000,
      resourceUrl: fake.server.url,
    });
    assert.equal(prompts[0].userCode, 'QW-EN42');
    assert.equal(
      prompts[0].verificationUriComplete,
      'https://chat.qwen.ai/authorize?user_code=QW-EN42&client=qwen-code',
    );
    // No interval in Qwen's reply: the RFC default of 5 s, +5 s after slow_down.
    assert.deepEqual(time.sleeps, [5000, 5000, 10_000, 10_000]);

    const [start, ...polls] = fake.server.requests;
    assert.match(String(start.headers['content-type']), /^application\/x-www-form-urlencoded/);
    const startForm = formOf(start.body);
    assert.equal(startForm.scope, 'openid profile email model.completion');
    assert.equal(startForm.code_challenge, state.challenge);
    assert.equal(polls.length, 4);
    const verifier = formOf(polls[0].body).code_verifier;
    assert.equal(pkceChallenge(verifier), startForm.code_challenge);
    assert.ok(!start.body.includes(verifier), 'the verifier is never sent with the device-code request');
  });

  it('fails when the verifier does not match the challenge (the fake really checks PKCE)', async () => {
    fakeQwen(fake.server);
    const good = createPkcePair();
    const error = await providerErrorOf(
      signInToQwen({
        slot: qwenSlot(fake.server.url, '/unused'),
        http,
        onPrompt: () => undefined,
        sleep: fakeTime().sleep,
        pkce: { ...good, challenge: pkceChallenge('another-verifier') },
      }),
    );
    assert.equal(error.code, 'invalid_grant');
    assert.match(error.message, /code_verifier does not match/);
  });

  it('access_denied and expired_token stop the sign-in with their own message', async () => {
    fakeQwen(fake.server, { polls: ['pending', 'access_denied'] });
    const denied = await providerErrorOf(
      signInToQwen({
        slot: qwenSlot(fake.server.url, '/unused'),
        http,
        onPrompt: () => undefined,
        sleep: fakeTime().sleep,
      }),
    );
    assert.equal(denied.code, 'access_denied');
    assert.match(denied.message, /denied/);
    assert.doesNotMatch(denied.message, /discontinued/);
    fakeQwen(fake.server, { polls: ['expired_token'] });
    const expired = await providerErrorOf(
      signInToQwen({
        slot: qwenSlot(fake.server.url, '/unused'),
        http,
        onPrompt: () => undefined,
        sleep: fakeTime().sleep,
      }),
    );
    assert.equal(expired.code, 'expired_token');
  });

  it("surfaces the service's refusal of new sign-ins as a clear auth error", async () => {
    fake.server.route('POST', '/api/v1/oauth2/device/code', (_request, response) =>
      replyJson(response, 403, {
        error: 'unauthorized_client',
        error_description: 'Qwen OAuth free tier has been discontinued',
      }),
    );
    const error = await providerErrorOf(
      signInToQwen({
        slot: qwenSlot(fake.server.url, '/unused'),
        http,
        onPrompt: () => undefined,
        sleep: fakeTime().sleep,
      }),
    );
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 403);
    assert.match(error.message, /free tier has been discontinued/);
    assert.match(error.message, /discontinued on 2026-04-15.*API-key slot/);
  });

  it('a busy service (429, 5xx) is not reported as the end of the free tier', async () => {
    fake.server.route('POST', '/api/v1/oauth2/device/code', (_request, response) =>
      replyJson(response, 503, { message: 'try later' }),
    );
    const error = await providerErrorOf(
      signInToQwen({
        slot: qwenSlot(fake.server.url, '/unused'),
        http,
        onPrompt: () => undefined,
        sleep: fakeTime().sleep,
      }),
    );
    assert.equal(error.kind, 'server');
    assert.doesNotMatch(error.message, /2026-04-15/);
  });

  it('a refusal without a JSON body (HTML error page) is still a clear error', async () => {
    fake.server.route('POST', '/api/v1/oauth2/device/code', (_request, response) => {
      response.writeHead(403, { 'content-type': 'text/html' });
      response.end('<html>Forbidden</html>');
    });
    const error = await providerErrorOf(
      signInToQwen({
        slot: qwenSlot(fake.server.url, '/unused'),
        http,
        onPrompt: () => undefined,
        sleep: fakeTime().sleep,
      }),
    );
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /refused to start a sign-in \(HTTP 403\).*2026-04-15/);
  });
});

describe('Qwen credentials file', function () {
  it('is written 0600, atomically (no temp file left, an existing 0644 file replaced), in a format qwen-code reads', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'nested', 'oauth_creds.json');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, '{"access_token":"an-older-sign-in"}', { mode: 0o644 }); // a sign-in's file: the only kind replaced
    const inodeBefore = fs.statSync(file).ino;
    await writeQwenCredentials(file, {
      accessToken: 'a-token',
      refreshToken: 'r-token',
      tokenType: 'Bearer',
      expiresAt: 1_800_000_000_000,
      resourceUrl: 'portal.qwen.ai',
    });
    const stat = fs.statSync(file);
    assert.equal(stat.mode & 0o777, 0o600);
    assert.notEqual(stat.ino, inodeBefore, 'replaced by rename, not rewritten in place');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['oauth_creds.json']);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(json, {
      access_token: 'a-token',
      refresh_token: 'r-token',
      token_type: 'Bearer',
      resource_url: 'portal.qwen.ai',
      expiry_date: 1_800_000_000_000,
      expires_at: 1_800_000_000_000,
    });
    assert.deepEqual(await readQwenCredentials(file), {
      accessToken: 'a-token',
      refreshToken: 'r-token',
      tokenType: 'Bearer',
      expiresAt: 1_800_000_000_000,
      resourceUrl: 'portal.qwen.ai',
    });
  });

  it("reads qwen-code's own file (expiry_date) and says what is wrong with a broken one", () => {
    const qwenCode =
      '{"access_token":"x","refresh_token":"y","token_type":"Bearer","resource_url":"portal.qwen.ai","expiry_date":1760000000000}';
    assert.equal(parseQwenCredentials(qwenCode, 'f').expiresAt, 1_760_000_000_000);
    assert.throws(
      () => parseQwenCredentials('{not json', '/x/oauth_creds.json'),
      /oauth_creds\.json is not valid JSON.*skynet login qwen/,
    );
    assert.throws(() => parseQwenCredentials('{"refresh_token":"y"}', 'f'), /holds no access_token/);
    assert.match(formatQwenCredentials({ accessToken: 'z' }), /"token_type": "Bearer"/);
  });

  it('a missing file reads as not signed in', async () => {
    assert.equal(await readQwenCredentials(path.join(tempDir(), 'absent.json')), undefined);
  });
});
