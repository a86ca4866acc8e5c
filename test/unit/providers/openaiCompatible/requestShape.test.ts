import * as assert from 'node:assert/strict';
import { MemoryCredentialStore, secretKeys } from '../../../../src/auth/credentialStore';
import type { OpenAICompatSlot } from '../../../../src/config/types';
import { providerModules } from '../../../../src/providers';
import type { ChatRequest, ProviderDeps } from '../../../../src/providers/types';
import { silentLogger } from '../../../../src/util/logger';
import { replaySse, replyError, sseFromPayloads } from '../../../fakes/wire';
import {
  HELLO,
  TEST_KEY,
  chunk,
  collectEvents,
  createTestClient,
  expectProviderError,
  useFakeServer,
} from './openaiTestKit';

const STOP_STREAM = sseFromPayloads([chunk({ role: 'assistant', content: 'ok' }), chunk({}, 'stop')]);

const FULL_REQUEST: ChatRequest = {
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'thinking…', signature: 'sig' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool-call', id: 'call_1', name: 'weather', arguments: { location: 'Zürich' } },
      ],
    },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'weather', content: '12 °C' }] },
    { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
  ],
  tools: [
    {
      name: 'weather',
      description: 'Weather at a place',
      inputSchema: { type: 'object', properties: { location: { type: 'string' } } },
    },
  ],
  toolChoice: { name: 'weather' },
  temperature: 0.2,
  topP: 0.9,
  maxTokens: 100,
  stop: ['END'],
};

describe('OpenAI-compatible client: the request it sends', () => {
  const { server, http } = useFakeServer();

  it('posts the Chat Completions body and headers for a full conversation', async () => {
    server.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, STOP_STREAM));
    await collectEvents(createTestClient(server, http).streamChat(FULL_REQUEST));
    const [request] = server.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/v1/chat/completions');
    assert.equal(request.headers.authorization, `Bearer ${TEST_KEY}`);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers.accept, 'text/event-stream');
    assert.deepEqual(request.json, {
      model: 'test-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Let me check.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"location":"Zürich"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '12 °C' },
        { role: 'user', content: 'Thanks' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            description: 'Weather at a place',
            parameters: { type: 'object', properties: { location: { type: 'string' } } },
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'weather' } },
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
      stop: ['END'],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('sends an assistant turn of only tool calls with null content, and no tool_choice without tools', async () => {
    server.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, STOP_STREAM));
    const request: ChatRequest = {
      model: 'other-model',
      toolChoice: 'required',
      messages: [{ role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'f', arguments: {} }] }],
    };
    await collectEvents(createTestClient(server, http).streamChat(request));
    assert.deepEqual(server.requests[0].json, {
      model: 'other-model',
      messages: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('omits stream_options when the service rejects them, and applies transformBody last', async () => {
    server.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, STOP_STREAM));
    const client = createTestClient(server, http, {
      supportsStreamOptions: false,
      transformBody: (body, request) => ({ ...body, seen_messages: request.messages.length }),
    });
    await collectEvents(client.streamChat({ ...HELLO, toolChoice: 'auto', tools: [{ name: 't', inputSchema: {} }] }));
    const body = server.requests[0].json;
    assert.equal('stream_options' in body, false);
    assert.equal(body.seen_messages, 1);
    assert.equal(body.tool_choice, 'auto');
  });

  it('send() posts stream:false and reads choices[0].message, usage and finish_reason', async () => {
    server.route('POST', '/v1/chat/completions', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: 'Grüß dich',
                reasoning_content: 'hmm',
                tool_calls: [
                  { id: 'call_9', type: 'function', function: { name: 'weather', arguments: '{"location":"Köln"}' } },
                ],
              },
              finish_reason: 'tool_calls',
            },
          ],
          usage: {
            prompt_tokens: 5,
            completion_tokens: 7,
            total_tokens: 12,
            prompt_tokens_details: { cached_tokens: 2 },
          },
        }),
      );
    });
    const result = await createTestClient(server, http).send(HELLO);
    assert.equal(server.requests[0].json.stream, false);
    assert.equal('stream_options' in server.requests[0].json, false);
    assert.equal(server.requests[0].headers.accept, 'application/json');
    assert.deepEqual(result, {
      text: 'Grüß dich',
      reasoning: 'hmm',
      toolCalls: [{ id: 'call_9', name: 'weather', arguments: { location: 'Köln' } }],
      usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12, cachedInputTokens: 2 },
      finishReason: 'tool-calls',
      rawFinishReason: 'tool_calls',
    });
  });

  it('send() maps an HTTP error like streamChat does', async () => {
    server.route('POST', '/v1/chat/completions', (_req, res) =>
      replyError(res, 429, { error: { message: 'slow down', code: 'rate_limit_exceeded' } }, { 'retry-after': '3' }),
    );
    const error = await expectProviderError(createTestClient(server, http).send(HELLO));
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.retryAfterMs, 3000);
  });

  it('listModels() GETs modelsPath and returns data[].id', async () => {
    server.route('GET', '/v1/models', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: [
            { id: 'a', object: 'model' },
            { id: 'b', object: 'model' },
          ],
        }),
      );
    });
    server.route('GET', '/v1/custom-models', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ id: 'c' }] }));
    });
    assert.deepEqual(await createTestClient(server, http).listModels(), [{ id: 'a' }, { id: 'b' }]);
    assert.deepEqual(await createTestClient(server, http, { modelsPath: '/custom-models' }).listModels(), [
      { id: 'c' },
    ]);
    assert.equal(server.requests[0].method, 'GET');
    assert.equal(server.requests[0].headers.authorization, `Bearer ${TEST_KEY}`);
  });
});

