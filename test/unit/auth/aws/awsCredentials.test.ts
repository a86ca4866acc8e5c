import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeAwsAuthProblem, resolveAwsAuth } from '../../../../src/auth/aws/awsCredentials';
import { parseIni } from '../../../../src/auth/aws/awsSharedFiles';
import { ProviderError } from '../../../../src/util/errors';

const CREDENTIALS_FILE = `# comment
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secretDefault

[work]
aws_access_key_id=AKIDWORK
aws_secret_access_key=secretWork
aws_session_token=tokenWork
`;
const CONFIG_FILE = `[default]
region = eu-west-1

[profile work]
region = ap-southeast-2

[profile sso]
sso_session = corp
region = us-east-2

[profile inline]
region = ca-central-1
aws_access_key_id = AKIDINLINE
aws_secret_access_key = secretInline
`;

describe('AWS credential chain', () => {
  let home: string;
  before(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'skynet-aws-'));
    await fs.mkdir(path.join(home, '.aws'));
    await fs.writeFile(path.join(home, '.aws', 'credentials'), CREDENTIALS_FILE);
    await fs.writeFile(path.join(home, '.aws', 'config'), CONFIG_FILE);
  });
  after(() => fs.rm(home, { recursive: true, force: true }));

  const resolve = (env: Record<string, string>, slot: { region?: string; profile?: string } = {}) =>
    resolveAwsAuth({ ...slot, env, homeDir: home }, 'bedrock');

  it('parses INI sections, comments and spacing', () => {
    assert.deepEqual(parseIni('; c\n[ profile  x ]\nA = 1\n  b=two = 2\n'), { 'profile x': { a: '1', b: 'two = 2' } });
  });

  it('the environment keys come first (with the session token), region from the default profile config', async () => {
    const auth = await resolve({
      AWS_ACCESS_KEY_ID: 'AKIDENV',
      AWS_SECRET_ACCESS_KEY: 'secretEnv',
      AWS_SESSION_TOKEN: 'tokenEnv',
    });
    assert.deepEqual(auth, {
      type: 'sigv4',
      credentials: { accessKeyId: 'AKIDENV', secretAccessKey: 'secretEnv', sessionToken: 'tokenEnv' },
      source: 'environment (AWS_ACCESS_KEY_ID)',
      region: 'eu-west-1',
    });
  });

  it('AWS_BEARER_TOKEN_BEDROCK wins over keys', async () => {
    const auth = await resolve({
      AWS_BEARER_TOKEN_BEDROCK: 'ABSK-key',
      AWS_ACCESS_KEY_ID: 'AKIDENV',
      AWS_SECRET_ACCESS_KEY: 'secretEnv',
    });
    assert.equal(auth.type, 'bearer');
  });

  it('the shared credentials file: default profile, AWS_PROFILE, then the slot profile', async () => {
    assert.deepEqual((await resolve({})).type === 'sigv4' && (await resolve({})), {
      type: 'sigv4',
      credentials: { accessKeyId: 'AKIDDEFAULT', secretAccessKey: 'secretDefault' },
      source: `profile "default" in ${home}/.aws/credentials`,
      region: 'eu-west-1',
    });
    const fromEnvProfile = await resolve({ AWS_PROFILE: 'work' });
    assert.deepEqual(fromEnvProfile.type === 'sigv4' && fromEnvProfile.credentials, {
      accessKeyId: 'AKIDWORK',
      secretAccessKey: 'secretWork',
      sessionToken: 'tokenWork',
    });
    assert.equal(fromEnvProfile.region, 'ap-southeast-2');
    const fromSlot = await resolve({ AWS_PROFILE: 'default' }, { profile: 'work' });
    assert.equal(fromSlot.type === 'sigv4' && fromSlot.credentials.accessKeyId, 'AKIDWORK');
  });

  it('region: slot, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile config', async () => {
    assert.equal(
      (await resolve({ AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-west-1' }, { region: 'sa-east-1' })).region,
      'sa-east-1',
    );
    assert.equal((await resolve({ AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-west-1' })).region, 'us-east-1');
    assert.equal((await resolve({ AWS_DEFAULT_REGION: 'us-west-1' })).region, 'us-west-1');
  });

  it('credentials in a [profile x] section of the config file', async () => {
    const auth = await resolve({}, { profile: 'inline' });
    assert.equal(auth.type === 'sigv4' && auth.credentials.accessKeyId, 'AKIDINLINE');
    assert.equal(auth.region, 'ca-central-1');
  });

  it('AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move the files', async () => {
    const other = path.join(home, 'other-credentials');
    await fs.writeFile(other, '[default]\naws_access_key_id=AKIDOTHER\naws_secret_access_key=secretOther\n');
    const moved = { AWS_SHARED_CREDENTIALS_FILE: other, AWS_CONFIG_FILE: path.join(home, 'missing-config') };
    const auth = await resolve({ ...moved, AWS_REGION: 'us-east-1' });
    assert.equal(auth.type === 'sigv4' && auth.credentials.accessKeyId, 'AKIDOTHER');
    await assert.rejects(
      resolve({ ...moved, AWS_REGION: 'us-east-1', AWS_PROFILE: 'work' }),
      /profile "work" in .*other-credentials \(no such profile\).*missing-config \(file not found\)/,
    );
    const noRegion = await describeAwsAuthProblem({
      env: { AWS_SHARED_CREDENTIALS_FILE: other, AWS_CONFIG_FILE: path.join(home, 'missing-config') },
      homeDir: home,
    });
    assert.match(noRegion ?? '', /No AWS region/);
  });

  it('an SSO profile whose [sso-session] is missing is named with what is missing', async () => {
    const error = await resolve({}, { profile: 'sso' }).catch((caught: unknown) => caught);
    assert.ok(error instanceof ProviderError);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /profile "sso" in .*config \(sso_session "corp" has no \[sso-session corp\] section\)/);
  });

  it('a half-set environment pair is reported as such', async () => {
    const problem = await describeAwsAuthProblem({
      env: { AWS_ACCESS_KEY_ID: 'AKIDONLY', AWS_PROFILE: 'nope' },
      homeDir: home,
    });
    assert.match(problem ?? '', /only AWS_ACCESS_KEY_ID is set/);
    assert.match(problem ?? '', /profile "nope" in .*credentials \(no such profile\)/);
  });
});
