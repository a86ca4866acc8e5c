import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { MemoryCredentialStore, secretKeys } from '../../../../src/auth/credentialStore';
import type { OpenAISlot } from '../../../../src/config/types';
import { providerModules } from '../../../../src/providers';
import { OPENAI_DEFAULT_BASE_URL, createOpenAIClient } from '../../../../src/providers/openai/client';
import { isOpenAIReasoningModel } from '../../../../src/providers/openai/isOpenAIReasoningModel';
import type { ChatRequest, ProviderDeps } from '../../../../src/providers/types';
import { ProviderError } from '../../../../src/util/errors';
import type { HttpClient, HttpRequest } from '../../../../src/util/http';
import { silentLogger } from '../../../../src/util/logger';
import { openaiChatPayloads } from '../../../support/wire/openaiChat';
import { responsesPayloads } from '../../../support/wire/openaiResponses';
import { REASONING_ANSWER, TEXT_ANSWER } from '../../../support/wire/samples';
import { replaySse, replyError, sseFromPayloads } from '../../../fakes/wire';
import {
  HELLO,
  chunk,
  collectEvents,
  expectProviderError,
  textOfEvents,
  useFakeServer,
} from '../openaiCompatible/openaiTestKit';

const KEY = 'sk-openai-test-abcdef0123';
const STOP_STREAM = sseFromPayloads([chunk({ content: 'ok' }), chunk({}, 'stop')]);

