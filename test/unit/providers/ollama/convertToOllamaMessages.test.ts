import * as assert from 'node:assert/strict';
import { convertToOllamaRequest } from '../../../../src/providers/ollama/convertToOllamaMessages';
import { mapOllamaDoneReason } from '../../../../src/providers/ollama/mapOllamaDoneReason';

describe('convertToOllamaRequest', () => {
  it('sends assistant tool calls with object arguments and tool results as tool messages', () => {
    const body = convertToOllamaRequest(
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather in Tokyo?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'Use the tool.' },
              { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Tokyo' } },
            ],
          },
          {
            role: 'tool',
            content: [
              { type: 'tool-result', toolCallId: 'call_1', toolName: 'get_weather', content: '18°C' },
              { type: 'tool-result', toolCallId: 'call_2', content: 'no name' },
            ],
          },
          { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
        ],
      },
      'qwen3',
      false,
    );
    assert.deepEqual(body, {
      model: 'qwen3',
      stream: false,
      messages: [
        { role: 'user', content: 'Weather in Tokyo?' },
        {
          role: 'assistant',
          content: '',
          thinking: 'Use the tool.',
          tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }],
        },
        { role: 'tool', content: '18°C', tool_name: 'get_weather' },
        { role: 'tool', content: 'no name' },
        { role: 'user', content: 'Thanks' },
      ],
    });
  });

  it('leaves the tools out when the tool choice is none', () => {
    const body = convertToOllamaRequest(
      {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
        tools: [{ name: 'f', inputSchema: {} }],
        toolChoice: 'none',
      },
      'm',
      true,
    );
    assert.equal(body.tools, undefined);
    assert.equal(body.options, undefined);
  });

  it('maps every done_reason', () => {
    assert.deepEqual(
      ['stop', 'length', 'load', 'unload', undefined].map((reason) => mapOllamaDoneReason(reason, false)),
      ['stop', 'length', 'other', 'other', 'other'],
    );
    assert.equal(mapOllamaDoneReason('stop', true), 'tool-calls');
    assert.equal(mapOllamaDoneReason('length', true), 'length');
  });
});
