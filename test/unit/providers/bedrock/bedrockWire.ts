import type { ServerResponse } from 'node:http';
import type { BedrockSlot } from '../../../../src/config/types';
import type { ProviderDeps } from '../../../../src/providers/types';
import type { HttpClient } from '../../../../src/util/http';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../../../fakes/fakeServer';
import { fastHttpClient, providerDeps } from '../../../fakes/providerHarness';
import { writeInPieces, replyError, type WriteOptions } from '../../../fakes/wire';
import { oracleAuthorization, signedHeaderNames } from '../../auth/aws/sigv4Oracle';

export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIDFAKEBEDROCK00001',
  secretAccessKey: 'fakeSecretKey/for+tests0000000000000000000',
};
export const TEST_MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
export const TEST_REGION = 'us-west-2';

export function bedrockSlot(baseUrl: string, extra: Partial<BedrockSlot> = {}): BedrockSlot {
  return {
    id: 'bedrock',
    kind: 'bedrock',
    displayName: 'AWS Bedrock',
    model: TEST_MODEL,
    baseUrl,
    region: TEST_REGION,
    source: { file: 'skynet.toml', line: 1, column: 1 },
    ...extra,
  };
}

export function streamPath(model = TEST_MODEL): string {
  return `/model/${encodeURIComponent(model)}/converse-stream`;
}

/** Recomputes the request's SigV4 signature with the official signer; undefined when it matches, else why not. */
export async function signatureProblem(
  server: FakeServer,
  request: RecordedRequest,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = TEST_CREDENTIALS,
  region = TEST_REGION,
): Promise<string | undefined> {
  const authorization = String(request.headers.authorization ?? '');
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) return 'not SigV4-signed';
  const headers: Record<string, string> = {};
  for (const name of signedHeaderNames(authorization))
    if (name !== 'host') headers[name] = String(request.headers[name]);
  const expected = await oracleAuthorization({
    method: request.method,
    url: `${server.url}${request.url}`,
    headers,
    body: request.body,
    credentials,
    region,
    service: 'bedrock',
    amzDate: String(request.headers['x-amz-date']),
  });
  if (credentials.sessionToken && request.headers['x-amz-security-token'] !== credentials.sessionToken)
    return 'session token header missing';
  return expected === authorization ? undefined : `expected ${expected}, got ${authorization}`;
}

/** A Bedrock-like refusal of a bad signature. */
export function replyInvalidSignature(response: ServerResponse, detail: string): void {
  replyError(
    response,
    403,
    { message: `The request signature we calculated does not match the signature you provided. ${detail}` },
    { 'x-amzn-errortype': 'InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/' },
  );
}

/** Answers with binary event-stream frames written in small uneven pieces. */
export async function replayFrames(
  response: ServerResponse,
  bytes: Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  response.writeHead(200, {
    'content-type': 'application/vnd.amazon.eventstream',
    'x-amzn-requestid': 'fake-request-id',
  });
  response.flushHeaders();
  await writeInPieces(response, bytes, options);
}

export interface BedrockTestContext {
  http: HttpClient;
  server: FakeServer;
  /** Reset per test to keys from the environment (TEST_CREDENTIALS); tests may replace it. */
  deps: ProviderDeps;
}

/** Mocha hooks: a fresh fake Bedrock per test, one fast HTTP client per suite. */
export function useBedrockServer(): BedrockTestContext {
  const http = fastHttpClient();
  const context = { http } as unknown as BedrockTestContext;
  beforeEach(async () => {
    context.server = await startFakeServer();
    context.deps = providerDeps(http, {
      env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey },
    });
  });
  afterEach(() => context.server.close());
  after(() => http.close());
  return context;
}
