import * as assert from 'node:assert/strict';
import { convertToAnthropicRequest } from '../../../../src/providers/anthropic/convertToAnthropicMessages';
import type { ChatRequest } from '../../../../src/providers/types';

describe('convertToAnthropicRequest', () => {
  it('puts system messages in `system`, merges same-role turns and sends tool results as tool_result blocks', () => {
    const request: ChatRequest = {
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        { role: 'user', content: [{ type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Need the tool.', signature: 'sig-1' },
            { type: 'reasoning', text: 'unsigned, from another provider' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: { city: 'Paris' } },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'toolu_1', toolName: 'weather', content: '18°C' }],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'And tomorrow?' },
            { type: 'text', text: '' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_2', content: 'boom', isError: true }] },
      ],
    };
    assert.deepEqual(convertToAnthropicRequest(request, 'claude-x'), {
      model: 'claude-x',
      max_tokens: 8192,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather?' },
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Need the tool.', signature: 'sig-1' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: 'boom', is_error: true },
            { type: 'text', text: 'And tomorrow?', cache_control: { type: 'ephemeral' } },
          ],
        },
      ],
      stream: true,
    });
  });

  it('sends tools in Anthropic format with the tool choice and sampling options', () => {
    const body = convertToAnthropicRequest(
      {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        tools: [
          {
            name: 'weather',
            description: 'Weather by city',
            inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
          },
          { name: 'noop', inputSchema: { type: 'object', properties: {} } },
        ],
        toolChoice: 'required',
        temperature: 0.2,
        topP: 0.9,
        maxTokens: 100,
        stop: ['END'],
      },
      'm',
      { stream: false },
    );
    assert.deepEqual(body.tools, [
      {
        name: 'weather',
        description: 'Weather by city',
        input_schema: { type: 'object', properties: { city: { type: 'string' } } },
      },
      { name: 'noop', input_schema: { type: 'object', properties: {} }, cache_control: { type: 'ephemeral' } },
    ]);
    assert.deepEqual(body.tool_choice, { type: 'any' });
    assert.equal(body.temperature, 0.2);
    assert.equal(body.top_p, 0.9);
    assert.equal(body.max_tokens, 100);
    assert.deepEqual(body.stop_sequences, ['END']);
    assert.equal(body.stream, false);
  });

  it('maps each tool choice', () => {
    const choice = (toolChoice: ChatRequest['toolChoice']) =>
      convertToAnthropicRequest(
        {
          messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
          tools: [{ name: 'f', inputSchema: {} }],
          toolChoice,
        },
        'm',
      ).tool_choice;
    assert.deepEqual(choice('auto'), { type: 'auto' });
    assert.deepEqual(choice('none'), { type: 'none' });
    assert.deepEqual(choice({ name: 'f' }), { type: 'tool', name: 'f' });
    assert.equal(choice(undefined), undefined);
  });

  it('puts a system prefix first, before the caller system prompt', () => {
    const body = convertToAnthropicRequest(
      {
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Mine.' }] },
          { role: 'user', content: [{ type: 'text', text: 'x' }] },
        ],
      },
      'm',
      { systemPrefix: ['Prefix.'] },
    );
    assert.deepEqual(body.system, [
      { type: 'text', text: 'Prefix.' },
      { type: 'text', text: 'Mine.', cache_control: { type: 'ephemeral' } },
    ]);
  });
});
