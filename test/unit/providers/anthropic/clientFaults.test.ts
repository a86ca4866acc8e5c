import * as assert from 'node:assert/strict';
import { createAnthropicClient } from '../../../../src/providers/anthropic/client';
import type { ChatEvent, ChatRequest, ProviderClient } from '../../../../src/providers/types';
import { ProviderError } from '../../../../src/util/errors';
import { eventually } from '../../../fakes/fakeServer';
import { replaySse, replyError, sseHeaders, writeInPieces } from '../../../fakes/wire';
import { anthropicSseOf } from './anthropicSse';
import { API_KEY, OAUTH_TOKEN, anthropicSlot, useFakeAnthropic } from './testDeps';
import { providerDeps, streamAndCancelAfterFirstEvent, streamUntilError } from '../../../fakes/providerHarness';

const hello: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }] };

const stream = anthropicSseOf([
  { type: 'message_start', message: { usage: { input_tokens: 3, output_tokens: 1 } } },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'first' } },
  { type: 'ping' },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' second' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } },
  { type: 'message_stop' },
]);
/** Bytes up to the end of the first text delta's event. */
const afterFirstText = Buffer.byteLength(stream.slice(0, stream.indexOf('first') + 'first"}}\n\n'.length));

/** Streams to the failure and checks the error carries neither the key nor the token. */
async function run(client: ProviderClient): Promise<{ error: ProviderError; events: ChatEvent[] }> {
  const outcome = await streamUntilError(client, hello);
  const text = JSON.stringify(outcome.error.toJSON()) + String(outcome.error.stack);
  assert.ok(!text.includes(API_KEY) && !text.includes(OAUTH_TOKEN), 'the error must not carry the key');
  return outcome;
}

