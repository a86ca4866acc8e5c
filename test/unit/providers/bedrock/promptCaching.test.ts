import * as assert from 'node:assert/strict';
import type { ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { mapBedrockUsage, parseBedrockStream } from '../../../../src/providers/bedrock/bedrockStream';
import { bedrockCachePointFields } from '../../../../src/providers/bedrock/convertToBedrockCachePoints';
import { convertFromBedrockResponse } from '../../../../src/providers/bedrock/convertFromBedrockResponse';
import { convertToBedrockRequest } from '../../../../src/providers/bedrock/convertToBedrockMessages';
import type { ChatEvent, ChatMessage, ChatRequest } from '../../../../src/providers/types';
import { readEventStreamBatches } from '../../../../src/util/eventStream';
import { createBedrockClient } from '../../../../src/providers/bedrock/client';
import { collectChat } from '../../../../src/providers/collect';
import { bedrockEventLines } from '../../../support/wire/bedrockConverse';
import { TEXT_ANSWER } from '../../../support/wire/samples';
import { encodeBedrockEvents } from './bedrockFrames';
import { bedrockSlot, replayFrames, signatureProblem, streamPath, useBedrockServer } from './bedrockWire';

const CLAUDE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const NOVA = 'us.amazon.nova-pro-v1:0';
const CACHE_POINT = { cachePoint: { type: 'default' } } as const;
const user = (text: string): ChatMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): ChatMessage => ({ role: 'assistant', content: [{ type: 'text', text }] });

/** The body as the SDK types it: the model id travels in the URL, so it is the one field left out. */
type ConverseBody = Omit<ConverseStreamCommandInput, 'modelId'>;

function cachePoints(body: unknown): number {
  return (JSON.stringify(body).match(/"cachePoint":/g) ?? []).length;
}

const THREE_TURNS: ChatRequest = {
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'You are terse.' }] },
    user('one'),
    assistant('1'),
    user('two'),
    assistant('2'),
    user('three'),
  ],
  tools: [
    {
      name: 'read',
      description: 'Read a file',
      inputSchema: { type: 'object', properties: { path: { type: 'string' } } },
    },
  ],
};

