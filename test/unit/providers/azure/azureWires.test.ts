import * as assert from 'node:assert/strict';
import type { AzureKeySlot } from '../../../../src/config/types';
import { providerModules } from '../../../../src/providers';
import type { ChatRequest, ProviderDeps } from '../../../../src/providers/types';
import { azureOpenAIHandler } from '../../../fakes/azureOpenAI';
import { startFakeServer, type FakeServer } from '../../../fakes/fakeServer';
import { textOf } from '../../../support/wire/events';
import { REASONING_ANSWER } from '../../../support/wire/samples';
import {
  HELLO,
  collectEvents,
  createTestHttp,
  expectProviderError,
  textOfEvents,
} from '../openaiCompatible/openaiTestKit';
import { azureDeps, azureKeySlot } from './azureTestKit';

const KEY = 'foundry-key-0123456789abcdef01';

/**
 * The wires of an Azure slot beyond Chat Completions for OpenAI models: Foundry models of other providers on the
 * same /openai/v1 path (the Azure AI Model Inference endpoint `/models` is retired: src/config/azureWire.ts), and
 * the Responses API on /openai/v1/responses (learn.microsoft.com/azure/foundry/openai/api-version-lifecycle "Model
 * support", checked 2026-12-06), against the fake resource.
 */
describe('Azure slot: Foundry models of every provider, and the Responses API', () => {
  const http = createTestHttp();
  let server: FakeServer;
  after(() => http.close());
  afterEach(async () => server?.close());

  async function resource(responsesOnly: string[] = []): Promise<void> {
    server = await startFakeServer(
      azureOpenAIHandler({
        apiKey: KEY,
        deployments: ['DeepSeek-R1', 'grok-4.7', 'Llama-4-Maverick', 'gpt-5.5', 'gpt-5.1-codex', 'coder'],
        responsesOnly: ['gpt-5.1-codex', ...responsesOnly],
        answer: REASONING_ANSWER,
      }),
    );
  }

  const slot = (overrides: Partial<AzureKeySlot>): AzureKeySlot =>
    azureKeySlot(server.url, { model: 'DeepSeek-R1', ...overrides });
  const deps = (): ProviderDeps => azureDeps(http, KEY);

  const ask = (overrides: Partial<AzureKeySlot>, request: ChatRequest = HELLO) =>
    collectEvents(providerModules.azure.create(slot(overrides), deps()).streamChat(request));

  it('DeepSeek, Grok and Llama deployments answer on /openai/v1/chat/completions by name, with max_tokens and temperature', async () => {
    await resource();
    for (const model of ['DeepSeek-R1', 'grok-4.7', 'Llama-4-Maverick']) {
      const events = await ask({ model }, { ...HELLO, maxTokens: 300, temperature: 0.2 });
      assert.equal(textOfEvents(events), textOf(REASONING_ANSWER));
      const request = server.requests.at(-1)!;
      assert.equal(request.url, '/openai/v1/chat/completions');
      assert.equal(request.headers['api-key'], KEY);
      assert.equal(request.json.model, model);
      assert.equal(request.json.max_tokens, 300, 'not an OpenAI reasoning model: max_tokens as Foundry documents it');
      assert.equal(request.json.temperature, 0.2);
    }
  });

  it('api = "openai-responses" sends every model to /openai/v1/responses (input, store false, the deployment as model)', async () => {
    await resource();
    const events = await ask(
      { model: 'gpt-5.5', api: 'openai-responses', deployments: { 'gpt-5.5': 'gpt-5.5' } },
      { ...HELLO, maxTokens: 500, reasoning: { effort: 'low' } },
    );
    assert.equal(textOfEvents(events), textOf(REASONING_ANSWER));
    assert.ok(
      events.some((event) => event.type === 'reasoning-delta'),
      'the reasoning summary streams',
    );
    const request = server.requests[0];
    assert.equal(request.url, '/openai/v1/responses');
    assert.equal(request.headers['api-key'], KEY);
    assert.equal(request.json.model, 'gpt-5.5');
    assert.equal(request.json.store, false);
    assert.equal(request.json.max_output_tokens, 500);
    assert.deepEqual(request.json.reasoning, { effort: 'low', summary: 'auto' });
    assert.ok(Array.isArray(request.json.input) && request.json.messages === undefined);
    await ask({ model: 'grok-4.7', api: 'openai-responses', apiVersion: 'preview' });
    assert.equal(server.requests[1].url, '/openai/v1/responses?api-version=preview');
  });

  it('a codex model goes to Responses without being told; one hidden behind a deployment name gets the fix', async () => {
    await resource(['coder']);
    await ask({ model: 'gpt-5.1-codex' });
    assert.equal(server.requests[0].url, '/openai/v1/responses');
    const error = await expectProviderError(ask({ model: 'my-coder', deployments: { 'my-coder': 'coder' } }));
    assert.equal(error.kind, 'bad-request');
    assert.equal(error.code, 'OperationNotSupported');
    assert.match(error.message, /deployment "coder" has no Chat Completions.*api = "openai-responses"/);
    const answered = await ask({ model: 'my-coder', deployments: { 'my-coder': 'coder' }, api: 'openai-responses' });
    assert.equal(textOfEvents(answered), textOf(REASONING_ANSWER));
    assert.equal(server.requests.at(-1)!.url, '/openai/v1/responses');
  });

  it('Responses on the classic dated path is refused before anything is sent, with the fix', async () => {
    await resource();
    for (const overrides of [
      { model: 'gpt-5.1-codex', apiVersion: '2024-10-21' },
      { model: 'gpt-5.5', apiVersion: '2025-04-01-preview', api: 'openai-responses' as const },
    ]) {
      const error = await expectProviderError(ask(overrides));
      assert.equal(error.code, 'responses-needs-v1');
      assert.match(
        error.message,
        /needs the Responses API, on the v1 path only: remove api_version = ".*" or write "preview"/,
      );
    }
    assert.equal(server.requests.length, 0);
  });

  it('the fake holds Azure to its wire: Chat Completions bodies on /responses and unknown paths are refused', async () => {
    await resource();
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'api-key': KEY, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal((await post('/openai/v1/responses', { model: 'gpt-5.5', messages: [] })).status, 400);
    assert.equal((await post('/models/chat/completions', { model: 'DeepSeek-R1', messages: [] })).status, 404);
    assert.equal((await post('/openai/v1/chat/completions', { model: 'gpt-5.1-codex', messages: [] })).status, 400);
  });
});
