import * as assert from 'node:assert/strict';
import { findLocalOllama } from '../../../../src/host/configService/localOllama';
import { createHttpClient } from '../../../../src/util/http';
import { startFakeServer, type FakeServer } from '../../../fakes/fakeServer';
import { replyError } from '../../../fakes/wire';

describe('findLocalOllama', () => {
  let server: FakeServer;
  const http = createHttpClient();

  afterEach(async () => server?.close());
  after(async () => http.close());

  it('makes one Ollama slot with the first installed model when /api/tags answers', async () => {
    server = await startFakeServer();
    server.route('GET', '/api/tags', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          models: [
            { name: 'llama3.2:latest', model: 'llama3.2:latest' },
            { name: 'qwen3:8b', model: 'qwen3:8b' },
          ],
        }),
      );
    });
    const config = await findLocalOllama(http, server.url);
    assert.ok(config);
    assert.deepEqual(
      config.slots.map((slot) => [slot.id, slot.kind, slot.model, slot.baseUrl]),
      [['ollama', 'ollama', 'llama3.2:latest', server.url]],
    );
    assert.equal(config.fromEnvironment, true);
    assert.equal(server.requests[0].url, '/api/tags');
  });

  it('gives nothing when Ollama has no model, answers an error, or is not running', async () => {
    server = await startFakeServer();
    server.route('GET', '/api/tags', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"models":[]}');
    });
    assert.equal(await findLocalOllama(http, server.url), undefined);
    server.route('GET', '/api/tags', (_request, response) => replyError(response, 500, { error: 'boom' }));
    assert.equal(await findLocalOllama(http, server.url), undefined);
    const url = server.url;
    await server.close();
    assert.equal(await findLocalOllama(http, url), undefined);
  });

  it('gives up after its timeout when Ollama hangs', async () => {
    server = await startFakeServer();
    server.route('GET', '/api/tags', () => undefined); // never answers
    assert.equal(await findLocalOllama(http, server.url, 150), undefined);
  });
});
