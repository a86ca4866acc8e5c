import * as assert from 'node:assert/strict';
import { MemoryCredentialStore, secretKeys } from '../../../src/auth/credentialStore';
import { parseConfig } from '../../support/config';
import type { SlotConfig } from '../../../src/config/types';
import { buildRouterSlot } from '../../../src/router/buildRouter';
import { ProviderError } from '../../../src/util/errors';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../../fakes/fakeServer';
import { fastHttpClient, providerDeps } from '../../fakes/providerHarness';
import { replyError } from '../../fakes/wire';
import { collectEvents, HELLO, textOfEvents } from './openaiCompatible/openaiTestKit';
import type { ServerResponse } from 'node:http';

const KEY = 'custom-endpoint-key-0123';

function sse(response: ServerResponse, events: Array<[string | undefined, unknown]>): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const [name, data] of events)
    response.write(`${name ? `event: ${name}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
  response.end();
}

/** Each family's fake refuses a request without its own credential header, as the real service does. */
const FAKES: Record<
  string,
  {
    path: string;
    auth: (request: RecordedRequest) => boolean;
    answer: (response: ServerResponse, request: RecordedRequest) => void;
  }
> = {
  'openai-responses': {
    path: '/v1/responses',
    auth: (request) => request.headers.authorization === `Bearer ${KEY}`,
    answer: (response, request) => {
      assert.equal(request.json.stream, true);
      assert.equal(request.json.store, false);
      sse(response, [
        [
          'response.output_text.delta',
          { type: 'response.output_text.delta', output_index: 0, delta: 'from responses' },
        ],
        [
          'response.completed',
          {
            type: 'response.completed',
            response: { status: 'completed', usage: { input_tokens: 3, output_tokens: 2 } },
          },
        ],
      ]);
    },
  },
  anthropic: {
    path: '/anthropic/v1/messages',
    auth: (request) => request.headers['x-api-key'] === KEY && request.headers['anthropic-version'] === '2023-06-01',
    answer: (response, request) => {
      assert.equal(request.json.model, 'kimi-k2');
      sse(response, [
        [
          'message_start',
          {
            type: 'message_start',
            message: { id: 'm', role: 'assistant', content: [], usage: { input_tokens: 3, output_tokens: 0 } },
          },
        ],
        ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
        [
          'content_block_delta',
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'from anthropic' } },
        ],
        ['content_block_stop', { type: 'content_block_stop', index: 0 }],
        ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }],
        ['message_stop', { type: 'message_stop' }],
      ]);
    },
  },
  gemini: {
    path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
    auth: (request) => request.headers['x-goog-api-key'] === KEY && request.url.endsWith('?alt=sse'),
    answer: (response, request) => {
      assert.ok(Array.isArray(request.json.contents));
      sse(response, [
        [
          undefined,
          {
            candidates: [{ content: { role: 'model', parts: [{ text: 'from gemini' }] }, finishReason: 'STOP' }],
            usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2 },
          },
        ],
      ]);
    },
  },
  ollama: {
    path: '/api/chat',
    auth: (request) => request.headers.authorization === `Bearer ${KEY}`,
    answer: (response, request) => {
      assert.equal(request.json.model, 'gpt-oss:120b');
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      response.write(
        `${JSON.stringify({ model: 'gpt-oss:120b', message: { role: 'assistant', content: 'from ollama' }, done: false })}\n`,
      );
      response.end(
        `${JSON.stringify({ model: 'gpt-oss:120b', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 3, eval_count: 2 })}\n`,
      );
    },
  },
};

const ENTRIES: Record<string, { base: string; model: string }> = {
  'openai-responses': { base: '', model: 'gpt-5.1-codex' },
  anthropic: { base: '/anthropic', model: 'kimi-k2' },
  gemini: { base: '', model: 'gemini-2.5-flash' },
  ollama: { base: '', model: 'gpt-oss:120b' },
};

function slotFor(api: string, server: FakeServer): SlotConfig {
  const { base, model } = ENTRIES[api];
  const parsed = parseConfig(
    `[[providers.openai_compat]]\nid = "mine"\napi = "${api}"\nbase_url = "${server.url}${base}"\nmodel = "${model}"\n`,
    'f',
    {},
  );
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors[0].message);
  return parsed.config.slots[0];
}

describe('custom endpoints in five protocols (api =)', () => {
  let server: FakeServer;
  const http = fastHttpClient();
  beforeEach(async () => {
    server = await startFakeServer();
    for (const fake of Object.values(FAKES)) {
      server.route('POST', fake.path, (request, response) =>
        fake.auth(request)
          ? fake.answer(response, request)
          : replyError(response, 401, { error: { message: 'missing or wrong credential' } }),
      );
    }
  });
  afterEach(() => server.close());
  after(() => http.close());

  for (const api of Object.keys(FAKES)) {
    it(`api = "${api}" reaches that protocol's endpoint with its own credential header and streams the answer`, async () => {
      const credentials = new MemoryCredentialStore({ [secretKeys.apiKey('mine')]: KEY });
      const built = await buildRouterSlot(slotFor(api, server), providerDeps(http, { credentials }));
      assert.ok(built.client, built.unavailableReason);
      const events = await collectEvents(built.client.streamChat(HELLO));
      assert.equal(textOfEvents(events), `from ${api.replace('openai-', '')}`);
      assert.equal(server.requests.length, 1);
      const refused = await buildRouterSlot(
        slotFor(api, server),
        providerDeps(http, {
          credentials: new MemoryCredentialStore({ [secretKeys.apiKey('mine')]: 'wrong-key-000000' }),
        }),
      );
      const error = await collectEvents(refused.client!.streamChat(HELLO)).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof ProviderError && error.kind === 'auth', String(error));
    });
  }

  it('is checked in skynet.toml: a known word, custom entries only, chat_path only where it applies', () => {
    const wrong = parseConfig(
      `[[providers.openai_compat]]\nid = "x"\nbase_url = "http://h"\napi = "antropic"\n`,
      'f',
      {},
    );
    assert.ok(
      !wrong.ok &&
        /must be one of "openai-chat", "openai-responses", "anthropic", "gemini", "ollama", got "antropic"; did you mean `anthropic`\?/.test(
          wrong.errors[0].message,
        ),
      JSON.stringify(wrong),
    );
    const registry = parseConfig(`[[providers.openai_compat]]\nid = "groq"\napi = "anthropic"\n`, 'f', {});
    assert.ok(!registry.ok && /Groq \(`groq`\) speaks openai-chat/.test(registry.errors[0].message));
    const ignored = parseConfig(
      `[[providers.openai_compat]]\nid = "x"\nbase_url = "http://h"\napi = "gemini"\nchat_path = "/x"\nmodel = "m"\n`,
      'f',
      {},
    );
    assert.ok(ignored.ok && /chat_path` is not used with api = "gemini"/.test(ignored.warnings[0].message));
    const responses = parseConfig(
      `[[providers.openai_compat]]\nid = "x"\nbase_url = "http://h"\napi = "openai-responses"\nmodel = "m"\n`,
      'f',
      {},
    );
    assert.ok(responses.ok && (responses.config.slots[0] as { chatPath: string }).chatPath === '/v1/responses');
  });
});
