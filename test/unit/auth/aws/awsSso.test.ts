import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { getSSOTokenFilepath } from '@smithy/core/config';
import { describeAwsAuthProblem } from '../../../../src/auth/aws/awsCredentials';
import { awsServiceEndpoint } from '../../../../src/auth/aws/awsCredentialCache';
import { ssoTokenFile } from '../../../../src/auth/aws/awsSso';
import { ProviderError } from '../../../../src/util/errors';
import { startFakeServer, type FakeServer } from '../../../fakes/fakeServer';
import { fastHttpClient } from '../../../fakes/providerHarness';
import { awsHome, chainResolver, testClock } from './awsProfileHome';

const START_URL = 'https://corp.awsapps.com/start';
const CONFIG = `[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = BedrockUser
region = us-east-1

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-2
sso_account_id = 444455556666
sso_role_name = Legacy

[profile norole]
sso_session = corp
sso_account_id = 111122223333
`;
const ACCESS_TOKEN = 'aoaSsoAccessTokenValue0123456789';

describe('AWS SSO profiles', () => {
  const http = fastHttpClient();
  const clock = testClock();
  let home: string;
  let portal: FakeServer;
  after(() => http.close());
  beforeEach(async () => {
    home = await awsHome(CONFIG);
    portal = await startFakeServer();
    portal.route('GET', '/federation/credentials', (request, response) => {
      if (request.headers['x-amz-sso_bearer_token'] !== ACCESS_TOKEN) {
        response.writeHead(401, { 'content-type': 'application/json' });
        return void response.end('{"message":"Session token not found or invalid"}');
      }
      const query = new URL(request.url, portal.url).searchParams;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          roleCredentials: {
            accessKeyId: `ASIASSO${query.get('account_id')}`,
            secretAccessKey: `ssoSecret-${query.get('role_name')}`,
            sessionToken: 'ssoSessionToken',
            expiration: clock.ms + 3600_000,
          },
        }),
      );
    });
  });
  afterEach(async () => {
    await portal.close();
    await fs.rm(home, { recursive: true, force: true });
  });

  async function writeToken(id: string, token: string, expiresAt: number): Promise<void> {
    const file = ssoTokenFile(home, id);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(
      file,
      JSON.stringify({
        startUrl: START_URL,
        region: 'eu-west-1',
        accessToken: token,
        expiresAt: new Date(expiresAt).toISOString(),
      }),
    );
  }

  it('names the token cache file as the AWS SDK does (sha1 of the session name, or of the start URL)', () => {
    for (const id of ['corp', START_URL, 'my session ü']) {
      assert.equal(path.basename(ssoTokenFile(home, id)), path.basename(getSSOTokenFilepath(id)));
      assert.equal(
        ssoTokenFile(home, id),
        path.join(home, '.aws', 'sso', 'cache', path.basename(getSSOTokenFilepath(id))),
      );
    }
  });

  it('the portal endpoint follows AWS_ENDPOINT_URL_SSO, then AWS_ENDPOINT_URL, unless ignored', () => {
    const fallback = 'https://portal.sso.eu-west-1.amazonaws.com';
    assert.equal(awsServiceEndpoint({}, 'SSO', fallback), fallback);
    assert.equal(
      awsServiceEndpoint({ AWS_ENDPOINT_URL: 'http://all', AWS_ENDPOINT_URL_SSO: 'http://sso' }, 'SSO', fallback),
      'http://sso',
    );
    assert.equal(awsServiceEndpoint({ AWS_ENDPOINT_URL: 'http://all' }, 'SSO', fallback), 'http://all');
    assert.equal(
      awsServiceEndpoint(
        { AWS_ENDPOINT_URL_SSO: 'http://sso', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' },
        'SSO',
        fallback,
      ),
      fallback,
    );
  });

  it('sso_session: the cached token goes to the portal as x-amz-sso_bearer_token, role credentials come back and are cached', async () => {
    await writeToken('corp', ACCESS_TOKEN, clock.ms + 8 * 3600_000);
    const resolve = chainResolver(home, http, clock);
    const auth = await resolve({ AWS_ENDPOINT_URL_SSO: portal.url }, 'dev');
    assert.deepEqual(auth, {
      type: 'sigv4',
      credentials: {
        accessKeyId: 'ASIASSO111122223333',
        secretAccessKey: 'ssoSecret-BedrockUser',
        sessionToken: 'ssoSessionToken',
      },
      source: 'SSO (profile "dev", account 111122223333, role BedrockUser)',
      region: 'us-west-2',
    });
    assert.equal(portal.requests.length, 1);
    const request = portal.requests[0];
    assert.equal(request.method, 'GET');
    assert.equal(request.url, '/federation/credentials?role_name=BedrockUser&account_id=111122223333');
    assert.equal(request.headers['x-amz-sso_bearer_token'], ACCESS_TOKEN);
    assert.equal(request.headers.authorization, undefined);
    await resolve({ AWS_ENDPOINT_URL_SSO: portal.url }, 'dev');
    clock.ms += 50 * 60_000;
    await resolve({ AWS_ENDPOINT_URL_SSO: portal.url }, 'dev');
    assert.equal(portal.requests.length, 1, 'cached until 5 minutes before expiry');
    clock.ms += 6 * 60_000;
    await resolve({ AWS_ENDPOINT_URL_SSO: portal.url }, 'dev');
    assert.equal(portal.requests.length, 2, 'fetched again near expiry');
  });

  it('legacy sso_start_url profiles read the token named by the start URL', async () => {
    await writeToken('https://legacy.awsapps.com/start', ACCESS_TOKEN, clock.ms + 3600_000);
    const auth = await chainResolver(home, http, clock)({ AWS_ENDPOINT_URL_SSO: portal.url }, 'legacy');
    assert.equal(auth.type === 'sigv4' && auth.credentials.accessKeyId, 'ASIASSO444455556666');
  });

  it('a missing or expired sign-in asks for `aws sso login --profile X`, in requests and in preflight', async () => {
    const resolve = chainResolver(home, http, clock);
    const missing = await resolve({ AWS_ENDPOINT_URL_SSO: portal.url }, 'dev').catch((caught: unknown) => caught);
    assert.ok(missing instanceof ProviderError);
    assert.equal(missing.kind, 'auth');
    assert.match(missing.message, /profile "dev": not signed in .*run `aws sso login --profile dev`/);
    await writeToken('corp', ACCESS_TOKEN, clock.ms - 1000);
    await assert.rejects(
      resolve({ AWS_ENDPOINT_URL_SSO: portal.url }, 'dev'),
      /the SSO sign-in has expired; run `aws sso login --profile dev`/,
    );
    const problem = await describeAwsAuthProblem({
      profile: 'dev',
      env: { AWS_REGION: 'us-west-2' },
      homeDir: home,
      now: clock.now,
    });
    assert.match(problem ?? '', /expired; run `aws sso login --profile dev`/);
    assert.equal(portal.requests.length, 0);
  });

  it('a token the portal refuses asks for a new login and never shows the token', async () => {
    await writeToken('corp', 'aoaStaleTokenValue99999999', clock.ms + 3600_000);
    const error = await chainResolver(
      home,
      http,
      clock,
    )({ AWS_ENDPOINT_URL_SSO: portal.url }, 'dev').catch((caught: unknown) => caught);
    assert.ok(error instanceof ProviderError);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /refused the cached sign-in .*HTTP 401.*aws sso login --profile dev/);
    assert.doesNotMatch(error.message, /aoaStaleTokenValue/);
  });

  it('a profile without sso_role_name says what is missing', async () => {
    await assert.rejects(
      chainResolver(home, http, clock)({}, 'norole'),
      /profile "norole" in .*config \(SSO profile without sso_role_name\)/,
    );
  });
});
