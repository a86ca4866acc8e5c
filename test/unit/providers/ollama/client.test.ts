import * as assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { collectChat } from '../../../../src/providers/collect';
import { createOllamaClient } from '../../../../src/providers/ollama/client';
import type { ChatEvent, ChatRequest } from '../../../../src/providers/types';
import { ProviderError } from '../../../../src/util/errors';
import { describeRecorded, readFixture } from '../../../fakes/fixtures';
import { textDeltas, textOf } from '../../../support/wire/events';
import { ollamaChatBody } from '../../../support/wire/ollamaChat';
import { TEXT_ANSWER } from '../../../support/wire/samples';
import { providerDeps, refusedUrl, useFakeProvider } from '../../../fakes/providerHarness';
import { chatStreams, ndjson, ollamaSlot, replayNdjson } from './ollamaWire';

const hello: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Why is the sky blue?' }] }] };

async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const usage = { type: 'usage', inputTokens: 26, outputTokens: 282, totalTokens: 308 };

/** The docs' /api/generate lines with `response` moved into an /api/chat `message`: real NDJSON framing. */
function generateAsChat(fixture: string): string {
  return readFixture(fixture)
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const { response, ...rest } = JSON.parse(line) as { response?: string };
      return JSON.stringify(
        response === undefined ? rest : { ...rest, message: { role: 'assistant', content: response } },
      );
    })
    .join('\n');
}

