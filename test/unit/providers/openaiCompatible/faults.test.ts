import * as assert from 'node:assert/strict';
import type { ChatEvent } from '../../../../src/providers/types';
import { createHttpClient } from '../../../../src/util/http';
import { eventually } from '../../../fakes/fakeServer';
import { replaySse, replyError, sseFromPayloads, sseHeaders } from '../../../fakes/wire';
import {
  HELLO,
  TEST_KEY,
  chunk,
  collectEvents,
  createTestClient,
  expectProviderError,
  useFakeServer,
} from './openaiTestKit';

const ROUTE = '/v1/chat/completions';

describe('OpenAI-compatible client: faults', () => {
  const { server, http } = useFakeServer();

  const cases: Array<{ status: number; headers?: Record<string, string>; kind: string; retryAfterMs?: number }> = [
    { status: 429, kind: 'rate-limit' },
    { status: 429, headers: { 'retry-after': '7' }, kind: 'rate-limit', retryAfterMs: 7000 },
    { status: 500, kind: 'server' },
    { status: 502, kind: 'server' },
    { status: 503, headers: { 'retry-after': '2' }, kind: 'server', retryAfterMs: 2000 },
    { status: 529, kind: 'overloaded' },
  ];
  for (const { status, headers, kind, retryAfterMs } of cases) {
    it(`HTTP ${status}${headers ? ' with Retry-After' : ''} → ${kind}, the server's message, no retry`, async () => {
      server.route('POST', ROUTE, (_req, res) =>
        replyError(res, status, { error: { message: `boom ${status}`, type: 'x' } }, headers),
      );
      const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
      assert.equal(error.kind, kind);
      assert.equal(error.status, status);
      assert.equal(error.retryAfterMs, retryAfterMs);
      assert.match(error.message, new RegExp(`boom ${status}`));
      assert.equal(server.requests.length, 1);
    });
  }

  it('reads Retry-After given as an HTTP date', async () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    server.route('POST', ROUTE, (_req, res) =>
      replyError(res, 429, { error: { message: 'later' } }, { 'retry-after': at }),
    );
    const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
    assert.equal(error.kind, 'rate-limit');
    assert.ok(
      error.retryAfterMs !== undefined && error.retryAfterMs > 50_000 && error.retryAfterMs <= 60_000,
      String(error.retryAfterMs),
    );
  });

  it('a 400 naming context_length_exceeded is context-length', async () => {
    server.route('POST', ROUTE, (_req, res) =>
      replyError(res, 400, {
        error: {
          message: "This model's maximum context length is 8192 tokens",
          type: 'invalid_request_error',
          code: 'context_length_exceeded',
        },
      }),
    );
    const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
    assert.equal(error.kind, 'context-length');
    assert.equal(error.code, 'context_length_exceeded');
  });

  it('a reset before the headers is a network error', async () => {
    server.route('POST', ROUTE, (_req, res) => void res.socket?.destroy());
    const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
    assert.equal(error.kind, 'network');
  });

  it('a reset mid-stream is a network error after the text that arrived', async () => {
    const sse = sseFromPayloads([chunk({ content: 'first' }), chunk({ content: ' second' }), chunk({}, 'stop')]);
    const cut = sse.indexOf('second');
    server.route('POST', ROUTE, (_req, res) => replaySse(res, sse, { resetAfterBytes: cut }));
    const seen: ChatEvent[] = [];
    const error = await expectProviderError(async () => {
      for await (const event of createTestClient(server, http).streamChat(HELLO)) seen.push(event);
    });
    assert.equal(error.kind, 'network');
    assert.deepEqual(seen, [{ type: 'text-delta', text: 'first' }]);
  });

  it('no headers within the timeouts option is a timeout, and the server sees the request closed', async function () {
    this.timeout(5000);
    let closed = false;
    server.route('POST', ROUTE, (_req, res) => void res.on('close', () => (closed = true)));
    // The client's own default would wait a minute: only the per-slot option can end this test in time.
    const patient = createHttpClient({ firstByteTimeoutMs: 60_000 });
    try {
      const client = createTestClient(server, patient, { timeouts: { firstByteMs: 150 } });
      const error = await expectProviderError(collectEvents(client.streamChat(HELLO)));
      assert.equal(error.kind, 'timeout');
      await eventually(() => closed, 1000, 'the server to see the request close');
    } finally {
      await patient.close();
    }
  });

  it('a stall mid-stream ends in an idle timeout', async () => {
    const sse = sseFromPayloads([chunk({ content: 'first' }), chunk({}, 'stop')]);
    server.route('POST', ROUTE, (_req, res) => replaySse(res, sse, { stallAfterBytes: sse.indexOf('data:', 5) }));
    const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
    assert.equal(error.kind, 'timeout');
  });

  it('a malformed JSON chunk is invalid-response', async () => {
    const sse = `data: ${chunk({ content: 'a' })}\n\ndata: {"choices":[{"delta":{"content":"b"}\n\ndata: [DONE]\n\n`;
    server.route('POST', ROUTE, (_req, res) => replaySse(res, sse));
    const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /Malformed chunk/);
  });

  it('a stream that ends without finish_reason and without [DONE] is invalid-response', async () => {
    server.route('POST', ROUTE, (_req, res) =>
      replaySse(res, sseFromPayloads([chunk({ content: 'a' }), chunk({ content: 'b' })], { done: false })),
    );
    const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /ended early/);
  });

  it('a truncated stream (cut inside an event) is invalid-response', async () => {
    const sse = sseFromPayloads([chunk({ content: 'a' }), chunk({}, 'stop')]);
    server.route('POST', ROUTE, (_req, res) => replaySse(res, sse, { truncateAfterBytes: sse.lastIndexOf('"stop"') }));
    const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
    assert.equal(error.kind, 'invalid-response');
  });

  it('a stream with finish_reason but no [DONE] completes normally', async () => {
    server.route('POST', ROUTE, (_req, res) =>
      replaySse(res, sseFromPayloads([chunk({ content: 'a' }), chunk({}, 'length')], { done: false })),
    );
    const events = await collectEvents(createTestClient(server, http).streamChat(HELLO));
    assert.deepEqual(events, [
      { type: 'text-delta', text: 'a' },
      { type: 'finish', reason: 'length', rawReason: 'length' },
    ]);
  });

  const streamErrors: Array<{ label: string; sse: string; kind: string; code?: string }> = [
    {
      label: 'an `event: error` with rate_limit_exceeded',
      sse: `event: error\ndata: {"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}\n\n`,
      kind: 'rate-limit',
      code: 'rate_limit_exceeded',
    },
    {
      label: 'a payload with .error of type server_error',
      sse: `data: {"error":{"message":"The server had an error","type":"server_error"}}\n\n`,
      kind: 'server',
      code: 'server_error',
    },
    {
      label: 'a payload with .error context_length_exceeded',
      sse: `data: {"error":{"message":"too long","code":"context_length_exceeded"}}\n\n`,
      kind: 'context-length',
    },
    {
      label: 'a payload with a numeric 429 code (OpenRouter)',
      sse: `data: {"error":{"message":"Provider returned error","code":429}}\n\n`,
      kind: 'rate-limit',
    },
    {
      label: 'a flat vLLM error object with a 400 code',
      sse: `data: {"object":"error","message":"This model's maximum context length is 4096 tokens","type":"BadRequestError","code":400}\n\n`,
      kind: 'context-length',
    },
    {
      label: 'a flat vLLM error object with a 503 code',
      sse: `data: {"object":"error","message":"engine dead","type":"ServiceUnavailable","code":503}\n\n`,
      kind: 'server',
    },
    { label: 'an `event: error` with plain text', sse: `event: error\ndata: upstream went away\n\n`, kind: 'server' },
  ];
  for (const { label, sse, kind, code } of streamErrors) {
    it(`${label} mid-stream → ${kind}`, async () => {
      server.route('POST', ROUTE, (_req, res) =>
        replaySse(res, `data: ${chunk({ content: 'partial' })}\n\n${sse}data: [DONE]\n\n`),
      );
      const seen: ChatEvent[] = [];
      const error = await expectProviderError(async () => {
        for await (const event of createTestClient(server, http).streamChat(HELLO)) seen.push(event);
      });
      assert.equal(error.kind, kind);
      if (code) assert.equal(error.code, code);
      assert.deepEqual(seen, [{ type: 'text-delta', text: 'partial' }]);
    });
  }

  it('tool-call arguments that are not JSON are invalid-response', async () => {
    const sse = sseFromPayloads([
      chunk({
        tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":' } }],
      }),
      chunk({}, 'tool_calls'),
    ]);
    server.route('POST', ROUTE, (_req, res) => replaySse(res, sse));
    const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /"f"/);
  });

  it('cancelling mid-stream closes the socket at once and reports cancelled', async () => {
    let closed = false;
    server.route('POST', ROUTE, (_req, res) => {
      res.on('close', () => (closed = true));
      res.writeHead(200, sseHeaders());
      res.write(`data: ${chunk({ content: 'first' })}\n\n`);
    });
    const controller = new AbortController();
    const iterator = createTestClient(server, http)
      .streamChat(HELLO, { signal: controller.signal })
      [Symbol.asyncIterator]();
    assert.deepEqual((await iterator.next()).value, { type: 'text-delta', text: 'first' });
    assert.equal(server.openSockets(), 1);
    const pending = iterator.next();
    controller.abort();
    const error = await expectProviderError(pending);
    assert.equal(error.kind, 'cancelled');
    await eventually(() => closed && server.openSockets() === 0, 1000, 'the server to see the socket close');
  });

  it('a consumer that stops reading closes the socket', async () => {
    let closed = false;
    server.route('POST', ROUTE, (_req, res) => {
      res.on('close', () => (closed = true));
      res.writeHead(200, sseHeaders());
      res.write(`data: ${chunk({ content: 'first' })}\n\n`);
    });
    for await (const event of createTestClient(server, http).streamChat(HELLO)) {
      assert.deepEqual(event, { type: 'text-delta', text: 'first' });
      break;
    }
    await eventually(() => closed && server.openSockets() === 0, 1000, 'the server to see the socket close');
  });

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await expectProviderError(
      collectEvents(createTestClient(server, http).streamChat(HELLO, { signal: controller.signal })),
    );
    assert.equal(error.kind, 'cancelled');
    assert.equal(server.requests.length, 0);
  });

  describe('401 and onUnauthorized', () => {
    function tokenClient(refresh: () => boolean) {
      let token = 'token-one-abcdef';
      const calls: string[] = [];
      const client = createTestClient(server, http, {
        async resolveEndpoint() {
          return { baseUrl: `${server.url}/v1`, headers: { authorization: `Bearer ${token}` } };
        },
        async onUnauthorized(signal) {
          calls.push(signal ? 'with-signal' : 'no-signal');
          const refreshed = refresh();
          if (refreshed) token = 'token-two-abcdef';
          return refreshed;
        },
      });
      return { client, calls };
    }

    it('retries once with a freshly resolved endpoint', async () => {
      server.route('POST', ROUTE, (req, res) =>
        req.headers.authorization === 'Bearer token-two-abcdef'
          ? replaySse(res, sseFromPayloads([chunk({ content: 'hi' }), chunk({}, 'stop')]))
          : replyError(res, 401, { error: { message: 'token expired' } }),
      );
      const { client, calls } = tokenClient(() => true);
      const events = await collectEvents(client.streamChat(HELLO, { signal: new AbortController().signal }));
      assert.deepEqual(events[0], { type: 'text-delta', text: 'hi' });
      assert.deepEqual(calls, ['with-signal']);
      assert.deepEqual(
        server.requests.map((r) => r.headers.authorization),
        ['Bearer token-one-abcdef', 'Bearer token-two-abcdef'],
      );
    });

    it('does not loop: a second 401 is an auth error', async () => {
      server.route('POST', ROUTE, (_req, res) => replyError(res, 401, { error: { message: 'no' } }));
      const { client, calls } = tokenClient(() => true);
      const error = await expectProviderError(collectEvents(client.streamChat(HELLO)));
      assert.equal(error.kind, 'auth');
      assert.equal(calls.length, 1);
      assert.equal(server.requests.length, 2);
    });

    it('does not retry when onUnauthorized declines', async () => {
      server.route('POST', ROUTE, (_req, res) => replyError(res, 401, { error: { message: 'no' } }));
      const { client, calls } = tokenClient(() => false);
      const error = await expectProviderError(collectEvents(client.streamChat(HELLO)));
      assert.equal(error.kind, 'auth');
      assert.equal(calls.length, 1);
      assert.equal(server.requests.length, 1);
    });
  });

  it('cuts the key out of an error inside the stream that echoes it', async () => {
    server.route('POST', ROUTE, (_req, res) =>
      replaySse(res, `data: {"error":{"message":"key ${TEST_KEY} is over quota","code":"insufficient_quota"}}\n\n`),
    );
    const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
    assert.equal(error.kind, 'rate-limit');
    assert.match(error.message, /key ‹redacted› is over quota/);
  });

  it('cuts the key out of error messages that echo it', async () => {
    server.route('POST', ROUTE, (_req, res) =>
      replyError(res, 401, { error: { message: `Incorrect API key provided: ${TEST_KEY}.`, code: 'invalid_api_key' } }),
    );
    const error = await expectProviderError(collectEvents(createTestClient(server, http).streamChat(HELLO)));
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /Incorrect API key provided: ‹redacted›/);
  });
});
