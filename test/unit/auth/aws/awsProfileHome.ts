import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveAwsAuth, type AwsAuth } from '../../../../src/auth/aws/awsCredentials';
import { createAwsCredentialCache, type AwsCredentialCache } from '../../../../src/auth/aws/awsCredentialCache';
import type { AwsCredentials } from '../../../../src/auth/aws/sigv4';
import type { HttpClient } from '../../../../src/util/http';
import type { RecordedRequest } from '../../../fakes/fakeServer';
import { oracleAuthorization, signedHeaderNames } from './sigv4Oracle';

/** A throwaway home with `~/.aws/config` and `~/.aws/credentials` holding the given text. */
export async function awsHome(config: string, credentials = ''): Promise<string> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'skynet-aws-chain-'));
  await fs.mkdir(path.join(home, '.aws'));
  await fs.writeFile(path.join(home, '.aws', 'config'), config);
  await fs.writeFile(path.join(home, '.aws', 'credentials'), credentials);
  return home;
}

/** A settable clock for expiry tests. */
export interface TestClock {
  now: () => number;
  ms: number;
}

export function testClock(start = Date.parse('2030-01-01T00:00:00Z')): TestClock {
  const clock = { ms: start, now: () => clock.ms };
  return clock;
}

/** resolveAwsAuth with one credential cache, as one Bedrock client holds it. */
export function chainResolver(
  home: string,
  http: HttpClient,
  clock: TestClock,
  options: { processTimeoutMs?: number; cache?: AwsCredentialCache } = {},
) {
  const cache = options.cache ?? createAwsCredentialCache();
  return (env: Record<string, string>, profile: string, signal?: AbortSignal): Promise<AwsAuth> =>
    resolveAwsAuth({ profile, env: { AWS_REGION: 'us-west-2', ...env }, homeDir: home, now: clock.now }, 'bedrock', {
      http,
      cache,
      signal,
      processTimeoutMs: options.processTimeoutMs,
    });
}

/** Recomputes an STS request's SigV4 signature with @smithy/signature-v4; undefined when it matches. */
export async function stsSignatureProblem(
  baseUrl: string,
  request: RecordedRequest,
  credentials: AwsCredentials,
  region: string,
): Promise<string | undefined> {
  const authorization = String(request.headers.authorization ?? '');
  if (!authorization.includes(`/${region}/sts/aws4_request`))
    return `not signed for sts in ${region}: ${authorization}`;
  const headers: Record<string, string> = {};
  for (const name of signedHeaderNames(authorization))
    if (name !== 'host') headers[name] = String(request.headers[name]);
  const expected = await oracleAuthorization({
    method: request.method,
    url: `${baseUrl}${request.url}`,
    headers,
    body: request.body,
    credentials,
    region,
    service: 'sts',
    amzDate: String(request.headers['x-amz-date']),
  });
  if (credentials.sessionToken && request.headers['x-amz-security-token'] !== credentials.sessionToken)
    return 'session token header missing';
  return expected === authorization ? undefined : `expected ${expected}, got ${authorization}`;
}

/** An STS AssumeRole answer. */
export function assumeRoleXml(credentials: Required<AwsCredentials>, expiration: number): string {
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/demo/skynet</Arn><AssumedRoleId>AROA:skynet</AssumedRoleId></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>
      <SessionToken>${credentials.sessionToken}</SessionToken>
      <Expiration>${new Date(expiration).toISOString()}</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>`;
}
