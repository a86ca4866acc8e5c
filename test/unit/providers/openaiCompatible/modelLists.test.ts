import * as assert from 'node:assert/strict';
import { MemoryCredentialStore } from '../../../../src/auth/credentialStore';
import { parseConfig } from '../../../support/config';
import type { SlotConfig } from '../../../../src/config/types';
import { providerModules } from '../../../../src/providers';
import type { ProviderDeps } from '../../../../src/providers/types';
import { silentLogger } from '../../../../src/util/logger';
import { useFakeServer } from './openaiTestKit';

const KEY = 'key-0123456789abcdef';

/** Model lists as each service really serves them (issue 13, model lists; all checked 2026-12-05). */
describe('model lists of OpenAI-compatible services', () => {
  const { server, http } = useFakeServer();

  function slotFor(id: string, basePath: string): SlotConfig {
    const result = parseConfig(
      `[[providers.openai_compat]]\nid = "${id}"\nbase_url = "${server.url}${basePath}"\napi_key = "${KEY}"\n`,
      'skynet.toml',
      {},
      '/home/tester',
    );
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    return result.config.slots[0];
  }

  const deps = (): ProviderDeps => ({
    http,
    logger: silentLogger,
    credentials: new MemoryCredentialStore(),
    env: {},
    now: () => Date.now(),
    homeDir: '/tmp',
  });
  const list = (slot: SlotConfig) => providerModules['openai-compat'].create(slot, deps()).listModels();

  it('Cohere: its own GET /v1/models?endpoint=chat beside /compatibility/v1, chat models only (docs.cohere.com/reference/list-models)', async () => {
    server.route('GET', '/compatibility/v1/models', (_request, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Not Found' }));
    });
    server.route('GET', '/v1/models', (request, response) => {
      if (request.headers.authorization !== `Bearer ${KEY}`)
        return void response.writeHead(401).end('{"message":"invalid api token"}');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          models: [
            { name: 'command-a-03-2025', endpoints: ['chat'], context_length: 256000, is_deprecated: false },
            { name: 'embed-v4.0', endpoints: ['embed'], context_length: 128000 },
            { name: 'command-r-03-2024', endpoints: ['chat', 'generate'], is_deprecated: true },
            { name: 'command-r7b-12-2024', endpoints: ['chat', 'generate'], context_length: 128000 },
          ],
          next_page_token: '',
        }),
      );
    });
    assert.deepEqual(await list(slotFor('cohere', '/compatibility/v1')), [
      { id: 'command-a-03-2025', contextWindow: 256000 },
      { id: 'command-r7b-12-2024', contextWindow: 128000 },
    ]);
    assert.deepEqual(
      server.requests.map((request) => request.url),
      ['/v1/models?endpoint=chat&page_size=1000'],
    );
  });

  it('Glama: /api/gateway/v1/models beside /api/gateway/openai/v1 (Roo-Code fetchers/glama.ts)', async () => {
    server.route('GET', '/api/gateway/v1/models', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: [{ id: 'anthropic/claude-sonnet-5-5' }, { id: 'openai/gpt-4o' }] }));
    });
    assert.deepEqual(await list(slotFor('glama', '/api/gateway/openai/v1')), [
      { id: 'anthropic/claude-sonnet-5-5' },
      { id: 'openai/gpt-4o' },
    ]);
    assert.deepEqual(
      server.requests.map((request) => request.url),
      ['/api/gateway/v1/models'],
    );
  });

  it('Perplexity has no /models: the configured model and the documented Sonar models, without a request', async () => {
    server.route(
      'GET',
      '/models',
      (_request, response) => void response.writeHead(404).end('{"error":{"message":"Not Found"}}'),
    );
    const models = await list(slotFor('perplexity', ''));
    assert.deepEqual(
      models.map((model) => model.id),
      ['sonar-pro', 'sonar', 'sonar-reasoning-pro', 'sonar-deep-research'],
    );
    assert.equal(server.requests.length, 0);
  });

  it('a registry slot given its own chat_path lists beside that path, as a custom endpoint does', async () => {
    server.route('GET', '/v1/models', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: [{ id: 'proxied' }] }));
    });
    const slot = { ...slotFor('cohere', ''), chatPath: '/v1/chat/completions' } as SlotConfig;
    assert.deepEqual(await list(slot), [{ id: 'proxied' }]);
    assert.deepEqual(
      server.requests.map((request) => request.url),
      ['/v1/models'],
    );
  });
});
