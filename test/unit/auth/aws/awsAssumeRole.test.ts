import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { profilePlan } from '../../../../src/auth/aws/awsProfilePlan';
import { parseIni } from '../../../../src/auth/aws/awsSharedFiles';
import { createBedrockClient } from '../../../../src/providers/bedrock/client';
import { ProviderError } from '../../../../src/util/errors';
import { startFakeServer, type FakeServer } from '../../../fakes/fakeServer';
import { providerDeps } from '../../../fakes/providerHarness';
import { bedrockEventLines } from '../../../support/wire/bedrockConverse';
import { TEXT_ANSWER } from '../../../support/wire/samples';
import { encodeBedrockEvents } from '../../providers/bedrock/bedrockFrames';
import {
  bedrockSlot,
  replayFrames,
  replyInvalidSignature,
  signatureProblem,
  streamPath,
  useBedrockServer,
} from '../../providers/bedrock/bedrockWire';
import { assumeRoleXml, awsHome, chainResolver, stsSignatureProblem, testClock } from './awsProfileHome';

const BASE_KEYS = { accessKeyId: 'AKIDBASEPROFILE00001', secretAccessKey: 'baseSecretKey0000000000000000000000000000' };
const FIRST_ROLE = {
  accessKeyId: 'ASIAFIRSTROLE0000001',
  secretAccessKey: 'firstRoleSecret000000000000000000000000',
  sessionToken: 'firstRoleSessionToken',
};
const SECOND_ROLE = {
  accessKeyId: 'ASIASECONDROLE000001',
  secretAccessKey: 'secondRoleSecret00000000000000000000000',
  sessionToken: 'secondRoleSessionToken',
};
const ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockInvoke';
const SECOND_ARN = 'arn:aws:iam::210987654321:role/CrossAccount';

const CREDENTIALS = `[base]
aws_access_key_id = ${BASE_KEYS.accessKeyId}
aws_secret_access_key = ${BASE_KEYS.secretAccessKey}
`;
const CONFIG = `[profile role]
role_arn = ${ROLE_ARN}
source_profile = base
role_session_name = skynet-test
external_id = ext-42
duration_seconds = 1800
region = eu-west-3

[profile chained]
role_arn = ${SECOND_ARN}
source_profile = role

[profile fromenv]
role_arn = ${ROLE_ARN}
credential_source = Environment

[profile mfa]
role_arn = ${ROLE_ARN}
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/me

[profile loop1]
role_arn = ${ROLE_ARN}
source_profile = loop2

[profile loop2]
role_arn = ${ROLE_ARN}
source_profile = loop1

[profile imds]
role_arn = ${ROLE_ARN}
credential_source = Ec2InstanceMetadata

[profile webid]
role_arn_unused = x
web_identity_token_file = /var/run/token
`;