describe('Ollama client', () => {
  const fake = useFakeProvider((baseUrl, deps) => createOllamaClient(ollamaSlot(baseUrl), deps));

  const expected: Record<keyof typeof chatStreams, unknown[]> = {
    text: [
      { type: 'text-delta', text: 'The' },
      { type: 'text-delta', text: ' sky is' },
      { type: 'text-delta', text: ' blue ☀️' },
      usage,
      { type: 'finish', reason: 'stop', rawReason: 'stop' },
    ],
    thinking: [
      { type: 'reasoning-delta', text: 'The user wants' },
      { type: 'reasoning-delta', text: ' a number.' },
      { type: 'text-delta', text: '42' },
      usage,
      { type: 'finish', reason: 'stop', rawReason: 'stop' },
    ],
    tools: [
      { type: 'tool-call', id: 'ID', name: 'get_weather', arguments: { city: 'Tokyo', days: 2 } },
      { type: 'tool-call', id: 'ID', name: 'get_time', arguments: {} },
      usage,
      { type: 'finish', reason: 'tool-calls', rawReason: 'stop' },
    ],
    length: [
      { type: 'text-delta', text: 'Once upon' },
      usage,
      { type: 'finish', reason: 'length', rawReason: 'length' },
    ],
  };

  for (const name of Object.keys(chatStreams) as Array<keyof typeof chatStreams>) {
    it(`streams the ${name} /api/chat stream (LF and CRLF, uneven splits) into the exact events`, async () => {
      for (const crlf of [false, true]) {
        fake.server.route('POST', '/api/chat', (_req, res) => replayNdjson(res, ndjson(chatStreams[name], { crlf })));
        const events = await collect(fake.client.streamChat(hello));
        const ids = events.flatMap((event) => (event.type === 'tool-call' ? [event.id] : []));
        assert.deepEqual(
          events.map((event) => (event.type === 'tool-call' ? { ...event, id: 'ID' } : event)),
          expected[name],
        );
        assert.equal(new Set(ids).size, ids.length, 'tool call ids are distinct');
        for (const id of ids) assert.match(id, /^call_[0-9a-f]{24}$/);
      }
    });
  }

  it('gives a tool call the same id when the same stream is replayed', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) => replayNdjson(res, ndjson(chatStreams.tools)));
    const first = await collectChat(fake.client.streamChat(hello));
    const second = await collectChat(fake.client.streamChat(hello));
    assert.deepEqual(first.toolCalls, second.toolCalls);
  });

  it('reads NDJSON framing to done:true', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) => replayNdjson(res, ollamaChatBody(TEXT_ANSWER)));
    const result = await collectChat(fake.client.streamChat(hello));
    assert.equal(result.text, textOf(TEXT_ANSWER));
    assert.equal(result.finishReason, 'stop');
  });

  it('turns a mid-stream {"error"} line (HTTP 200, as docs/api/errors.mdx documents) into a server error after the text', async () => {
    const body = ollamaChatBody([
      ...textDeltas('Yes, I can '),
      { type: 'error', message: 'an error was encountered while running the model' },
    ]);
    fake.server.route('POST', '/api/chat', (_req, res) => replayNdjson(res, body));
    const events: ChatEvent[] = [];
    await assert.rejects(
      async () => {
        for await (const event of fake.client.streamChat(hello)) events.push(event);
      },
      (error: unknown) =>
        error instanceof ProviderError &&
        error.kind === 'server' &&
        /an error was encountered while running the model/.test(error.message),
    );
    assert.deepEqual(
      events.map((event) => (event.type === 'text-delta' ? event.text : event.type)),
      ['Yes, ', 'I ', 'can '],
    );
  });

  describeRecorded('docs recordings (fixtures/ollama)', function () {
    it('reads the documented NDJSON framing to done:true', async () => {
      fake.server.route('POST', '/api/chat', (_req, res) =>
        replayNdjson(res, generateAsChat('ollama/docs-api-streaming.generate.ndjson')),
      );
      const result = await collectChat(fake.client.streamChat(hello));
      assert.equal(result.text, "That's a fantastic question!");
      assert.equal(result.finishReason, 'stop');
    });

    it('turns the documented mid-stream {"error"} line (HTTP 200) into a server error after the text', async () => {
      fake.server.route('POST', '/api/chat', (_req, res) =>
        replayNdjson(res, generateAsChat('ollama/docs-api-errors.midstream-error.ndjson')),
      );
      const events: ChatEvent[] = [];
      await assert.rejects(
        async () => {
          for await (const event of fake.client.streamChat(hello)) events.push(event);
        },
        (error: unknown) =>
          error instanceof ProviderError &&
          error.kind === 'server' &&
          /an error was encountered while running the model/.test(error.message),
      );
      assert.deepEqual(
        events.map((event) => (event.type === 'text-delta' ? event.text : event.type)),
        [' Yes', '.', 'I', 'can'],
      );
    });
  });

  it('sends the /api/chat body: messages, tools as functions, options, stream:true, no auth', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) => replayNdjson(res, ndjson(chatStreams.text)));
    await collect(
      fake.client.streamChat({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is here?' },
              { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
            ],
          },
        ],
        tools: [
          {
            name: 'get_weather',
            description: 'Weather by city',
            inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
          },
        ],
        temperature: 0.1,
        topP: 0.5,
        maxTokens: 64,
        stop: ['\n\n'],
      }),
    );
    const [request] = fake.server.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/api/chat');
    assert.equal(request.headers.authorization, undefined);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(request.json, {
      model: 'qwen3',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is here?', images: ['iVBORw0KGgo='] },
      ],
      stream: true,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather by city',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
      options: { temperature: 0.1, top_p: 0.5, num_predict: 64, stop: ['\n\n'] },
    });
  });

  it('send uses stream:false and reads the single answer object', async () => {
    fake.server.route('POST', '/api/chat', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({
          model: 'qwen3',
          created_at: '2025-10-26T17:15:24.1Z',
          message: {
            role: 'assistant',
            content: 'Rayleigh scattering.',
            thinking: 'Physics.',
            tool_calls: [{ function: { name: 'cite', arguments: { source: 'wiki' } } }],
          },
          done: true,
          done_reason: 'stop',
          prompt_eval_count: 10,
          eval_count: 5,
        }),
      );
    });
    const result = await fake.client.send({ ...hello, model: 'llama3.2' });
    assert.equal(fake.server.requests[0].json.stream, false);
    assert.equal(fake.server.requests[0].json.model, 'llama3.2');
    assert.equal(result.text, 'Rayleigh scattering.');
    assert.equal(result.reasoning, 'Physics.');
    assert.deepEqual(
      result.toolCalls.map(({ name, arguments: args }) => ({ name, args })),
      [{ name: 'cite', args: { source: 'wiki' } }],
    );
    assert.deepEqual(result.usage, { inputTokens: 10, outputTokens: 5, totalTokens: 15 });
    assert.equal(result.finishReason, 'tool-calls');
  });

  it('lists installed models from /api/tags', async () => {
    fake.server.route('GET', '/api/tags', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          models: [
            { name: 'llama3.2:latest', model: 'llama3.2:latest', size: 2019393189 },
            { name: 'qwen3:8b', model: 'qwen3:8b' },
          ],
        }),
      );
    });
    assert.deepEqual(await fake.client.listModels(), [{ id: 'llama3.2:latest' }, { id: 'qwen3:8b' }]);
  });

  it('accepts a base URL given with /api or /v1', async () => {
    fake.server.route('GET', '/api/tags', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"models":[]}');
    });
    for (const suffix of ['/api', '/v1/', '/'])
      await createOllamaClient(ollamaSlot(fake.server.url + suffix), providerDeps(fake.http)).listModels();
    assert.deepEqual(
      fake.server.requests.map((request) => request.url),
      ['/api/tags', '/api/tags', '/api/tags'],
    );
  });

  it('says Ollama is not running when the connection is refused (network, so the router moves on)', async () => {
    const url = await refusedUrl();
    const down = createOllamaClient(ollamaSlot(url), providerDeps(fake.http));
    await assert.rejects(collect(down.streamChat(hello)), (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.equal(error.kind, 'network');
      assert.equal(error.failsOver, true);
      assert.equal(error.message.startsWith(`Ollama is not running at ${url}`), true, error.message);
      return true;
    });
  });

  describe('agrees with the ollama SDK (dev-only oracle) on the same bytes', () => {
    for (const name of ['text', 'thinking', 'tools'] as const) {
      it(`on the ${name} stream`, async () => {
        fake.server.route('POST', '/api/chat', (_req, res) => replayNdjson(res, ndjson(chatStreams[name])));
        const sdk = new Ollama({ host: fake.server.url });
        let content = '';
        let thinking = '';
        const calls: Array<{ name: string; arguments: unknown }> = [];
        let last: { done_reason?: string; prompt_eval_count?: number; eval_count?: number } = {};
        for await (const part of await sdk.chat({
          model: 'qwen3',
          messages: [{ role: 'user', content: 'hi' }],
          stream: true,
        })) {
          content += part.message.content;
          thinking += part.message.thinking ?? '';
          for (const call of part.message.tool_calls ?? [])
            calls.push({ name: call.function.name, arguments: call.function.arguments });
          last = part;
        }
        const ours = await collectChat(fake.client.streamChat(hello));
        assert.equal(ours.text, content);
        assert.equal(ours.reasoning, thinking);
        assert.deepEqual(
          ours.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments })),
          calls,
        );
        assert.equal(ours.rawFinishReason, last.done_reason);
        assert.deepEqual([ours.usage.inputTokens, ours.usage.outputTokens], [last.prompt_eval_count, last.eval_count]);
      });
    }
  });
});
