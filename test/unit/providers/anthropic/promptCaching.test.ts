import * as assert from 'node:assert/strict';
import type Anthropic from '@anthropic-ai/sdk';
import { parseAnthropicStream } from '../../../../src/providers/anthropic/anthropicStream';
import { addAnthropicCacheBreakpoints } from '../../../../src/providers/anthropic/convertToAnthropicCacheControl';
import {
  convertToAnthropicRequest,
  type AnthropicRequestBody,
} from '../../../../src/providers/anthropic/convertToAnthropicMessages';
import type { ChatEvent, ChatMessage, ChatRequest } from '../../../../src/providers/types';
import { convertToVertexClaudeRequest } from '../../../../src/providers/vertex/vertexClaude';
import { readSseBatches } from '../../../../src/util/sse';
import { anthropicPayloads, anthropicSse } from '../../../support/wire/anthropicMessages';
import { TEXT_ANSWER, TOOL_CALL_ANSWER } from '../../../support/wire/samples';
import { sseFromPayloads } from '../../../fakes/wire';
import { jsonLineFor } from '../../../../src/cli/events';
import { createAnthropicClient } from '../../../../src/providers/anthropic/client';
import { collectChat } from '../../../../src/providers/collect';
import { startFakeServer } from '../../../fakes/fakeServer';
import { fastHttpClient, providerDeps } from '../../../fakes/providerHarness';
import { replaySse } from '../../../fakes/wire';
import { anthropicSseOf } from './anthropicSse';
import { anthropicSlot } from './testDeps';

const EPHEMERAL = { type: 'ephemeral' } as const;
const user = (text: string): ChatMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): ChatMessage => ({ role: 'assistant', content: [{ type: 'text', text }] });

/** How many `cache_control` markers a body carries, wherever they are. */
function markers(body: unknown): number {
  return (JSON.stringify(body).match(/"cache_control":/g) ?? []).length;
}

async function parse(sse: string): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  async function* bytes(): AsyncGenerator<Uint8Array> {
    yield new Uint8Array(Buffer.from(sse, 'utf8'));
  }
  for await (const event of parseAnthropicStream(readSseBatches(bytes()), 'claude')) events.push(event);
  return events;
}

