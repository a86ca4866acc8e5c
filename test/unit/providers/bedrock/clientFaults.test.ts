import * as assert from 'node:assert/strict';
import { collectChat } from '../../../../src/providers/collect';
import { createBedrockClient } from '../../../../src/providers/bedrock/client';
import { bedrockModule } from '../../../../src/providers/bedrock/module';
import type { ChatRequest } from '../../../../src/providers/types';
import { eventually } from '../../../fakes/fakeServer';
import { bedrockEventLines } from '../../../support/wire/bedrockConverse';
import { TEXT_ANSWER } from '../../../support/wire/samples';
import { providerDeps, streamAndCancelAfterFirstEvent, streamUntilError } from '../../../fakes/providerHarness';
import { replyError } from '../../../fakes/wire';
import { concatFrames, encodeBedrockErrorFrame, encodeBedrockEvents, encodeBedrockException } from './bedrockFrames';
import {
  TEST_CREDENTIALS,
  bedrockSlot,
  replayFrames,
  replyInvalidSignature,
  signatureProblem,
  streamPath,
  useBedrockServer,
} from './bedrockWire';

const HI: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };
const text = () => bedrockEventLines(TEXT_ANSWER);

describe('Bedrock client faults', function () {
  const ctx = useBedrockServer();

  const client = () => createBedrockClient(bedrockSlot(ctx.server.url), ctx.deps);
  /** The first three events (start + two text deltas), then `tail`. */
  const framesThen = (tail: Uint8Array) => concatFrames([encodeBedrockEvents(text().slice(0, 3)), tail]);

  const streamed: Array<[string, string, string]> = [
    ['throttlingException', 'rate-limit', 'Too many requests, please wait before trying again.'],
    ['serviceUnavailableException', 'server', 'Bedrock is unable to process your request.'],
    ['internalServerException', 'server', 'The server encountered an internal error.'],
    ['modelStreamErrorException', 'server', 'The model stream failed.'],
    ['validationException', 'bad-request', 'Malformed input request: #: extraneous key [foo] is not permitted'],
    ['validationException', 'context-length', 'Input is too long for requested model.'],
  ];
  for (const [type, kind, message] of streamed) {
    it(`a ${type} frame mid-stream ("${message.slice(0, 24)}…") is a ${kind} error after the text that came first`, async () => {
      ctx.server.route('POST', streamPath(), (_request, response) =>
        replayFrames(response, framesThen(encodeBedrockException(type, message))),
      );
      const { error, events } = await streamUntilError(client(), HI);
      assert.equal(error.kind, kind);
      assert.equal(error.code, type);
      assert.ok(error.message.includes(message));
      assert.equal(events.filter((event) => event.type === 'text-delta').length, 2);
    });
  }

  it('an `error` frame (:error-code / :error-message) is typed', async () => {
    ctx.server.route('POST', streamPath(), (_request, response) =>
      replayFrames(response, framesThen(encodeBedrockErrorFrame('ThrottlingException', 'Rate exceeded'))),
    );
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'rate-limit');
    assert.match(error.message, /Rate exceeded/);
  });

  it('a corrupted frame mid-stream is invalid-response, after the good frames and nothing else', async () => {
    const good = encodeBedrockEvents(text().slice(0, 3));
    const bad = Buffer.from(encodeBedrockEvents(text().slice(3, 4)));
    bad[bad.length - 8] ^= 0x01;
    ctx.server.route('POST', streamPath(), (_request, response) =>
      replayFrames(response, concatFrames([good, bad, encodeBedrockEvents(text().slice(4))])),
    );
    const { error, events } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /checksum/);
    assert.equal(events.length, 2);
  });

  it('a stream that ends before messageStop is invalid-response (truncated at a frame boundary)', async () => {
    ctx.server.route('POST', streamPath(), (_request, response) =>
      replayFrames(response, encodeBedrockEvents(text().slice(0, 4))),
    );
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /before messageStop/);
  });

  it('a stream cut inside a frame is invalid-response', async () => {
    const bytes = encodeBedrockEvents(text());
    ctx.server.route('POST', streamPath(), (_request, response) =>
      replayFrames(response, bytes, { truncateAfterBytes: bytes.length - 10 }),
    );
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'invalid-response');
  });

  it('a reset mid-stream is a network error', async () => {
    const bytes = encodeBedrockEvents(text());
    ctx.server.route('POST', streamPath(), (_request, response) =>
      replayFrames(response, bytes, { resetAfterBytes: 150 }),
    );
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'network');
  });

  it('a stall past the idle timeout is a timeout error', async () => {
    const bytes = encodeBedrockEvents(text());
    ctx.server.route('POST', streamPath(), (_request, response) =>
      replayFrames(response, bytes, { stallAfterBytes: 150 }),
    );
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'timeout');
  });

  it('cancelling after the first event closes the connection', async () => {
    const bytes = encodeBedrockEvents(text());
    ctx.server.route('POST', streamPath(), (_request, response) =>
      replayFrames(response, bytes, { stallAfterBytes: bytes.length - 40 }),
    );
    const events = await streamAndCancelAfterFirstEvent(client(), HI);
    assert.equal(events.length, 1);
    await eventually(() => ctx.server.openSockets() === 0, 2000, 'the socket to close');
  });

  it('HTTP 429 ThrottlingException with Retry-After is rate-limit with retryAfterMs', async () => {
    ctx.server.route('POST', streamPath(), (_request, response) =>
      replyError(
        response,
        429,
        { message: 'Too many tokens, please wait before trying again.' },
        {
          'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
          'retry-after': '7',
        },
      ),
    );
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, 7000);
    assert.equal(error.code, 'ThrottlingException');
  });

  for (const [status, type, kind] of [
    [500, 'InternalServerException', 'server'],
    [503, 'ServiceUnavailableException', 'server'],
    [400, 'ValidationException', 'bad-request'],
    [404, 'ResourceNotFoundException', 'not-found'],
    [403, 'AccessDeniedException', 'auth'],
  ] as const) {
    it(`HTTP ${status} ${type} is ${kind}`, async () => {
      ctx.server.route('POST', streamPath(), (_request, response) =>
        replyError(
          response,
          status,
          { message: `${type} from the fake` },
          { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
        ),
      );
      const { error } = await streamUntilError(client(), HI);
      assert.equal(error.kind, kind);
      assert.equal(error.status, status);
      assert.match(error.message, new RegExp(`${type} from the fake`));
    });
  }

  it('a signature refused for clock skew is an auth error that says to sync the clock', async () => {
    ctx.server.route('POST', streamPath(), (request, response) =>
      replyError(
        response,
        403,
        {
          message: `Signature expired: ${request.headers['x-amz-date']} is now earlier than 20261124T120000Z (20261124T121500Z - 15 min.)`,
        },
        { 'x-amzn-errortype': 'InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/' },
      ),
    );
    ctx.deps = providerDeps(ctx.http, {
      env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey },
      now: () => Date.UTC(2026, 10, 24, 11, 0, 0),
    });
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /clock skew/);
    assert.match(error.message, /20261124T110000Z/);
  });

  it('a wrong secret key fails the signature check of the fake (recomputed by the official signer) as auth, without the secret', async () => {
    ctx.server.route('POST', streamPath(), async (request, response) => {
      const problem = await signatureProblem(ctx.server, request);
      if (problem) return replyInvalidSignature(response, 'Check your AWS Secret Access Key and signing method.');
      await replayFrames(response, encodeBedrockEvents(text()));
    });
    ctx.deps = providerDeps(ctx.http, {
      env: {
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: 'the-wrong-secret-key-000000000000',
      },
    });
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /signature/);
    assert.ok(!JSON.stringify(error.toJSON()).includes('the-wrong-secret-key'));
    ctx.deps = providerDeps(ctx.http, {
      env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey },
    });
    assert.equal((await collectChat(client().streamChat(HI))).finishReason, 'stop');
  });

  it('no credentials anywhere: the request fails before sending and names every source tried', async () => {
    ctx.deps = providerDeps(ctx.http, { env: { AWS_REGION: 'us-east-1' }, homeDir: '/nonexistent-home' });
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'auth');
    for (const source of [
      'AWS_BEARER_TOKEN_BEDROCK',
      'AWS_ACCESS_KEY_ID',
      '/nonexistent-home/.aws/credentials',
      '/nonexistent-home/.aws/config',
      'profile "default"',
    ]) {
      assert.ok(error.message.includes(source), `${source} in: ${error.message}`);
    }
    assert.equal(ctx.server.requests.length, 0);
    const problem = await bedrockModule.preflight!(bedrockSlot(ctx.server.url), ctx.deps);
    assert.ok(problem?.includes('AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (not set)'), problem);
    assert.equal(
      await bedrockModule.preflight!(
        bedrockSlot(ctx.server.url),
        providerDeps(ctx.http, {
          env: {
            AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
          },
        }),
      ),
      undefined,
    );
  });
});
