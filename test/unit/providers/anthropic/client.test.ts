import * as assert from 'node:assert/strict';
import { createAnthropicClient } from '../../../../src/providers/anthropic/client';
import { anthropicModule } from '../../../../src/providers/anthropic/module';
import type { ChatEvent, ChatRequest } from '../../../../src/providers/types';
import { collectChat } from '../../../../src/providers/collect';
import { ProviderError } from '../../../../src/util/errors';
import { describeRecorded } from '../../../fakes/fixtures';
import {
  anthropicMessageBody,
  anthropicSse,
  expectedAnthropicChatEvents,
} from '../../../support/wire/anthropicMessages';
import { reasoningOf, textOf } from '../../../support/wire/events';
import {
  NO_ARGS_TOOL_CALL,
  REASONING_ANSWER,
  REASONING_TOOL_CALL,
  TEXT_ANSWER,
  TOOL_CALL_ANSWER,
} from '../../../support/wire/samples';
import { replaySse } from '../../../fakes/wire';
import { anthropicSseOf, expectedAnthropicEvents, recordedAnthropicSse } from './anthropicSse';
import { API_KEY, OAUTH_TOKEN, anthropicSlot, useFakeAnthropic } from './testDeps';
import { providerDeps } from '../../../fakes/providerHarness';

const hello: ChatRequest = {
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
  ],
};

async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

