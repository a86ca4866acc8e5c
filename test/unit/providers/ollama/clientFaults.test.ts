import * as assert from 'node:assert/strict';
import { createOllamaClient } from '../../../../src/providers/ollama/client';
import type { ChatRequest, ProviderClient } from '../../../../src/providers/types';
import { ProviderError } from '../../../../src/util/errors';
import { eventually } from '../../../fakes/fakeServer';
import { streamAndCancelAfterFirstEvent, streamUntilError, useFakeProvider } from '../../../fakes/providerHarness';
import { replyError, writeInPieces } from '../../../fakes/wire';
import { chatStreams, ndjson, ollamaSlot, replayNdjson } from './ollamaWire';

const hello: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };
const stream = ndjson(chatStreams.text);
/** Bytes up to the end of the first line. */
const afterFirstLine = Buffer.byteLength(stream.slice(0, stream.indexOf('\n') + 1));

const run = (client: ProviderClient) => streamUntilError(client, hello);

describe('Ollama client faults', () => {
  const fake = useFakeProvider((baseUrl, deps) => createOllamaClient(ollamaSlot(baseUrl), deps));

  it('429 with Retry-After → rate-limit with the delay', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) =>
      replyError(res, 429, { error: 'too many requests' }, { 'retry-after': '3' }),
    );
    const { error } = await run(fake.client);
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.retryAfterMs, 3000);
    assert.match(error.message, /too many requests/);
  });

  it('500 → server; 503 → server', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) =>
      replyError(res, 500, { error: 'llama runner process has terminated' }),
    );
    const first = await run(fake.client);
    assert.equal(first.error.kind, 'server');
    assert.match(first.error.message, /llama runner process has terminated/);
    fake.server.route('POST', '/api/chat', (_req, res) =>
      replyError(res, 503, { error: 'server busy, please try again.  maximum pending requests exceeded' }),
    );
    assert.equal((await run(fake.client)).error.kind, 'server');
  });

  it('404 for a model that is not pulled → not-found with the server message', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) => replyError(res, 404, { error: "model 'qwen3' not found" }));
    const { error } = await run(fake.client);
    assert.equal(error.kind, 'not-found');
    assert.match(error.message, /model 'qwen3' not found/);
  });

  it('send: an {"error"} body with HTTP 200 → server; listModels: 500 → server', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'model requires more system memory (8.0 GiB) than is available (2.1 GiB)' }));
    });
    fake.server.route('GET', '/api/tags', (_req, res) => replyError(res, 500, { error: 'internal' }));
    await assert.rejects(
      fake.client.send(hello),
      (error: unknown) =>
        error instanceof ProviderError && error.kind === 'server' && /more system memory/.test(error.message),
    );
    await assert.rejects(
      fake.client.listModels(),
      (error: unknown) => error instanceof ProviderError && error.kind === 'server' && error.status === 500,
    );
  });

  it('a reset before headers → network', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) => void res.socket?.destroy());
    assert.equal((await run(fake.client)).error.kind, 'network');
  });

  it('a reset mid-stream → network after the text that arrived', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) =>
      replayNdjson(res, stream, { resetAfterBytes: afterFirstLine + 5 }),
    );
    const { error, events } = await run(fake.client);
    assert.equal(error.kind, 'network');
    assert.deepEqual(events, [{ type: 'text-delta', text: 'The' }]);
  });

  it('a stall mid-stream → timeout (idle)', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) =>
      replayNdjson(res, stream, { stallAfterBytes: afterFirstLine + 5 }),
    );
    const { error, events } = await run(fake.client);
    assert.equal(error.kind, 'timeout');
    assert.deepEqual(events, [{ type: 'text-delta', text: 'The' }]);
  });

  it('a truncated stream (no done:true) → invalid-response', async () => {
    const cut = ndjson(chatStreams.text.slice(0, -1));
    fake.server.route('POST', '/api/chat', (_req, res) => replayNdjson(res, cut));
    const { error, events } = await run(fake.client);
    assert.equal(error.kind, 'invalid-response');
    assert.equal(events.length, 3);
  });

  it('a malformed line → invalid-response', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) =>
      replayNdjson(res, stream.replace('"content":" sky is"', '"content":" sky is')),
    );
    assert.equal((await run(fake.client)).error.kind, 'invalid-response');
  });

  it('cancel mid-stream closes the socket and surfaces as cancelled', async () => {
    let closed = false;
    fake.server.route('POST', '/api/chat', async (_req, res) => {
      res.on('close', () => (closed = true));
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      await writeInPieces(res, Buffer.from(stream), { stallAfterBytes: afterFirstLine });
    });
    const events = await streamAndCancelAfterFirstEvent(fake.client, hello);
    assert.deepEqual(events, [{ type: 'text-delta', text: 'The' }]);
    await eventually(() => closed && fake.server.openSockets() === 0, 2000, 'the server to see the socket closed');
  });
});
