import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { collectChat } from '../../../../src/providers/collect';
import type { ChatRequest } from '../../../../src/providers/types';
import { createVertexClient } from '../../../../src/providers/vertex/client';
import { vertexModule } from '../../../../src/providers/vertex/module';
import { eventually } from '../../../fakes/fakeServer';
import { geminiPayloads, googleErrorBody } from '../../../support/wire/gemini';
import { TEXT_ANSWER } from '../../../support/wire/samples';
import { streamAndCancelAfterFirstEvent, streamUntilError } from '../../../fakes/providerHarness';
import { replaySse, replyError, sseFromPayloads, type WriteOptions } from '../../../fakes/wire';
import { geminiPath, vertexSlot, useVertexServer } from './vertexWire';

const HI: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };
const text = () => geminiPayloads(TEXT_ANSWER);

describe('Vertex tokens and faults', function () {
  const ctx = useVertexServer();

  const client = () => createVertexClient(vertexSlot(ctx.server.url, ctx.account.keyFile), ctx.deps);
  const serveText = (options: WriteOptions = {}) =>
    ctx.server.route('POST', geminiPath(), (_request, response) =>
      replaySse(response, sseFromPayloads(text(), { done: false }), options),
    );
  const modelCalls = () => ctx.server.requests.filter((request) => request.url.startsWith('/v1/'));

  it('20 simultaneous requests mint one token; the next request reuses it', async () => {
    serveText();
    const vertex = client();
    const results = await Promise.all(Array.from({ length: 20 }, () => collectChat(vertex.streamChat(HI))));
    assert.ok(results.every((result) => result.finishReason === 'stop'));
    assert.deepEqual(ctx.tokenEndpoint.issued, ['ya29.fake-1']);
    await collectChat(vertex.streamChat(HI));
    assert.equal(ctx.tokenEndpoint.issued.length, 1);
    assert.ok(modelCalls().every((request) => request.headers.authorization === 'Bearer ya29.fake-1'));
  });

  it('a token is replaced a minute before it expires, not before', async () => {
    serveText();
    const vertex = client();
    await collectChat(vertex.streamChat(HI));
    ctx.clock += 3600_000 - 61_000;
    await collectChat(vertex.streamChat(HI));
    assert.equal(ctx.tokenEndpoint.issued.length, 1);
    ctx.clock += 2_000;
    await collectChat(vertex.streamChat(HI));
    assert.deepEqual(ctx.tokenEndpoint.issued, ['ya29.fake-1', 'ya29.fake-2']);
    assert.equal(modelCalls()[2].headers.authorization, 'Bearer ya29.fake-2');
  });

  it('a 401 (token revoked or expired early) mints a new token once and retries once', async () => {
    ctx.server.route('POST', geminiPath(), (request, response) =>
      request.headers.authorization === 'Bearer ya29.fake-1'
        ? replyError(response, 401, {
            error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
          })
        : replaySse(response, sseFromPayloads(text(), { done: false })),
    );
    const result = await collectChat(client().streamChat(HI));
    assert.equal(result.finishReason, 'stop');
    assert.deepEqual(ctx.tokenEndpoint.issued, ['ya29.fake-1', 'ya29.fake-2']);
    assert.deepEqual(
      modelCalls().map((request) => request.headers.authorization),
      ['Bearer ya29.fake-1', 'Bearer ya29.fake-2'],
    );
  });

  it('20 simultaneous requests that all meet a revoked token share one new token', async () => {
    ctx.server.route('POST', geminiPath(), (request, response) =>
      request.headers.authorization === 'Bearer ya29.fake-1'
        ? replyError(response, 401, {
            error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
          })
        : replaySse(response, sseFromPayloads(text(), { done: false })),
    );
    const vertex = client();
    const results = await Promise.all(Array.from({ length: 20 }, () => collectChat(vertex.streamChat(HI))));
    assert.ok(results.every((result) => result.finishReason === 'stop'));
    assert.deepEqual(ctx.tokenEndpoint.issued, ['ya29.fake-1', 'ya29.fake-2']);
    assert.equal(modelCalls().length, 40);
  });

  it('a second 401 is an auth error: no refresh loop', async () => {
    ctx.server.route('POST', geminiPath(), (_request, response) =>
      replyError(response, 401, {
        error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
      }),
    );
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.equal(modelCalls().length, 2);
    assert.equal(ctx.tokenEndpoint.issued.length, 2);
  });

  it('the token endpoint refusing the key is an auth error naming the account and file, without the assertion', async () => {
    ctx.tokenEndpoint.refuseWith = {
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    };
    serveText();
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /invalid_grant: Invalid JWT Signature\./);
    assert.ok(error.message.includes(ctx.account.keyFile));
    assert.ok(!error.message.includes('eyJ'));
    assert.equal(modelCalls().length, 0);
  });

  it('a token endpoint that quotes the assertion back does not put it in the error', async () => {
    let echoed = '';
    ctx.tokenEndpoint.refuseWith = {
      status: 400,
      body: (assertion: string) => ({
        error: 'invalid_grant',
        error_description: `bad assertion ${(echoed = assertion)}`,
      }),
    };
    serveText();
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'auth');
    assert.ok(echoed.length > 100, 'the fake echoed the assertion');
    assert.match(error.message, /invalid_grant: bad assertion ‹redacted›/);
    for (const part of echoed.split('.')) assert.ok(!error.message.includes(part), error.message);
  });

  it('429 RESOURCE_EXHAUSTED: RetryInfo.retryDelay "34.4s" becomes retryAfterMs 34400', async () => {
    ctx.server.route('POST', geminiPath(), (_request, response) =>
      replyError(
        response,
        429,
        googleErrorBody(
          429,
          'RESOURCE_EXHAUSTED',
          'You exceeded your current quota, please check your plan and billing details.',
          '34.4s',
        ),
      ),
    );
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.status, 429);
    assert.equal(error.code, 'RESOURCE_EXHAUSTED');
    assert.equal(error.retryAfterMs, 34_400);
    assert.match(error.message, /You exceeded your current quota/);
  });

  for (const [status, googleStatus, kind] of [
    [503, 'UNAVAILABLE', 'server'],
    [500, 'INTERNAL', 'server'],
    [400, 'INVALID_ARGUMENT', 'bad-request'],
    [403, 'PERMISSION_DENIED', 'auth'],
    [404, 'NOT_FOUND', 'not-found'],
  ] as const) {
    it(`HTTP ${status} ${googleStatus} (streaming array body) is ${kind}`, async () => {
      ctx.server.route('POST', geminiPath(), (_request, response) =>
        replyError(response, status, [
          { error: { code: status, message: `${googleStatus} from the fake`, status: googleStatus } },
        ]),
      );
      const { error } = await streamUntilError(client(), HI);
      assert.equal(error.kind, kind);
      assert.equal(error.status, status);
      assert.match(error.message, new RegExp(`${googleStatus} from the fake`));
    });
  }

  it('an error object inside the stream is typed after the text that came first', async () => {
    const lines = text().slice(0, 2);
    ctx.server.route('POST', geminiPath(), (_request, response) =>
      replaySse(
        response,
        sseFromPayloads(
          [
            ...lines,
            JSON.stringify({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }),
          ],
          { done: false },
        ),
      ),
    );
    const { error, events } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'server');
    assert.match(error.message, /overloaded/);
    assert.ok(events.some((event) => event.type === 'text-delta'));
  });

  it('a malformed chunk is invalid-response', async () => {
    ctx.server.route('POST', geminiPath(), (_request, response) =>
      replaySse(response, sseFromPayloads([text()[0], '{"candidates":[{"content":'], { done: false })),
    );
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'invalid-response');
  });

  it('a stream that ends without a finishReason is invalid-response (truncated)', async () => {
    ctx.server.route('POST', geminiPath(), (_request, response) =>
      replaySse(response, sseFromPayloads(text().slice(0, -1), { done: false })),
    );
    const { error } = await streamUntilError(client(), HI);
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /without a finishReason/);
  });

  it('a reset mid-stream is network; a stall is timeout', async () => {
    serveText({ resetAfterBytes: 200 });
    assert.equal((await streamUntilError(client(), HI)).error.kind, 'network');
    serveText({ stallAfterBytes: 200 });
    assert.equal((await streamUntilError(client(), HI)).error.kind, 'timeout');
  });

  it('cancelling after the first event closes the model connection (the server sees it cut before the end)', async () => {
    const sse = sseFromPayloads(text(), { done: false });
    let cut = false;
    ctx.server.route('POST', geminiPath(), (_request, response) => {
      response.on('close', () => (cut = !response.writableFinished));
      return replaySse(response, sse, { stallAfterBytes: Buffer.byteLength(sse) - 20 });
    });
    const events = await streamAndCancelAfterFirstEvent(client(), HI);
    assert.equal(events.length, 1);
    await eventually(() => cut, 2000, 'the model response to be cut');
  });

  describe('invalid key files: a clear error naming the file, in preflight and on request', () => {
    const cases: Array<[string, (file: string) => Promise<void>, RegExp]> = [
      ['missing', async (file) => fs.rm(file), /does not exist/],
      ['not JSON', async (file) => fs.writeFile(file, 'not json {'), /is not JSON/],
      [
        'not a service account',
        async (file) =>
          fs.writeFile(file, JSON.stringify({ type: 'authorized_user', client_id: 'x', refresh_token: 'y' })),
        /"authorized_user" credential/,
      ],
      [
        'missing fields',
        async (file) => fs.writeFile(file, JSON.stringify({ type: 'service_account', project_id: 'p' })),
        /missing client_email and private_key/,
      ],
      [
        'bad PEM',
        async (file) => {
          const json = JSON.parse(await fs.readFile(file, 'utf8'));
          await fs.writeFile(
            file,
            JSON.stringify({
              ...json,
              private_key: '-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----\n',
            }),
          );
        },
        /not a valid PKCS#8 PEM/,
      ],
    ];
    for (const [name, spoil, pattern] of cases) {
      it(name, async () => {
        await spoil(ctx.account.keyFile);
        serveText();
        const slot = vertexSlot(ctx.server.url, ctx.account.keyFile);
        const problem = await vertexModule.preflight!(slot, ctx.deps);
        assert.match(problem ?? '', pattern);
        assert.ok(problem?.includes(ctx.account.keyFile), problem);
        const { error } = await streamUntilError(client(), HI);
        assert.equal(error.kind, 'auth');
        assert.match(error.message, pattern);
        assert.ok(error.message.includes(ctx.account.keyFile));
        assert.equal(modelCalls().length, 0);
      });
    }

    it('no key file at all names both places to set one; a good file passes preflight', async () => {
      const problem = await vertexModule.preflight!(vertexSlot(ctx.server.url, undefined), ctx.deps);
      assert.match(problem ?? '', /key_file.*GOOGLE_APPLICATION_CREDENTIALS/);
      assert.equal(await vertexModule.preflight!(vertexSlot(ctx.server.url, ctx.account.keyFile), ctx.deps), undefined);
      const noProject = path.join(ctx.account.dir, 'no-project.json');
      const json = JSON.parse(await fs.readFile(ctx.account.keyFile, 'utf8'));
      await fs.writeFile(noProject, JSON.stringify({ ...json, project_id: undefined }));
      assert.match(
        (await vertexModule.preflight!(vertexSlot(ctx.server.url, noProject), ctx.deps)) ?? '',
        /project_id/,
      );
    });
  });
});