async function failure(
  run: () => Promise<unknown>,
  secrets: string[] = [API_KEY, OAUTH_TOKEN],
): Promise<ProviderError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected ProviderError, got ${String(error)}`);
    for (const secret of secrets)
      assert.ok(!JSON.stringify(error.toJSON()).includes(secret), 'the error must not carry the key');
    return error;
  }
  assert.fail('expected a ProviderError');
}

const textStream = () =>
  anthropicSseOf([
    { type: 'message_start', message: { usage: { input_tokens: 3, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'first' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' second' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } },
    { type: 'message_stop' },
  ]);

describe('Anthropic client', () => {
  const fake = useFakeAnthropic();

  describeRecorded('recorded streams through a fake server', function () {
    for (const fixture of Object.keys(expectedAnthropicEvents)) {
      it(`streams ${fixture} into the exact events`, async () => {
        fake.server.route('POST', '/v1/messages', (_req, res) =>
          replaySse(res, recordedAnthropicSse(fixture, { crlf: fixture.includes('tool') })),
        );
        assert.deepEqual(await collect(fake.client.streamChat(hello)), expectedAnthropicEvents[fixture]);
      });
    }
  });

  describe('streams through a fake server', function () {
    for (const [name, sample] of Object.entries({
      TEXT_ANSWER,
      REASONING_ANSWER,
      TOOL_CALL_ANSWER,
      REASONING_TOOL_CALL,
      NO_ARGS_TOOL_CALL,
    })) {
      it(`streams ${name} into the exact events`, async () => {
        fake.server.route('POST', '/v1/messages', (_req, res) =>
          replaySse(res, anthropicSse(sample, {}, { crlf: name.includes('TOOL') })),
        );
        assert.deepEqual(await collect(fake.client.streamChat(hello)), expectedAnthropicChatEvents(sample));
      });
    }

    it('sends the streamed thinking back, signed, in the follow-up turn after a tool call', async () => {
      fake.server.route('POST', '/v1/messages', (_req, res) => replaySse(res, anthropicSse(REASONING_ANSWER)));
      const first = await collectChat(fake.client.streamChat(hello));
      assert.equal(first.reasoningSignature, 'c2t5bmV0LXdyaXRlci1zaWduYXR1cmUtMQ==');
      await collectChat(
        fake.client.streamChat({
          messages: [
            ...hello.messages,
            {
              role: 'assistant',
              content: [
                { type: 'reasoning', text: first.reasoning, signature: first.reasoningSignature },
                { type: 'tool-call', id: 'toolu_9', name: 'divide', arguments: { a: 925, b: 5 } },
              ],
            },
            {
              role: 'tool',
              content: [{ type: 'tool-result', toolCallId: 'toolu_9', toolName: 'divide', content: '185' }],
            },
          ],
        }),
      );
      assert.deepEqual(fake.server.requests[1].json.messages.slice(1), [
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: reasoningOf(REASONING_ANSWER), signature: first.reasoningSignature },
            { type: 'tool_use', id: 'toolu_9', name: 'divide', input: { a: 925, b: 5 } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_9', content: '185', cache_control: { type: 'ephemeral' } },
          ],
        },
      ]);
    });

    it('sends a non-streaming request and reads the whole message', async () => {
      fake.server.route('POST', '/v1/messages', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(anthropicMessageBody(TEXT_ANSWER));
      });
      const result = await fake.client.send(hello);
      assert.deepEqual(result, {
        text: textOf(TEXT_ANSWER),
        reasoning: '',
        toolCalls: [],
        usage: { inputTokens: 16, outputTokens: 48, totalTokens: 64 },
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
      });
      assert.equal(fake.server.requests[0].json.stream, false);
      assert.equal(fake.server.requests[0].headers.accept, 'application/json');
    });
  });

  it('turns a JSON answer to a streaming request (a proxy that ignores stream:true) into the same events', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          type: 'message',
          content: [
            { type: 'thinking', thinking: 'Think.', signature: 'sig' },
            { type: 'text', text: 'Calling.' },
            { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
          ],
          stop_reason: 'tool_use',
          usage: { input_tokens: 4, output_tokens: 6 },
        }),
      );
    });
    assert.deepEqual(await collect(fake.client.streamChat(hello)), [
      { type: 'reasoning-delta', text: 'Think.', signature: 'sig' },
      { type: 'text-delta', text: 'Calling.' },
      { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: { a: 1 } },
      { type: 'usage', inputTokens: 4, outputTokens: 6, totalTokens: 10 },
      { type: 'finish', reason: 'tool-calls', rawReason: 'tool_use' },
    ]);
    fake.server.route('POST', '/v1/messages', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
    });
    await assert.rejects(
      collect(fake.client.streamChat(hello)),
      (error: unknown) => error instanceof ProviderError && error.kind === 'overloaded',
    );
  });

  describe('the request it sends', () => {
    it('uses x-api-key, the API version and the Messages body for an API key', async () => {
      fake.server.route('POST', '/v1/messages', (_req, res) => replaySse(res, textStream()));
      await collect(
        fake.client.streamChat({
          ...hello,
          model: 'claude-opus-4',
          tools: [
            {
              name: 'weather',
              description: 'Weather',
              inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
            },
          ],
          toolChoice: { name: 'weather' },
        }),
      );
      const [request] = fake.server.requests;
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/v1/messages');
      assert.equal(request.headers['x-api-key'], API_KEY);
      assert.equal(request.headers.authorization, undefined);
      assert.equal(request.headers['anthropic-version'], '2023-06-01');
      assert.equal(request.headers['anthropic-beta'], undefined);
      assert.equal(request.headers['content-type'], 'application/json');
      assert.deepEqual(request.json, {
        model: 'claude-opus-4',
        max_tokens: 8192,
        system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello', cache_control: { type: 'ephemeral' } }] }],
        tools: [
          {
            name: 'weather',
            description: 'Weather',
            input_schema: { type: 'object', properties: { city: { type: 'string' } } },
            cache_control: { type: 'ephemeral' },
          },
        ],
        tool_choice: { type: 'tool', name: 'weather' },
        stream: true,
      });
    });

    it('uses the slot model when the request names none, and does not double /v1 in the base URL', async () => {
      fake.client = createAnthropicClient(anthropicSlot(`${fake.server.url}/v1/`), providerDeps(fake.http));
      fake.server.route('POST', '/v1/messages', (_req, res) => replaySse(res, textStream()));
      await collect(fake.client.streamChat(hello));
      assert.equal(fake.server.requests[0].url, '/v1/messages');
      assert.equal(fake.server.requests[0].json.model, 'claude-sonnet-4-5');
    });

    it('sends an OAuth token as Bearer with the oauth beta and the Claude Code system block first', async () => {
      fake.client = createAnthropicClient(anthropicSlot(fake.server.url, OAUTH_TOKEN), providerDeps(fake.http));
      fake.server.route('POST', '/v1/messages', (_req, res) => replaySse(res, textStream()));
      await collect(fake.client.streamChat(hello));
      const [request] = fake.server.requests;
      assert.equal(request.headers.authorization, `Bearer ${OAUTH_TOKEN}`);
      assert.equal(request.headers['x-api-key'], undefined);
      assert.ok(String(request.headers['anthropic-beta']).split(',').includes('oauth-2025-04-20'));
      assert.deepEqual(request.json.system, [
        { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." },
        { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } },
      ]);
    });

    it('reads the key per request, so a changed key needs no new client', async () => {
      const env: Record<string, string> = { ANTHROPIC_API_KEY: 'sk-ant-api03-first' };
      fake.client = createAnthropicClient(anthropicSlot(fake.server.url, null), { ...providerDeps(fake.http), env });
      fake.server.route('POST', '/v1/messages', (_req, res) => replaySse(res, textStream()));
      await collect(fake.client.streamChat(hello));
      env.ANTHROPIC_API_KEY = 'sk-ant-api03-second';
      await collect(fake.client.streamChat(hello));
      assert.deepEqual(
        fake.server.requests.map((request) => request.headers['x-api-key']),
        ['sk-ant-api03-first', 'sk-ant-api03-second'],
      );
    });

    it('fails with an auth error naming the fix when the key is missing, without sending anything', async () => {
      fake.client = createAnthropicClient(anthropicSlot(fake.server.url, null), providerDeps(fake.http));
      const error = await failure(() => collect(fake.client.streamChat(hello)));
      assert.equal(error.kind, 'auth');
      assert.match(error.message, /ANTHROPIC_API_KEY/);
      assert.equal(fake.server.requests.length, 0);
      assert.match(
        (await anthropicModule.preflight!(anthropicSlot(fake.server.url, null), providerDeps(fake.http))) ?? '',
        /ANTHROPIC_API_KEY/,
      );
      assert.equal(
        await anthropicModule.preflight!(anthropicSlot(fake.server.url), providerDeps(fake.http)),
        undefined,
      );
    });
  });

  it('types errors of send and listModels like those of streamChat', async () => {
    fake.server.route('POST', '/v1/messages', (_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }));
    });
    fake.server.route('GET', '/v1/models', (_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
    });
    await assert.rejects(
      fake.client.send(hello),
      (error: unknown) => error instanceof ProviderError && error.kind === 'rate-limit' && error.retryAfterMs === 2000,
    );
    await assert.rejects(
      fake.client.listModels(),
      (error: unknown) => error instanceof ProviderError && error.kind === 'auth' && error.status === 401,
    );
  });

  describe('listModels', () => {
    it('lists data[].id and display_name across pages', async () => {
      fake.server.route('GET', '/v1/models', (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const second = req.url.includes('after_id=claude-b');
        res.end(
          JSON.stringify(
            second
              ? {
                  data: [{ id: 'claude-c', display_name: 'Claude C', type: 'model' }],
                  has_more: false,
                  last_id: 'claude-c',
                }
              : {
                  data: [{ id: 'claude-a', display_name: 'Claude A' }, { id: 'claude-b' }],
                  has_more: true,
                  last_id: 'claude-b',
                },
          ),
        );
      });
      assert.deepEqual(await fake.client.listModels(), [
        { id: 'claude-a', name: 'Claude A' },
        { id: 'claude-b' },
        { id: 'claude-c', name: 'Claude C' },
      ]);
      assert.equal(fake.server.requests[0].headers['x-api-key'], API_KEY);
      assert.equal(fake.server.requests[0].headers['anthropic-version'], '2023-06-01');
    });
  });
});