describe("provider module 'openai-compat'", () => {
  const { server, http } = useFakeServer();

  function slot(overrides: Partial<OpenAICompatSlot> = {}): OpenAICompatSlot {
    return {
      id: 'groq',
      kind: 'openai-compat',
      displayName: 'Groq',
      model: 'llama-3.3-70b-versatile',
      baseUrl: `${server.url}/openai/v1/`,
      chatPath: '/chat/completions',
      apiKey: { type: 'store', envFallback: 'GROQ_API_KEY' },
      freeTier: true,
      local: false,
      supportsStreamOptions: true,
      source: { file: 'skynet.toml', line: 1, column: 1 },
      ...overrides,
    };
  }

  function deps(credentials = new MemoryCredentialStore()): ProviderDeps {
    return { http, logger: silentLogger, credentials, env: {}, now: () => Date.now(), homeDir: '/tmp' };
  }

  it('reads the key per request, so a changed key needs no new client', async () => {
    server.route('POST', '/openai/v1/chat/completions', (_req, res) => replaySse(res, STOP_STREAM));
    const credentials = new MemoryCredentialStore({ [secretKeys.apiKey('groq')]: 'key-one-123456' });
    const module = providerModules['openai-compat']!;
    const client = module.create(slot(), deps(credentials));
    assert.equal(await module.preflight!(slot(), deps(credentials)), undefined);
    await collectEvents(client.streamChat(HELLO));
    await credentials.set(secretKeys.apiKey('groq'), 'key-two-123456');
    await collectEvents(client.streamChat(HELLO));
    assert.deepEqual(
      server.requests.map((request) => request.headers.authorization),
      ['Bearer key-one-123456', 'Bearer key-two-123456'],
    );
    assert.equal(server.requests[0].json.model, 'llama-3.3-70b-versatile');
  });

  it('a keyless remote slot fails preflight with the fix, and streamChat fails as auth without sending', async () => {
    const module = providerModules['openai-compat']!;
    const reason = await module.preflight!(slot(), deps());
    assert.match(reason ?? '', /No API key for groq/);
    const error = await expectProviderError(collectEvents(module.create(slot(), deps()).streamChat(HELLO)));
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'missing-key');
    assert.equal(server.requests.length, 0);
  });

  it('lists models beside the chat path: a custom endpoint on /v1/chat/completions asks /v1/models', async () => {
    server.route('GET', '/v1/models', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'Qwen/Qwen2.5-Coder-32B-Instruct', object: 'model' }] }));
    });
    server.route('GET', '/openai/v1/models', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'llama-3.3-70b-versatile', object: 'model' }] }));
    });
    const module = providerModules['openai-compat']!;
    const custom = slot({ id: 'my-vllm', baseUrl: server.url, chatPath: '/v1/chat/completions', local: true });
    assert.deepEqual(await module.create(custom, deps()).listModels(), [{ id: 'Qwen/Qwen2.5-Coder-32B-Instruct' }]);
    const credentials = new MemoryCredentialStore({ [secretKeys.apiKey('groq')]: 'key-one-123456' });
    assert.deepEqual(await module.create(slot(), deps(credentials)).listModels(), [{ id: 'llama-3.3-70b-versatile' }]);
    assert.deepEqual(
      server.requests.map((request) => request.url),
      ['/v1/models', '/openai/v1/models'],
    );
  });

  it('a local slot without a key sends no Authorization header', async () => {
    server.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, STOP_STREAM));
    const local = slot({ id: 'lmstudio', baseUrl: `${server.url}/v1`, local: true, supportsStreamOptions: false });
    const module = providerModules['openai-compat']!;
    assert.equal(await module.preflight!(local, deps()), undefined);
    const events = await collectEvents(module.create(local, deps()).streamChat(HELLO));
    assert.deepEqual(events, [
      { type: 'text-delta', text: 'ok' },
      { type: 'finish', reason: 'stop', rawReason: 'stop' },
    ]);
    assert.equal(server.requests[0].headers.authorization, undefined);
    assert.equal('stream_options' in server.requests[0].json, false);
  });
});