describe('Anthropic client faults', () => {
  const fake = useFakeAnthropic();

  it('429 with Retry-After → rate-limit with the delay and the server message', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replyError(
        res,
        429,
        {
          type: 'error',
          error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' },
        },
        { 'retry-after': '7' },
      ),
    );
    const { error } = await run(fake.client);
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, 7000);
    assert.equal(error.code, 'rate_limit_error');
    assert.match(error.message, /rate limit/);
  });

  it('500 → server', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replyError(res, 500, { type: 'error', error: { type: 'api_error', message: 'Internal server error' } }),
    );
    const { error } = await run(fake.client);
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 500);
  });

  it('529 overloaded_error → overloaded (retriable, cools down)', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replyError(res, 529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    );
    const { error } = await run(fake.client);
    assert.equal(error.kind, 'overloaded');
    assert.equal(error.failsOver, true);
    assert.equal(error.coolsDown, true);
  });

  it('a 400 prompt-too-long → context-length', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replyError(res, 400, {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' },
      }),
    );
    assert.equal((await run(fake.client)).error.kind, 'context-length');
  });

  it('an in-stream overloaded_error after text → overloaded, keeping what came first', async () => {
    const body =
      stream.slice(0, stream.indexOf('event: ping')) +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    fake.server.route('POST', '/v1/messages', (_req, res) => replaySse(res, body));
    const { error, events } = await run(fake.client);
    assert.equal(error.kind, 'overloaded');
    assert.deepEqual(events, [{ type: 'text-delta', text: 'first' }]);
  });

  it('an OAuth token refused as Claude-Code-only → an actionable auth error for the slot', async () => {
    fake.client = createAnthropicClient(anthropicSlot(fake.server.url, OAUTH_TOKEN), providerDeps(fake.http));
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replyError(res, 401, {
        type: 'error',
        error: {
          type: 'authentication_error',
          message:
            'This credential is only authorized for use with Claude Code and cannot be used for other API requests.',
        },
      }),
    );
    const { error } = await run(fake.client);
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'oauth-token-restricted');
    assert.equal(error.failsOver, true);
    assert.match(error.message, /\[claude\]/);
    assert.match(error.message, /only authorized for use with Claude Code/);
    assert.match(error.message, /console\.anthropic\.com/);
  });

  it('an OAuth refusal said past the 300 characters a plain-text body keeps in the message is still recognised', async () => {
    fake.client = createAnthropicClient(anthropicSlot(fake.server.url, OAUTH_TOKEN), providerDeps(fake.http));
    const preamble = 'Request refused by the upstream gateway. '.repeat(10);
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replyError(res, 403, `${preamble}This credential is only authorized for use with Claude Code.`),
    );
    const { error } = await run(fake.client);
    assert.ok(
      !/only authorized/.test(error.message.slice(error.message.indexOf('HTTP 403'))),
      'the built message no longer holds the phrase',
    );
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'oauth-token-restricted');
  });

  it('a plain 401 on an API key stays a plain auth error', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replyError(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }),
    );
    const { error } = await run(fake.client);
    assert.equal(error.kind, 'auth');
    assert.notEqual(error.code, 'oauth-token-restricted');
  });

  it('cuts the key out of error messages that echo it (HTTP and in-stream)', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replyError(res, 401, {
        type: 'error',
        error: { type: 'authentication_error', message: `invalid x-api-key ${API_KEY}` },
      }),
    );
    assert.equal((await run(fake.client)).error.kind, 'auth');
    const body =
      stream.slice(0, stream.indexOf('event: ping')) +
      `event: error\ndata: {"type":"error","error":{"type":"api_error","message":"bad key ${API_KEY}"}}\n\n`;
    fake.server.route('POST', '/v1/messages', (_req, res) => replaySse(res, body));
    assert.equal((await run(fake.client)).error.kind, 'server');
  });

  it('a reset before headers → network', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) => void res.socket?.destroy());
    assert.equal((await run(fake.client)).error.kind, 'network');
  });

  it('a reset mid-stream → network after the text that arrived', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replaySse(res, stream, { resetAfterBytes: afterFirstText + 10 }),
    );
    const { error, events } = await run(fake.client);
    assert.equal(error.kind, 'network');
    assert.deepEqual(events, [{ type: 'text-delta', text: 'first' }]);
  });

  it('a stall mid-stream → timeout (idle)', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replaySse(res, stream, { stallAfterBytes: afterFirstText + 10 }),
    );
    const { error, events } = await run(fake.client);
    assert.equal(error.kind, 'timeout');
    assert.deepEqual(events, [{ type: 'text-delta', text: 'first' }]);
  });

  it('a truncated stream (ends before message_stop) → invalid-response', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replaySse(res, stream, { truncateAfterBytes: stream.indexOf('event: message_delta') }),
    );
    const { error, events } = await run(fake.client);
    assert.equal(error.kind, 'invalid-response');
    assert.deepEqual(events, [
      { type: 'text-delta', text: 'first' },
      { type: 'text-delta', text: ' second' },
    ]);
  });

  it('a malformed chunk → invalid-response', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) =>
      replaySse(res, stream.replace('"text":" second"', '"text":" second')),
    );
    assert.equal((await run(fake.client)).error.kind, 'invalid-response');
  });

  it('cancel mid-stream closes the socket and surfaces as cancelled', async () => {
    let closed = false;
    fake.server.route('POST', '/v1/messages', async (_req, res) => {
      res.on('close', () => (closed = true));
      res.writeHead(200, sseHeaders());
      await writeInPieces(res, Buffer.from(stream), { stallAfterBytes: afterFirstText });
    });
    const events = await streamAndCancelAfterFirstEvent(fake.client, hello);
    assert.deepEqual(events, [{ type: 'text-delta', text: 'first' }]);
    await eventually(() => closed && fake.server.openSockets() === 0, 2000, 'the server to see the socket closed');
  });

  it('a consumer that stops reading early frees the connection', async () => {
    fake.server.route('POST', '/v1/messages', async (_req, res) => {
      res.writeHead(200, sseHeaders());
      await writeInPieces(res, Buffer.from(stream), { stallAfterBytes: afterFirstText });
    });
    for await (const event of fake.client.streamChat(hello)) {
      assert.deepEqual(event, { type: 'text-delta', text: 'first' });
      break;
    }
    await eventually(() => fake.server.openSockets() === 0, 2000, 'the socket to close');
  });
});
