import * as assert from 'node:assert/strict';
import { collectChat } from '../../../../src/providers/collect';
import { createOllamaClient } from '../../../../src/providers/ollama/client';
import { contextLengthOfShow, ollamaContextSize } from '../../../../src/providers/ollama/ollamaContextSize';
import type { ChatRequest } from '../../../../src/providers/types';
import { useFakeProvider } from '../../../fakes/providerHarness';
import { chatStreams, ndjson, ollamaSlot, replayNdjson } from './ollamaWire';

const prompt = (characters: number): ChatRequest => ({
  messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(characters) }] }],
});

describe('Ollama num_ctx: long prompts are not cut at the server default (4096)', () => {
  const fake = useFakeProvider((baseUrl, deps) => createOllamaClient(ollamaSlot(baseUrl), deps));
  beforeEach(() => {
    fake.server.route('POST', '/api/chat', (_request, response) => replayNdjson(response, ndjson(chatStreams.text)));
  });

  it('a short prompt sends no num_ctx and asks nothing else', async () => {
    await collectChat(fake.client.streamChat(prompt(400)));
    assert.deepEqual(
      fake.server.requests.map((request) => request.url),
      ['/api/chat'],
    );
    assert.equal(fake.server.requests[0].json.options?.num_ctx, undefined);
  });

  it('a long prompt gets a num_ctx that holds it (a power of two), capped at the model context from /api/show, asked once', async () => {
    fake.server.route(
      'POST',
      '/api/show',
      (_request, response) =>
        void response.end(
          JSON.stringify({ model_info: { 'general.architecture': 'llama', 'llama.context_length': 131072 } }),
        ),
    );
    await collectChat(fake.client.streamChat(prompt(4 * 20_000)));
    await collectChat(fake.client.streamChat(prompt(4 * 200_000)));
    assert.deepEqual(
      fake.server.requests.map((request) => request.url),
      ['/api/show', '/api/chat', '/api/chat'],
    );
    assert.equal(fake.server.requests[1].json.options.num_ctx, 32768);
    assert.equal(fake.server.requests[2].json.options.num_ctx, 131072, 'never past the model context');
  });

  it('without /api/show (an older server, a proxy) the size still goes, uncapped', async () => {
    await collectChat(fake.client.streamChat(prompt(4 * 10_000)));
    assert.equal(fake.server.requests.at(-1)!.json.options.num_ctx, 16384);
  });

  it('sizes: nothing under the default, then powers of two from 8192; the answer gets room', () => {
    assert.equal(ollamaContextSize(1000, undefined, undefined), undefined);
    assert.equal(ollamaContextSize(3000, 2000, undefined), 8192);
    assert.equal(ollamaContextSize(9000, 1000, 8192), 8192);
    assert.equal(contextLengthOfShow({ model_info: { 'qwen3.context_length': 40960 } }), 40960);
    assert.equal(contextLengthOfShow({}), undefined);
  });
});
