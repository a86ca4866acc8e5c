import * as assert from 'node:assert/strict';
import { MemoryCredentialStore } from '../../../../src/auth/credentialStore';
import type { AzureKeySlot } from '../../../../src/config/types';
import { providerModules } from '../../../../src/providers';
import type { ChatRequest, ProviderDeps } from '../../../../src/providers/types';
import { azureOpenAIHandler, type AzureFakeOptions } from '../../../fakes/azureOpenAI';
import { startFakeServer, type FakeServer } from '../../../fakes/fakeServer';
import { replyError } from '../../../fakes/wire';
import { textDeltas, textOf } from '../../../support/wire/events';
import { TEXT_ANSWER } from '../../../support/wire/samples';
import {
  HELLO,
  collectEvents,
  createTestHttp,
  expectProviderError,
  textOfEvents,
} from '../openaiCompatible/openaiTestKit';
import { azureDeps, azureKeySlot } from './azureTestKit';

const KEY = 'azure-key-0123456789abcdef0123';

describe('Azure OpenAI slot', () => {
  const http = createTestHttp();
  let server: FakeServer;
  after(() => http.close());
  afterEach(async () => server?.close());

  async function resource(options: Partial<AzureFakeOptions> = {}): Promise<FakeServer> {
    server = await startFakeServer(
      azureOpenAIHandler({ apiKey: KEY, deployments: ['gpt-5.5', 'prod-gpt41'], ...options }),
    );
    return server;
  }

  const slot = (overrides: Partial<AzureKeySlot> = {}): AzureKeySlot =>
    azureKeySlot(server.url, { deployments: { 'gpt-4.1': 'prod-gpt41' }, ...overrides });
  const deps = (key = KEY): ProviderDeps => azureDeps(http, key);

  it('v1 (default): POST /openai/v1/chat/completions with api-key, no api-version, the deployment as model; the prompt-filter chunk is skipped', async () => {
    await resource();
    const client = providerModules.azure.create(slot({ model: 'gpt-4.1' }), deps());
    const events = await collectEvents(client.streamChat(HELLO));
    assert.equal(textOfEvents(events), textOf(TEXT_ANSWER));
    const [request] = server.requests;
    assert.equal(request.url, '/openai/v1/chat/completions');
    assert.equal(request.headers['api-key'], KEY);
    assert.equal(request.headers.authorization, undefined);
    assert.equal(request.json.model, 'prod-gpt41');
    assert.deepEqual(request.json.stream_options, { include_usage: true });
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop', rawReason: 'stop' });
  });

  it('a dated api_version uses the classic deployment path with ?api-version=', async () => {
    await resource();
    const client = providerModules.azure.create(slot({ model: 'gpt-4.1', apiVersion: '2024-10-21' }), deps());
    await collectEvents(client.streamChat(HELLO));
    assert.equal(server.requests[0].url, '/openai/deployments/prod-gpt41/chat/completions?api-version=2024-10-21');
  });

  it('"preview" keeps the v1 path and sends api-version=preview', async () => {
    await resource();
    await collectEvents(providerModules.azure.create(slot({ apiVersion: 'preview' }), deps()).streamChat(HELLO));
    assert.equal(server.requests[0].url, '/openai/v1/chat/completions?api-version=preview');
  });

  it('a reasoning model gets max_completion_tokens (the fake refuses max_tokens as Azure does)', async () => {
    await resource();
    const request: ChatRequest = { ...HELLO, maxTokens: 256, temperature: 0.3 };
    await collectEvents(providerModules.azure.create(slot(), deps()).streamChat(request));
    const body = server.requests[0].json;
    assert.equal(body.max_completion_tokens, 256);
    assert.equal('max_tokens' in body, false);
    assert.equal('temperature' in body, false);
  });

  it('a wrong key is an auth error (401), never echoing the key', async () => {
    await resource();
    const error = await expectProviderError(
      collectEvents(providerModules.azure.create(slot(), deps('wrong-key-0123456789')).streamChat(HELLO)),
    );
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.doesNotMatch(error.message, /wrong-key/);
  });

  it('DeploymentNotFound names the deployment and how to fix it', async () => {
    await resource();
    const error = await expectProviderError(
      collectEvents(providerModules.azure.create(slot({ model: 'gpt-6' }), deps()).streamChat(HELLO)),
    );
    assert.equal(error.kind, 'not-found');
    assert.equal(error.code, 'DeploymentNotFound');
    assert.match(error.message, /no deployment "gpt-6".*deployments/);
  });

  it('an api-version the resource does not take is a bad request that names api_version', async () => {
    await resource();
    const error = await expectProviderError(
      collectEvents(providerModules.azure.create(slot({ apiVersion: '2019-01-01' }), deps()).streamChat(HELLO)),
    );
    assert.equal(error.kind, 'bad-request');
    assert.match(error.message, /API version not supported.*api_version = "2019-01-01"/);
  });

  it('a prompt the content filter refuses is a typed error naming the flagged category, and does not fail over', async () => {
    await resource({ blockedWord: 'forbidden' });
    const request: ChatRequest = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'something forbidden' }] }],
    };
    const error = await expectProviderError(
      collectEvents(providerModules.azure.create(slot(), deps()).streamChat(request)),
    );
    assert.equal(error.kind, 'bad-request');
    assert.equal(error.code, 'content_filter');
    assert.match(error.message, /content filter refused the prompt \(violence: medium\)/);
    assert.equal(error.failsOver, false);
  });

  it('finish_reason content_filter ends the stream with a content_filter error after the text that came', async () => {
    await resource({ answer: [...textDeltas('Here is how '), { type: 'finish', reason: 'content-filter' }] });
    const events: unknown[] = [];
    const error = await expectProviderError(
      (async () => {
        for await (const event of providerModules.azure.create(slot(), deps()).streamChat(HELLO)) events.push(event);
      })(),
    );
    assert.equal(error.code, 'content_filter');
    assert.ok(events.length > 0, 'the text before the filter stopped it is kept');
  });

  it('a 429 is a rate-limit with retry-after-ms (or x-ms-retry-after-ms) preferred to Retry-After', async () => {
    server = await startFakeServer((_request, response) =>
      replyError(
        response,
        429,
        {
          error: {
            code: '429',
            message:
              'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version v1 have exceeded token rate limit. Please retry after 6 seconds.',
          },
        },
        { 'retry-after': '6', 'retry-after-ms': '5500' },
      ),
    );
    const error = await expectProviderError(
      collectEvents(providerModules.azure.create(slot(), deps()).streamChat(HELLO)),
    );
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.retryAfterMs, 5500);
    await server.close();
    server = await startFakeServer((_request, response) =>
      replyError(
        response,
        429,
        { error: { code: '429', message: 'Rate limit is exceeded.' } },
        { 'x-ms-retry-after-ms': '1200' },
      ),
    );
    assert.equal(
      (await expectProviderError(collectEvents(providerModules.azure.create(slot(), deps()).streamChat(HELLO))))
        .retryAfterMs,
      1200,
    );
  });

  it('a model that is not a deployment name never reaches the URL', async () => {
    await resource();
    const error = await expectProviderError(
      collectEvents(
        providerModules.azure
          .create(slot({ apiVersion: '2024-10-21' }), deps())
          .streamChat({ ...HELLO, model: '../../evil?x=' }),
      ),
    );
    assert.equal(error.kind, 'bad-request');
    assert.equal(server.requests.length, 0);
  });

  it('send() reads a whole answer; listModels offers the configured model and the mapped ones', async () => {
    await resource();
    const client = providerModules.azure.create(slot(), deps());
    server.route('POST', '/openai/v1/chat/completions', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          model: 'gpt-5.5',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'Hi' },
              finish_reason: 'stop',
              content_filter_results: {},
            },
          ],
          prompt_filter_results: [],
          usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
        }),
      );
    });
    const result = await client.send(HELLO);
    assert.equal(result.text, 'Hi');
    assert.equal(server.requests[0].json.model, 'gpt-5.5');
    assert.deepEqual(
      (await client.listModels()).map((model) => model.id),
      ['gpt-5.5', 'gpt-4.1'],
    );
  });

  it('preflight says how to give the slot its key', async () => {
    await resource();
    const reason = await providerModules.azure.preflight!(slot(), {
      ...deps(),
      credentials: new MemoryCredentialStore(),
    });
    assert.match(reason ?? '', /Set API Key.*AZURE_API_KEY/);
  });
});
