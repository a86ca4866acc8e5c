import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportPKCS8, generateKeyPair, jwtVerify, decodeProtectedHeader, type KeyLike } from 'jose';
import type { VertexSlot } from '../../../../src/config/types';
import type { ProviderDeps } from '../../../../src/providers/types';
import type { HttpClient } from '../../../../src/util/http';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../../../fakes/fakeServer';
import { fastHttpClient, providerDeps } from '../../../fakes/providerHarness';
import { replyError } from '../../../fakes/wire';

export const CLIENT_EMAIL = 'skynet-test@skynet-project.iam.gserviceaccount.com';
export const PRIVATE_KEY_ID = 'b5f0f7e6d4c3b2a1';
export const PROJECT_ID = 'skynet-project';

export interface TestServiceAccount {
  dir: string;
  keyFile: string;
  publicKey: KeyLike;
  privateKeyPem: string;
}

/** A fresh RSA key pair and a service-account key file whose token_uri points at the fake server. */
let keyPair: Promise<{ publicKey: KeyLike; privateKeyPem: string }> | undefined;

/** One RSA key pair for the whole run (generating one takes a while); each test writes its own key file. */
function testKeyPair(): Promise<{ publicKey: KeyLike; privateKeyPem: string }> {
  keyPair ??= generateKeyPair('RS256', { extractable: true }).then(async ({ publicKey, privateKey }) => ({
    publicKey,
    privateKeyPem: await exportPKCS8(privateKey),
  }));
  return keyPair;
}

export async function createServiceAccount(tokenUri: string): Promise<TestServiceAccount> {
  const { publicKey, privateKeyPem } = await testKeyPair();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'skynet-vertex-'));
  const keyFile = path.join(dir, 'service-account.json');
  await fs.writeFile(
    keyFile,
    JSON.stringify({
      type: 'service_account',
      project_id: PROJECT_ID,
      private_key_id: PRIVATE_KEY_ID,
      private_key: privateKeyPem,
      client_email: CLIENT_EMAIL,
      client_id: '1234567890',
      token_uri: tokenUri,
    }),
  );
  return { dir, keyFile, publicKey, privateKeyPem };
}

export function vertexSlot(baseUrl: string, keyFile: string | undefined, extra: Partial<VertexSlot> = {}): VertexSlot {
  return {
    id: 'vertex',
    kind: 'vertex',
    displayName: 'Vertex AI',
    model: 'gemini-2.5-pro',
    baseUrl,
    keyFile,
    location: 'us-central1',
    source: { file: 'skynet.toml', line: 1, column: 1 },
    ...extra,
  };
}

export function geminiPath(model = 'gemini-2.5-pro', location = 'us-central1', project = PROJECT_ID): string {
  return `/v1/projects/${project}/locations/${location}/publishers/google/models/${model}:streamGenerateContent`;
}

export interface TokenEndpoint {
  /** Tokens issued so far, in order. */
  issued: string[];
  /** Answer the next token requests with this error instead (a function of the request's assertion: an echo). */
  refuseWith?: { status: number; body: unknown | ((assertion: string) => unknown) };
}

/**
 * A Google token endpoint: verifies the JWT assertion with the public key (jose) and checks every claim,
 * then issues `ya29.fake-N` tokens valid for `expiresIn` seconds.
 */
export function serveTokenEndpoint(
  server: FakeServer,
  account: TestServiceAccount,
  now: () => number,
  expiresIn = 3600,
): TokenEndpoint {
  const endpoint: TokenEndpoint = { issued: [] };
  server.route('POST', '/token', async (request, response) => {
    try {
      await checkAssertion(server, request, account, now);
    } catch (error) {
      return replyError(response, 400, {
        error: 'invalid_grant',
        error_description: `fake check failed: ${(error as Error).message}`,
      });
    }
    if (endpoint.refuseWith) {
      const { status, body } = endpoint.refuseWith;
      return replyError(
        response,
        status,
        typeof body === 'function' ? body(new URLSearchParams(request.body).get('assertion') ?? '') : body,
      );
    }
    const token = `ya29.fake-${endpoint.issued.length + 1}`;
    endpoint.issued.push(token);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ access_token: token, expires_in: expiresIn, token_type: 'Bearer' }));
  });
  return endpoint;
}

async function checkAssertion(
  server: FakeServer,
  request: RecordedRequest,
  account: TestServiceAccount,
  now: () => number,
): Promise<void> {
  assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
  const form = new URLSearchParams(request.body);
  assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
  const assertion = form.get('assertion') ?? '';
  assert.deepEqual(decodeProtectedHeader(assertion), { alg: 'RS256', typ: 'JWT', kid: PRIVATE_KEY_ID });
  const { payload } = await jwtVerify(assertion, account.publicKey, {
    algorithms: ['RS256'],
    issuer: CLIENT_EMAIL,
    audience: `${server.url}/token`,
    currentDate: new Date(now()),
  });
  assert.equal(payload.scope, 'https://www.googleapis.com/auth/cloud-platform');
  assert.equal(payload.iat, Math.floor(now() / 1000));
  assert.equal(payload.exp, payload.iat! + 3600);
  assert.deepEqual(Object.keys(payload).sort(), ['aud', 'exp', 'iat', 'iss', 'scope']);
}

export interface VertexTestContext {
  http: HttpClient;
  server: FakeServer;
  account: TestServiceAccount;
  tokenEndpoint: TokenEndpoint;
  /** The injected clock (deps.now reads it); tests move it to expire tokens. */
  clock: number;
  deps: ProviderDeps;
}

/** Mocha hooks: per test a fake server with a token endpoint, a key file, a clock. */
export function useVertexServer(): VertexTestContext {
  const http = fastHttpClient();
  const context = { http } as unknown as VertexTestContext;
  beforeEach(async () => {
    context.server = await startFakeServer();
    context.account = await createServiceAccount(`${context.server.url}/token`);
    context.clock = Date.now();
    context.deps = providerDeps(http, { now: () => context.clock });
    context.tokenEndpoint = serveTokenEndpoint(context.server, context.account, context.deps.now);
  });
  afterEach(async () => {
    await context.server.close();
    await fs.rm(context.account.dir, { recursive: true, force: true });
  });
  after(() => http.close());
  return context;
}