/** A fake STS: checks each AssumeRole signature against the credentials of the caller it expects, by RoleArn. */
function serveSts(sts: FakeServer, expiration: () => number, delayMs = 0): void {
  const callers: Record<
    string,
    { source: typeof BASE_KEYS & { sessionToken?: string }; answer: typeof FIRST_ROLE; region: string }
  > = {
    [ROLE_ARN]: { source: BASE_KEYS, answer: FIRST_ROLE, region: 'eu-west-3' },
    [SECOND_ARN]: { source: FIRST_ROLE, answer: SECOND_ROLE, region: 'us-west-2' },
  };
  sts.route('POST', '/', async (request, response) => {
    const form = new URLSearchParams(request.body);
    const caller = callers[form.get('RoleArn') ?? ''];
    const problem = caller ? await stsSignatureProblem(sts.url, request, caller.source, caller.region) : 'unknown role';
    if (problem || form.get('Action') !== 'AssumeRole' || form.get('Version') !== '2011-06-15') {
      response.writeHead(403, { 'content-type': 'text/xml' });
      return void response.end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>${problem ?? 'bad form'}</Message></Error></ErrorResponse>`,
      );
    }
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    response.writeHead(200, { 'content-type': 'text/xml' });
    response.end(assumeRoleXml(caller.answer, expiration()));
  });
}

describe('AWS role_arn profiles (STS AssumeRole)', () => {
  const ctx = useBedrockServer();
  const clock = testClock();
  let home: string;
  let sts: FakeServer;
  beforeEach(async () => {
    home = await awsHome(CONFIG, CREDENTIALS);
    sts = await startFakeServer();
  });
  afterEach(async () => {
    await sts.close();
    await fs.rm(home, { recursive: true, force: true });
  });
  const env = (): Record<string, string> => ({ AWS_ENDPOINT_URL_STS: sts.url });

  it('signs AssumeRole with the source profile (SigV4, service sts, the role profile region) and sends the form', async () => {
    serveSts(sts, () => clock.ms + 3600_000);
    const auth = await chainResolver(home, ctx.http, clock)(env(), 'role');
    assert.deepEqual(auth, {
      type: 'sigv4',
      credentials: FIRST_ROLE,
      source: `role ${ROLE_ARN} (profile "role") from profile "base" in ${path.join(home, '.aws', 'credentials')}`,
      region: 'us-west-2',
    });
    assert.equal(sts.requests.length, 1);
    const request = sts.requests[0];
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded; charset=utf-8');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(request.body)), {
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: ROLE_ARN,
      RoleSessionName: 'skynet-test',
      ExternalId: 'ext-42',
      DurationSeconds: '1800',
    });
    assert.equal(request.headers['x-amz-security-token'], undefined);
  });

  it('chains source_profile: the second AssumeRole is signed with the first role and its session token', async () => {
    serveSts(sts, () => clock.ms + 3600_000);
    const auth = await chainResolver(home, ctx.http, clock)(env(), 'chained');
    assert.deepEqual(auth.type === 'sigv4' && auth.credentials, SECOND_ROLE);
    assert.equal(sts.requests.length, 2);
    assert.equal(sts.requests[1].headers['x-amz-security-token'], FIRST_ROLE.sessionToken);
    assert.match(new URLSearchParams(sts.requests[1].body).get('RoleSessionName') ?? '', /^skynet-\d+$/);
  });

  it('20 concurrent requests make one AssumeRole call; credentials are fetched again 5 minutes before they expire', async () => {
    serveSts(sts, () => clock.ms + 3600_000, 50);
    const resolve = chainResolver(home, ctx.http, clock);
    const all = await Promise.all(Array.from({ length: 20 }, () => resolve(env(), 'role')));
    assert.equal(sts.requests.length, 1);
    for (const auth of all) assert.deepEqual(auth.type === 'sigv4' && auth.credentials, FIRST_ROLE);
    clock.ms += 54 * 60_000;
    await resolve(env(), 'role');
    assert.equal(sts.requests.length, 1);
    clock.ms += 2 * 60_000;
    await Promise.all(Array.from({ length: 5 }, () => resolve(env(), 'role')));
    assert.equal(sts.requests.length, 2);
  });

  it('credential_source = Environment plans AssumeRole from the environment keys', async () => {
    const files = { paths: { config: 'config', credentials: 'credentials' }, config: parseIni(CONFIG) };
    const plan = profilePlan(
      files,
      { AWS_ACCESS_KEY_ID: BASE_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: BASE_KEYS.secretAccessKey },
      'fromenv',
    );
    assert.equal(plan?.kind, 'assume-role');
    assert.deepEqual(plan?.kind === 'assume-role' && plan.from, {
      kind: 'static',
      credentials: BASE_KEYS,
      source: 'environment (AWS_ACCESS_KEY_ID, credential_source)',
    });
  });

  it('refuses mfa_serial, loops, metadata sources and web identity, each named with the profile', async () => {
    const resolve = chainResolver(home, ctx.http, clock);
    await assert.rejects(
      resolve(env(), 'mfa'),
      /profile "mfa" in .*\(role_arn with mfa_serial needs an MFA code typed in, which Skynet cannot ask for; export static credentials with `aws configure export-credentials --profile mfa --format env`\)/,
    );
    await assert.rejects(resolve(env(), 'loop1'), /source_profile loop: loop1 → loop2 → loop1/);
    await assert.rejects(resolve(env(), 'imds'), /credential_source = Ec2InstanceMetadata .* is not supported/);
    await assert.rejects(
      resolve(env(), 'webid'),
      /profile "webid" in .*\(uses web_identity_token_file, which Skynet does not run; export static credentials/,
    );
    await assert.rejects(
      resolve(env(), 'fromenv'),
      /credential_source = Environment, but AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY are not set/,
    );
    assert.equal(sts.requests.length, 0);
  });

  it('an STS refusal is an auth error with its code, never the secrets', async () => {
    sts.route('POST', '/', (_request, response) => {
      response.writeHead(403, { 'content-type': 'text/xml' });
      response.end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User arn:aws:iam::1:user/x is not authorized to perform: sts:AssumeRole with key ${BASE_KEYS.secretAccessKey}</Message></Error></ErrorResponse>`,
      );
    });
    const error = await chainResolver(home, ctx.http, clock)(env(), 'role').catch((caught: unknown) => caught);
    assert.ok(error instanceof ProviderError);
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'AccessDenied');
    assert.match(
      error.message,
      /AssumeRole of arn:aws:iam::123456789012:role\/BedrockInvoke \(profile "role"\) failed: HTTP 403 AccessDenied: User .* not authorized/,
    );
    assert.doesNotMatch(error.message, new RegExp(BASE_KEYS.secretAccessKey));
  });

  it('end to end: a Bedrock slot with a role_arn profile streams, signed with the assumed credentials', async function () {
    serveSts(sts, () => Date.now() + 3600_000);
    ctx.server.route('POST', streamPath(), async (request, response) => {
      const problem = await signatureProblem(ctx.server, request, FIRST_ROLE);
      if (problem) return replyInvalidSignature(response, problem);
      await replayFrames(response, encodeBedrockEvents(bedrockEventLines(TEXT_ANSWER)));
    });
    const deps = providerDeps(ctx.http, { env: env(), homeDir: home });
    const client = createBedrockClient(bedrockSlot(ctx.server.url, { profile: 'role' }), deps);
    for (let round = 0; round < 2; round++) {
      const events = [];
      for await (const event of client.streamChat({
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      }))
        events.push(event);
      assert.equal(events[events.length - 1].type, 'finish');
    }
    assert.equal(ctx.server.requests.length, 2);
    assert.equal(ctx.server.requests[0].headers['x-amz-security-token'], FIRST_ROLE.sessionToken);
    assert.equal(sts.requests.length, 1, 'the assumed role is reused by the client');
  });
});