// Every expected body below `satisfies` the official SDK's request type: a marker where the API takes none
// (a thinking block, a message) would not compile.
describe('Anthropic prompt caching (cache_control breakpoints)', () => {
  it('no tools, no system: only the one user message is marked', () => {
    const expected = {
      model: 'claude-sonnet-4-5',
      max_tokens: 8192,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cache_control: EPHEMERAL }] }],
      stream: true,
    } satisfies Anthropic.MessageCreateParams;
    assert.deepEqual(convertToAnthropicRequest({ messages: [user('hi')] }, 'claude-sonnet-4-5'), expected);
  });

  it('system + tools + 3 user turns: exactly 4 markers, on the last tool, the last system block and the last two user turns', () => {
    const request: ChatRequest = {
      messages: [
        {
          role: 'system',
          content: [
            { type: 'text', text: 'You are terse.' },
            { type: 'text', text: 'Project rules.' },
          ],
        },
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
        { name: 'write', inputSchema: { type: 'object' } },
      ],
    };
    const expected = {
      model: 'claude-sonnet-4-5',
      max_tokens: 8192,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'one' }] },
        { role: 'assistant', content: [{ type: 'text', text: '1' }] },
        { role: 'user', content: [{ type: 'text', text: 'two', cache_control: EPHEMERAL }] },
        { role: 'assistant', content: [{ type: 'text', text: '2' }] },
        { role: 'user', content: [{ type: 'text', text: 'three', cache_control: EPHEMERAL }] },
      ],
      system: [
        { type: 'text', text: 'You are terse.' },
        { type: 'text', text: 'Project rules.', cache_control: EPHEMERAL },
      ],
      tools: [
        {
          name: 'read',
          description: 'Read a file',
          input_schema: { type: 'object', properties: { path: { type: 'string' } } },
        },
        { name: 'write', input_schema: { type: 'object' }, cache_control: EPHEMERAL },
      ],
      stream: true,
    } satisfies Anthropic.MessageCreateParams;
    const body = convertToAnthropicRequest(request, 'claude-sonnet-4-5');
    assert.deepEqual(body, expected);
    assert.equal(markers(body), 4);
  });

  it('a tool loop: the user message that ends in a tool_result gets the marker; thinking blocks never do', () => {
    const body = convertToAnthropicRequest(
      {
        messages: [
          user('What is 925 / 5?'),
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'Use the tool.', signature: 'sig-1' },
              { type: 'tool-call', id: 'toolu_1', name: 'divide', arguments: { a: 925, b: 5 } },
            ],
          },
          {
            role: 'tool',
            content: [{ type: 'tool-result', toolCallId: 'toolu_1', toolName: 'divide', content: '185' }],
          },
        ],
        tools: [{ name: 'divide', inputSchema: { type: 'object' } }],
        reasoning: { budgetTokens: 2000 },
      },
      'claude-sonnet-4-5',
    );
    const expected = {
      model: 'claude-sonnet-4-5',
      max_tokens: 8192,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'What is 925 / 5?', cache_control: EPHEMERAL }] },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Use the tool.', signature: 'sig-1' },
            { type: 'tool_use', id: 'toolu_1', name: 'divide', input: { a: 925, b: 5 } },
          ],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '185', cache_control: EPHEMERAL }],
        },
      ],
      tools: [{ name: 'divide', input_schema: { type: 'object' }, cache_control: EPHEMERAL }],
      thinking: { type: 'enabled', budget_tokens: 2000 },
      stream: true,
    } satisfies Anthropic.MessageCreateParams;
    assert.deepEqual(body, expected);
    assert.equal(markers(body), 3);
  });

  it('tool results then text in one user turn: the marker goes on the text, which comes last', () => {
    const body = convertToAnthropicRequest(
      {
        messages: [
          user('go'),
          { role: 'assistant', content: [{ type: 'tool-call', id: 't1', name: 'f', arguments: {} }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', content: 'done', isError: true }] },
          user('and now?'),
        ],
      },
      'm',
    );
    assert.deepEqual(body.messages[2], {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 't1', content: 'done', is_error: true },
        { type: 'text', text: 'and now?', cache_control: EPHEMERAL },
      ],
    });
  });

  it('image blocks: a user turn ending in an image has the marker on the image', () => {
    const expected = {
      model: 'claude-sonnet-4-5',
      max_tokens: 8192,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
              cache_control: EPHEMERAL,
            },
          ],
        },
      ],
      stream: true,
    } satisfies Anthropic.MessageCreateParams;
    const body = convertToAnthropicRequest(
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
      'claude-sonnet-4-5',
    );
    assert.deepEqual(body, expected);
  });

  it('skips empty text blocks and thinking blocks, walking back to the nearest block that can carry a marker', () => {
    const body: AnthropicRequestBody = {
      max_tokens: 10,
      system: [
        { type: 'text', text: 'rules' },
        { type: 'text', text: '' },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: '' },
          ],
        },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 't', signature: 's' }] },
        { role: 'user', content: [{ type: 'text', text: '' }] },
      ],
    };
    const marked = addAnthropicCacheBreakpoints(body);
    assert.deepEqual(marked.system, [
      { type: 'text', text: 'rules', cache_control: EPHEMERAL },
      { type: 'text', text: '' },
    ]);
    assert.deepEqual(marked.messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a', cache_control: EPHEMERAL },
          { type: 'text', text: '' },
        ],
      },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 't', signature: 's' }] },
      { role: 'user', content: [{ type: 'text', text: '' }] },
    ]);
    assert.equal(markers(body), 0, 'the input body is not changed in place');
  });

  it('never more than 4 markers, however long the conversation', () => {
    const messages: ChatMessage[] = [{ role: 'system', content: [{ type: 'text', text: 'sys' }] }];
    for (let turn = 0; turn < 30; turn++) messages.push(user(`q${turn}`), assistant(`a${turn}`));
    messages.push(user('last'));
    const body = convertToAnthropicRequest({ messages, tools: [{ name: 'f', inputSchema: {} }] }, 'm');
    assert.equal(markers(body), 4);
    assert.deepEqual(body.messages.at(-1), {
      role: 'user',
      content: [{ type: 'text', text: 'last', cache_control: EPHEMERAL }],
    });
    assert.deepEqual(body.messages.at(-3), {
      role: 'user',
      content: [{ type: 'text', text: 'q29', cache_control: EPHEMERAL }],
    });
    assert.equal(markers(body.messages.slice(0, -3)), 0);
  });

  it('the OAuth recipe: the Claude Code line stays first and unmarked; the caller system block is marked', () => {
    const body = convertToAnthropicRequest(
      { messages: [{ role: 'system', content: [{ type: 'text', text: 'Mine.' }] }, user('x')] },
      'm',
      { systemPrefix: ['Prefix.'] },
    );
    assert.deepEqual(body.system, [
      { type: 'text', text: 'Prefix.' },
      { type: 'text', text: 'Mine.', cache_control: EPHEMERAL },
    ]);
  });

  it('promptCaching: false sends no markers (Anthropic and Claude on Vertex)', () => {
    const request: ChatRequest = {
      messages: [{ role: 'system', content: [{ type: 'text', text: 's' }] }, user('hi')],
      tools: [{ name: 'f', inputSchema: {} }],
    };
    assert.equal(markers(convertToAnthropicRequest(request, 'm', { promptCaching: false })), 0);
    assert.equal(
      markers(convertToVertexClaudeRequest(request, 'claude-sonnet-4-5@20250929', { promptCaching: false })),
      0,
    );
  });

  it('Claude on Vertex gets the same markers', () => {
    const request: ChatRequest = {
      messages: [{ role: 'system', content: [{ type: 'text', text: 's' }] }, user('hi')],
      tools: [{ name: 'f', inputSchema: {} }],
    };
    const body = convertToVertexClaudeRequest(request, 'claude-sonnet-4-5@20250929');
    assert.equal(
      JSON.stringify(body),
      '{"anthropic_version":"vertex-2023-10-16","max_tokens":8192,"messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}],' +
        '"system":[{"type":"text","text":"s","cache_control":{"type":"ephemeral"}}],"tools":[{"name":"f","input_schema":{},"cache_control":{"type":"ephemeral"}}],"stream":true}',
    );
  });

  it('the client sends the markers; a slot with prompt_caching = false sends none', async function () {
    const server = await startFakeServer();
    const http = fastHttpClient();
    try {
      server.route('POST', '/v1/messages', (_req, res) => replaySse(res, anthropicSse(TEXT_ANSWER)));
      const request: ChatRequest = {
        messages: [{ role: 'system', content: [{ type: 'text', text: 's' }] }, user('hi')],
        tools: [{ name: 'f', inputSchema: {} }],
      };
      await collectChat(createAnthropicClient(anthropicSlot(server.url), providerDeps(http)).streamChat(request));
      await collectChat(
        createAnthropicClient({ ...anthropicSlot(server.url), promptCaching: false }, providerDeps(http)).streamChat(
          request,
        ),
      );
      assert.deepEqual(
        server.requests.map((sent) => markers(sent.json)),
        [3, 0],
      );
    } finally {
      await server.close();
      await http.close();
    }
  });

  describe('usage: cache reads and writes', function () {
    it('a stream whose cache counts are 0 reports no cache fields and the same prompt size', async () => {
      const events = await parse(
        sseFromPayloads(anthropicPayloads(TOOL_CALL_ANSWER), { eventNames: true, done: false }),
      );
      assert.deepEqual(
        events.find((event) => event.type === 'usage'),
        { type: 'usage', inputTokens: 124, outputTokens: 22, totalTokens: 146 },
      );
    });

    it('the same stream with a cache write in message_start and a cache read in message_delta', async () => {
      const lines = anthropicPayloads(TOOL_CALL_ANSWER).map((line) => {
        const payload = JSON.parse(line) as {
          type: string;
          message?: { usage: Record<string, unknown> };
          usage?: Record<string, unknown>;
        };
        if (payload.type === 'message_start' && payload.message)
          payload.message.usage = { ...payload.message.usage, input_tokens: 9, cache_creation_input_tokens: 840 };
        if (payload.type === 'message_delta' && payload.usage)
          payload.usage = {
            ...payload.usage,
            input_tokens: 9,
            cache_creation_input_tokens: 40,
            cache_read_input_tokens: 800,
          };
        return JSON.stringify(payload);
      });
      const events = await parse(sseFromPayloads(lines, { eventNames: true, done: false }));
      // message_delta's usage is cumulative and wins: 9 uncached + 800 read + 40 written.
      assert.deepEqual(
        events.find((event) => event.type === 'usage'),
        {
          type: 'usage',
          inputTokens: 849,
          outputTokens: 22,
          cachedInputTokens: 800,
          cacheWriteInputTokens: 40,
          totalTokens: 871,
        },
      );
    });

    it('the CLI usage JSON line keeps its fields and gains cacheWriteInputTokens', () => {
      assert.deepEqual(
        jsonLineFor({
          type: 'usage',
          inputTokens: 2051,
          outputTokens: 12,
          cachedInputTokens: 1,
          cacheWriteInputTokens: 2048,
          totalTokens: 2063,
        }),
        {
          type: 'usage',
          inputTokens: 2051,
          outputTokens: 12,
          cachedInputTokens: 1,
          cacheWriteInputTokens: 2048,
          totalTokens: 2063,
        },
      );
      assert.deepEqual(jsonLineFor({ type: 'usage', inputTokens: 12, outputTokens: 30, totalTokens: 42 }), {
        type: 'usage',
        inputTokens: 12,
        outputTokens: 30,
        totalTokens: 42,
      });
    });

    it('a synthetic first turn that only writes the cache', async () => {
      const events = await parse(
        anthropicSseOf([
          {
            type: 'message_start',
            message: {
              usage: {
                input_tokens: 3,
                cache_creation_input_tokens: 2048,
                cache_read_input_tokens: 0,
                output_tokens: 1,
              },
            },
          },
          { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 12 } },
          { type: 'message_stop' },
        ]),
      );
      assert.deepEqual(events, [
        { type: 'usage', inputTokens: 2051, outputTokens: 12, cacheWriteInputTokens: 2048, totalTokens: 2063 },
        { type: 'finish', reason: 'stop', rawReason: 'end_turn' },
      ]);
    });
  });
});