describe('Bedrock prompt caching (Converse cachePoint blocks)', () => {
  it('Claude, no tools, no system: one cache point after the user message', () => {
    const expected = {
      messages: [{ role: 'user', content: [{ text: 'hi' }, CACHE_POINT] }],
    } satisfies ConverseBody;
    assert.deepEqual(convertToBedrockRequest({ messages: [user('hi')] }, CLAUDE), expected);
  });

  it('Claude, system + tools + 3 user turns: exactly 4, after the system prompt, the tools and the last two user turns', () => {
    const expected = {
      messages: [
        { role: 'user', content: [{ text: 'one' }] },
        { role: 'assistant', content: [{ text: '1' }] },
        { role: 'user', content: [{ text: 'two' }, CACHE_POINT] },
        { role: 'assistant', content: [{ text: '2' }] },
        { role: 'user', content: [{ text: 'three' }, CACHE_POINT] },
      ],
      system: [{ text: 'You are terse.' }, CACHE_POINT],
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'read',
              description: 'Read a file',
              inputSchema: { json: { type: 'object', properties: { path: { type: 'string' } } } },
            },
          },
          CACHE_POINT,
        ],
        toolChoice: { auto: {} },
      },
    } satisfies ConverseBody;
    const body = convertToBedrockRequest(THREE_TURNS, CLAUDE);
    assert.deepEqual(body, expected);
    assert.equal(cachePoints(body), 4);
  });

  it('Claude, a tool loop: the cache point follows the toolResult of the last user turn', () => {
    const expected = {
      messages: [
        { role: 'user', content: [{ text: 'What is 925 / 5?' }, CACHE_POINT] },
        { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'divide', input: { a: 925, b: 5 } } }] },
        {
          role: 'user',
          content: [{ toolResult: { toolUseId: 't1', content: [{ text: '185' }], status: 'success' } }, CACHE_POINT],
        },
      ],
      toolConfig: {
        tools: [{ toolSpec: { name: 'divide', inputSchema: { json: { type: 'object' } } } }, CACHE_POINT],
        toolChoice: { auto: {} },
      },
    } satisfies ConverseBody;
    const body = convertToBedrockRequest(
      {
        messages: [
          user('What is 925 / 5?'),
          {
            role: 'assistant',
            content: [{ type: 'tool-call', id: 't1', name: 'divide', arguments: { a: 925, b: 5 } }],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', content: '185' }] },
        ],
        tools: [{ name: 'divide', inputSchema: { type: 'object' } }],
      },
      CLAUDE,
    );
    assert.deepEqual(body, expected);
  });

  it('Claude, image blocks: the cache point follows the image', () => {
    // The SDK types image bytes as Uint8Array (the JSON wire carries base64), so this body is checked by value only.
    const body = convertToBedrockRequest(
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
            ],
          },
        ],
      },
      CLAUDE,
    );
    assert.deepEqual(body, {
      messages: [
        {
          role: 'user',
          content: [
            { text: 'What is this?' },
            { image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } },
            CACHE_POINT,
          ],
        },
      ],
    });
  });

  it('never more than 4, however long the conversation', () => {
    const messages: ChatMessage[] = [{ role: 'system', content: [{ type: 'text', text: 'sys' }] }];
    for (let turn = 0; turn < 30; turn++) messages.push(user(`q${turn}`), assistant(`a${turn}`));
    messages.push(user('last'));
    const body = convertToBedrockRequest({ messages, tools: [{ name: 'f', inputSchema: {} }] }, CLAUDE);
    assert.equal(cachePoints(body), 4);
    assert.equal(cachePoints(body.messages.slice(0, -3)), 0);
  });

  it('Nova: cache points after the system prompt and the last two user turns, none in the tools (Nova refuses them there)', () => {
    const body = convertToBedrockRequest(THREE_TURNS, NOVA);
    assert.deepEqual(body.system, [{ text: 'You are terse.' }, CACHE_POINT]);
    assert.deepEqual(body.toolConfig?.tools, [
      {
        toolSpec: {
          name: 'read',
          description: 'Read a file',
          inputSchema: { json: { type: 'object', properties: { path: { type: 'string' } } } },
        },
      },
    ]);
    assert.deepEqual(
      body.messages.map((message) => cachePoints(message)),
      [0, 0, 1, 0, 1],
    );
    assert.equal(cachePoints(body), 3);
  });

  it('models Bedrock does not cache get no cache point (Bedrock would refuse the request)', () => {
    for (const model of [
      'meta.llama3-70b-instruct-v1:0',
      'mistral.mistral-large-2407-v1:0',
      'us.deepseek.r1-v1:0',
      'amazon.titan-text-express-v1',
      'anthropic.claude-3-haiku-20240307-v1:0',
      'anthropic.claude-3-sonnet-20240229-v1:0',
      'us.anthropic.claude-3-opus-20240229-v1:0',
      'anthropic.claude-3-5-sonnet-20240620-v1:0',
      'anthropic.claude-3-5-sonnet-20241022-v2:0',
      'anthropic.claude-v2:1',
      'anthropic.claude-instant-v1',
    ]) {
      assert.equal(bedrockCachePointFields(model), undefined, model);
      assert.equal(cachePoints(convertToBedrockRequest(THREE_TURNS, model)), 0, model);
    }
    for (const model of [
      CLAUDE,
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
      'anthropic.claude-3-5-haiku-20241022-v1:0',
      'global.anthropic.claude-opus-4-7-v1:0',
      'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0',
    ]) {
      assert.deepEqual(bedrockCachePointFields(model), { tools: true }, model);
    }
    for (const model of ['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0', 'us.amazon.nova-premier-v1:0'])
      assert.deepEqual(bedrockCachePointFields(model), { tools: false }, model);
  });

  it('promptCaching: false sends none', () => {
    assert.equal(cachePoints(convertToBedrockRequest(THREE_TURNS, CLAUDE, { promptCaching: false })), 0);
    assert.equal(cachePoints(convertToBedrockRequest(THREE_TURNS, NOVA, { promptCaching: false })), 0);
  });

  describe('the client, against a fake Bedrock', () => {
    const ctx = useBedrockServer();

    it('sends the cache points, signed, and reports the cache counts; prompt_caching = false sends none', async () => {
      const lines = bedrockEventLines([
        ...TEXT_ANSWER.filter((event) => event.type !== 'usage'),
        { type: 'usage', inputTokens: 22, outputTokens: 48, cacheReadTokens: 1200, cacheWriteTokens: 30 },
      ]);
      ctx.server.route('POST', streamPath(CLAUDE), (_request, response) =>
        replayFrames(response, encodeBedrockEvents(lines)),
      );
      const on = await collectChat(
        createBedrockClient(bedrockSlot(ctx.server.url, { model: CLAUDE }), ctx.deps).streamChat(THREE_TURNS),
      );
      const off = await collectChat(
        createBedrockClient(bedrockSlot(ctx.server.url, { model: CLAUDE, promptCaching: false }), ctx.deps).streamChat(
          THREE_TURNS,
        ),
      );
      assert.deepEqual(
        ctx.server.requests.map((request) => cachePoints(request.json)),
        [4, 0],
      );
      assert.equal(await signatureProblem(ctx.server, ctx.server.requests[0]), undefined);
      assert.equal(on.usage.cachedInputTokens, 1200);
      assert.equal(on.usage.cacheWriteInputTokens, 30);
      assert.equal(on.usage.inputTokens, 1252);
      assert.equal(off.usage.cachedInputTokens, 1200, 'the mapping does not depend on the switch');
    });
  });

  describe('usage', () => {
    it('metadata cacheReadInputTokens / cacheWriteInputTokens: apart, and counted in the prompt as Bedrock leaves them out of inputTokens', async () => {
      const lines = [
        '{"messageStart":{"role":"assistant"}}',
        '{"contentBlockDelta":{"contentBlockIndex":0,"delta":{"text":"Hi"}}}',
        '{"contentBlockStop":{"contentBlockIndex":0}}',
        '{"messageStop":{"stopReason":"end_turn"}}',
        '{"metadata":{"usage":{"inputTokens":12,"outputTokens":5,"totalTokens":1817,"cacheReadInputTokens":1500,"cacheWriteInputTokens":300},"metrics":{"latencyMs":100}}}',
      ];
      async function* frames(): AsyncGenerator<Uint8Array> {
        yield encodeBedrockEvents(lines);
      }
      const events: ChatEvent[] = [];
      for await (const event of parseBedrockStream(readEventStreamBatches(frames(), 'bedrock'), 'bedrock'))
        events.push(event);
      assert.deepEqual(
        events.find((event) => event.type === 'usage'),
        {
          type: 'usage',
          inputTokens: 1812,
          outputTokens: 5,
          totalTokens: 1817,
          cachedInputTokens: 1500,
          cacheWriteInputTokens: 300,
        },
      );
    });

    it('the non-streaming Converse response maps the same way; usage without cache fields is unchanged', () => {
      const result = convertFromBedrockResponse(
        {
          output: { message: { role: 'assistant', content: [{ text: 'ok' }] } },
          stopReason: 'end_turn',
          usage: {
            inputTokens: 2,
            outputTokens: 1,
            totalTokens: 1027,
            cacheReadInputTokens: 0,
            cacheWriteInputTokens: 1024,
          },
        },
        'bedrock',
      );
      assert.deepEqual(result.usage, {
        inputTokens: 1026,
        outputTokens: 1,
        totalTokens: 1027,
        cachedInputTokens: 0,
        cacheWriteInputTokens: 1024,
      });
      assert.deepEqual(mapBedrockUsage({ inputTokens: 22, outputTokens: 55, totalTokens: 77 }), {
        inputTokens: 22,
        outputTokens: 55,
        totalTokens: 77,
      });
    });
  });
});