describe('native OpenAI slot', () => {
  const { server, http } = useFakeServer();

  function slot(overrides: Partial<OpenAISlot> = {}): OpenAISlot {
    return {
      id: 'openai',
      kind: 'openai',
      displayName: 'OpenAI',
      model: 'gpt-4.1-nano',
      baseUrl: `${server.url}/v1`,
      apiKey: { type: 'store' },
      source: { file: 'skynet.toml', line: 1, column: 1 },
      ...overrides,
    };
  }

  function deps(overrides: Partial<ProviderDeps> = {}): ProviderDeps {
    const credentials = new MemoryCredentialStore({ [secretKeys.apiKey('openai')]: KEY });
    return { http, logger: silentLogger, credentials, env: {}, now: () => Date.now(), homeDir: '/tmp', ...overrides };
  }

  const LIMITED: ChatRequest = { ...HELLO, maxTokens: 64, temperature: 0.5, topP: 0.8 };

  it('is registered and sends Bearer, organisation and project headers with stream_options', async () => {
    server.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, STOP_STREAM));
    const client = providerModules.openai!.create(slot({ organization: 'org-123', project: 'proj_456' }), deps());
    await collectEvents(client.streamChat(LIMITED));
    const [request] = server.requests;
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    assert.equal(request.headers['openai-organization'], 'org-123');
    assert.equal(request.headers['openai-project'], 'proj_456');
    assert.deepEqual(request.json.stream_options, { include_usage: true });
    assert.equal(request.json.model, 'gpt-4.1-nano');
    assert.equal(request.json.max_tokens, 64);
    assert.equal(request.json.temperature, 0.5);
    assert.equal('max_completion_tokens' in request.json, false);
  });

  it('sends no organisation or project header when none is configured', async () => {
    server.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, STOP_STREAM));
    await collectEvents(createOpenAIClient(slot(), deps()).streamChat(HELLO));
    assert.equal(server.requests[0].headers['openai-organization'], undefined);
    assert.equal(server.requests[0].headers['openai-project'], undefined);
  });

  for (const model of ['o1', 'o3-mini', 'o4-mini', 'gpt-5', 'gpt-5-mini']) {
    it(`${model}: max_completion_tokens instead of max_tokens, no sampling parameters`, async () => {
      server.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, STOP_STREAM));
      await collectEvents(createOpenAIClient(slot({ model }), deps()).streamChat(LIMITED));
      const body = server.requests[0].json;
      assert.equal(body.model, model);
      assert.equal(body.max_completion_tokens, 64);
      assert.equal('max_tokens' in body, false);
      assert.equal('temperature' in body, false);
      assert.equal('top_p' in body, false);
    });
  }

  it('tells reasoning models from the others', () => {
    const reasoning = ['o1', 'o1-mini', 'o3', 'o3-pro', 'o4-mini', 'gpt-5', 'gpt-5-nano', 'gpt-5.1', 'openai/o3-mini'];
    const others = ['gpt-4o', 'gpt-4.1-nano', 'gpt-50', 'omni-moderation-latest', 'chatgpt-4o-latest', 'gpt-4o-mini'];
    assert.deepEqual(
      reasoning.filter((model) => !isOpenAIReasoningModel(model)),
      [],
    );
    assert.deepEqual(others.filter(isOpenAIReasoningModel), []);
  });

  it('maps the "use max_completion_tokens" error body to bad-request with its message', async function () {
    // The body OpenAI sends a reasoning model given max_tokens (vercel/ai packages/openai/src/chat/__fixtures__/
    // reasoning-model-legacy-parameter-error.json, checked 2026-12-05).
    const body = {
      error: {
        message:
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        type: 'invalid_request_error',
        param: 'max_tokens',
        code: 'unsupported_parameter',
      },
    };
    server.route('POST', '/v1/chat/completions', (_req, res) => replyError(res, 400, body));
    const error = await expectProviderError(collectEvents(createOpenAIClient(slot(), deps()).streamChat(LIMITED)));
    assert.equal(error.kind, 'bad-request');
    assert.equal(error.status, 400);
    assert.equal(error.code, 'unsupported_parameter');
    assert.match(
      error.message,
      /Unsupported parameter: 'max_tokens' is not supported with this model\. Use 'max_completion_tokens' instead\./,
    );
    assert.equal(error.failsOver, false);
  });

  it('replays a long gpt-4.1-nano stream: the SDK and the client agree on text and usage', async function () {
    const lines = openaiChatPayloads(TEXT_ANSWER, { model: 'gpt-4.1-nano-2025-04-14' });
    server.route('POST', '/v1/chat/completions', (_req, res) =>
      replaySse(res, sseFromPayloads(lines), { chunkSizes: [5, 1, 2, 250, 3] }),
    );
    const sdk = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const final = await sdk.chat.completions
      .stream({
        model: 'gpt-4.1-nano',
        messages: [{ role: 'user', content: 'Hello' }],
        stream_options: { include_usage: true },
      })
      .finalChatCompletion();
    const events = await collectEvents(createOpenAIClient(slot(), deps()).streamChat(HELLO));
    assert.equal(textOfEvents(events), final.choices[0].message.content);
    assert.deepEqual(events.slice(-2), [
      {
        type: 'usage',
        inputTokens: final.usage!.prompt_tokens,
        outputTokens: final.usage!.completion_tokens,
        totalTokens: final.usage!.total_tokens,
        reasoningTokens: 0,
        cachedInputTokens: 0,
      },
      { type: 'finish', reason: 'stop', rawReason: final.choices[0].finish_reason },
    ]);
  });

  it('lists models from GET /v1/models', async () => {
    server.route('GET', '/v1/models', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: [
            { id: 'gpt-4.1-nano', object: 'model', owned_by: 'system' },
            { id: 'o3-mini', object: 'model' },
          ],
        }),
      );
    });
    const models = await createOpenAIClient(slot(), deps()).listModels();
    assert.deepEqual(models, [{ id: 'gpt-4.1-nano' }, { id: 'o3-mini' }]);
    assert.equal(server.requests[0].url, '/v1/models');
  });

  it('defaults to https://api.openai.com/v1 when no base_url is set', async () => {
    const seen: string[] = [];
    const recording: HttpClient = {
      async request(request: HttpRequest) {
        seen.push(request.url);
        throw new ProviderError({ kind: 'network', slot: request.provider, message: 'not reached in tests' });
      },
    };
    await expectProviderError(
      collectEvents(createOpenAIClient(slot({ baseUrl: '' }), deps({ http: recording })).streamChat(HELLO)),
    );
    await expectProviderError(createOpenAIClient(slot({ baseUrl: '' }), deps({ http: recording })).listModels());
    assert.equal(OPENAI_DEFAULT_BASE_URL, 'https://api.openai.com/v1');
    assert.deepEqual(seen, ['https://api.openai.com/v1/chat/completions', 'https://api.openai.com/v1/models']);
  });

  it('preflight names the missing key; the request fails as auth without reaching the server', async () => {
    const keyless = deps({ credentials: new MemoryCredentialStore() });
    assert.match(
      (await providerModules.openai!.preflight!(slot({ apiKey: { type: 'env', name: 'OPENAI_API_KEY' } }), keyless)) ??
        '',
      /OPENAI_API_KEY is not set/,
    );
    assert.equal(await providerModules.openai!.preflight!(slot(), deps()), undefined);
    const error = await expectProviderError(collectEvents(createOpenAIClient(slot(), keyless).streamChat(HELLO)));
    assert.equal(error.kind, 'auth');
    assert.equal(server.requests.length, 0);
  });
  it('codex models go to /responses with the same headers; other models stay on /chat/completions', async function () {
    const recording = responsesPayloads(REASONING_ANSWER, { model: 'gpt-5.1-codex' });
    server.route('POST', '/v1/responses', (_req, res) =>
      replaySse(res, sseFromPayloads(recording, { eventNames: true, done: false })),
    );
    server.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, STOP_STREAM));
    const client = createOpenAIClient(slot({ model: 'gpt-5.1-codex', organization: 'org-123' }), deps());
    const events = await collectEvents(client.streamChat(HELLO));
    const expected = recording
      .map((line) => JSON.parse(line) as { type: string; delta?: string })
      .filter((event) => event.type === 'response.output_text.delta')
      .map((event) => event.delta)
      .join('');
    assert.equal(textOfEvents(events), expected);
    await collectEvents(client.streamChat({ ...HELLO, model: 'gpt-4.1-nano' }));
    assert.deepEqual(
      server.requests.map((request) => request.url),
      ['/v1/responses', '/v1/chat/completions'],
    );
    const [responses] = server.requests;
    assert.equal(responses.headers.authorization, `Bearer ${KEY}`);
    assert.equal(responses.headers['openai-organization'], 'org-123');
    assert.equal(responses.json.model, 'gpt-5.1-codex');
    assert.equal(responses.json.store, false);
  });
});
