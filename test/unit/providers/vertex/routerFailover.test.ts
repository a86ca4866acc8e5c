import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { DEFAULT_ROUTER_SETTINGS, type SlotConfig } from '../../../../src/config/types';
import type { ProviderDeps } from '../../../../src/providers/types';
import { buildRouter } from '../../../../src/router/buildRouter';
import type { RoutedEvent } from '../../../../src/router/types';
import { startFakeServer, type FakeServer } from '../../../fakes/fakeServer';
import { fastHttpClient, providerDeps } from '../../../fakes/providerHarness';
import { replaySse, replyError, sseFromPayloads } from '../../../fakes/wire';
import { encodeBedrockException } from '../bedrock/bedrockFrames';
import { bedrockStream } from '../../../support/wire/bedrockConverse';
import { argumentFragments } from '../../../support/wire/events';
import { geminiPayloads } from '../../../support/wire/gemini';
import { REASONING_ANSWER } from '../../../support/wire/samples';
import {
  TEST_CREDENTIALS,
  bedrockSlot,
  replayFrames,
  replyInvalidSignature,
  signatureProblem,
  streamPath,
} from '../bedrock/bedrockWire';
import {
  createServiceAccount,
  geminiPath,
  serveTokenEndpoint,
  vertexSlot,
  type TestServiceAccount,
} from './vertexWire';

/** Bedrock and Vertex slots behind the real router, each cloud on its own fake server. */
describe('router failover from and to Bedrock and Vertex', function () {
  const http = fastHttpClient();
  let aws: FakeServer;
  let google: FakeServer;
  let account: TestServiceAccount;
  let deps: ProviderDeps;
  beforeEach(async () => {
    aws = await startFakeServer();
    google = await startFakeServer();
    account = await createServiceAccount(`${google.url}/token`);
    deps = providerDeps(http, {
      env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey },
    });
    serveTokenEndpoint(google, account, deps.now);
  });
  afterEach(async () => {
    await Promise.all([aws.close(), google.close()]);
    await fs.rm(account.dir, { recursive: true, force: true });
  });
  after(() => http.close());

  async function route(slots: SlotConfig[]): Promise<RoutedEvent[]> {
    const router = await buildRouter(
      { file: 'skynet.toml', slots, router: { ...DEFAULT_ROUTER_SETTINGS }, fromEnvironment: false },
      deps,
    );
    const events: RoutedEvent[] = [];
    for await (const event of router.streamChat({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    }))
      events.push(event);
    return events;
  }
  const failovers = (events: RoutedEvent[]) =>
    events.flatMap((event) => (event.type === 'failover' ? [[event.from, event.kind]] : []));

  it('a throttled Bedrock and a Vertex without a key file fail over to Vertex, which streams a tool call', async () => {
    aws.route('POST', streamPath(), (_request, response) =>
      replayFrames(response, encodeBedrockException('throttlingException', 'Too many requests')),
    );
    google.route('POST', geminiPath(), (_request, response) =>
      replaySse(
        response,
        sseFromPayloads(
          geminiPayloads([
            {
              type: 'tool-call',
              id: 'c1',
              name: 'weather',
              arguments: argumentFragments({ location: 'San Francisco' }),
            },
            { type: 'finish', reason: 'tool-calls' },
          ]),
          { done: false },
        ),
      ),
    );
    const events = await route([
      bedrockSlot(aws.url),
      { ...vertexSlot(google.url, `${account.dir}/missing.json`), id: 'vertex-broken' },
      vertexSlot(google.url, account.keyFile),
    ]);
    assert.deepEqual(failovers(events), [['bedrock', 'rate-limit']]);
    assert.deepEqual(
      events.flatMap((event) => (event.type === 'tool-call' ? [[event.name, event.arguments]] : [])),
      [['weather', { location: 'San Francisco' }]],
    );
    assert.deepEqual(
      events.find((event) => event.type === 'finish'),
      { type: 'finish', reason: 'tool-calls', rawReason: 'STOP', slot: 'vertex' },
    );
  });

  it('a rate-limited Vertex (RetryInfo) fails over to Bedrock, which streams signed reasoning', async () => {
    google.route('POST', geminiPath(), (_request, response) =>
      replyError(response, 429, {
        error: {
          code: 429,
          status: 'RESOURCE_EXHAUSTED',
          message: 'Quota',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' }],
        },
      }),
    );
    aws.route('POST', streamPath(), async (request, response) => {
      const problem = await signatureProblem(aws, request);
      if (problem) return replyInvalidSignature(response, problem);
      await replayFrames(response, bedrockStream(REASONING_ANSWER));
    });
    const events = await route([vertexSlot(google.url, account.keyFile), bedrockSlot(aws.url)]);
    assert.deepEqual(failovers(events), [['vertex', 'rate-limit']]);
    assert.ok(events.some((event) => event.type === 'reasoning-delta' && event.signature));
    assert.ok(events.some((event) => event.type === 'text-delta'));
    assert.equal((events.find((event) => event.type === 'finish') as { slot: string }).slot, 'bedrock');
  });
});
