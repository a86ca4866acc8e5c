import * as assert from 'node:assert/strict';
import {
  convertFromLmMessages,
  convertFromLmToolMode,
  convertFromLmTools,
} from '../../../../src/host/languageModel/convertFromLmMessages';

// Plain objects shaped like the host's parts: the converter recognises parts by shape, not by class.
const text = (value: string) => ({ value });
const toolCall = (callId: string, name: string, input: object) => ({ callId, name, input });
const toolResult = (callId: string, content: unknown[]) => ({ callId, content });
const data = (bytes: number[] | string, mimeType: string) => ({
  mimeType,
  data: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : Uint8Array.from(bytes),
});
const USER = 1;
const ASSISTANT = 2;

describe('convertFromLmMessages', () => {
  it('maps roles and merges adjacent text parts', () => {
    const messages = convertFromLmMessages([
      { role: USER, content: [text('Hello, '), text('world')] },
      { role: ASSISTANT, content: [text('Hi!')] },
    ]);
    assert.deepEqual(messages, [
      { role: 'user', content: [{ type: 'text', text: 'Hello, world' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hi!' }] },
    ]);
  });

  it('turns tool calls into assistant parts and tool results into a tool message before the user text', () => {
    const messages = convertFromLmMessages([
      { role: ASSISTANT, content: [text('Let me look.'), toolCall('call_1', 'get_weather', { city: 'Paris' })] },
      { role: USER, content: [toolResult('call_1', [text('18°C'), text(' cloudy')]), text('And tomorrow?')] },
    ]);
    assert.deepEqual(messages, [
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me look.' },
          { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', content: '18°C\n cloudy' }] },
      { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] },
    ]);
  });

  it('keeps images as base64 and reads text and JSON data parts as text', () => {
    const [message] = convertFromLmMessages([
      {
        role: USER,
        content: [
          data([0x89, 0x50, 0x4e, 0x47], 'image/png'),
          data('{"a":1}', 'application/json'),
          data('plain', 'text/plain'),
        ],
      },
    ]);
    assert.deepEqual(message.content, [
      { type: 'image', mimeType: 'image/png', data: 'iVBORw==' },
      { type: 'text', text: '{"a":1}plain' },
    ]);
  });

  it('reads data parts inside tool results as text and drops parts it does not know', () => {
    const messages = convertFromLmMessages([
      {
        role: USER,
        content: [toolResult('c', [data('{"ok":true}', 'application/json'), { something: 'else' }]), 42, null],
      },
    ]);
    assert.deepEqual(messages, [
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', content: '{"ok":true}' }] },
    ]);
  });

  it('skips messages that end up empty', () => {
    assert.deepEqual(convertFromLmMessages([{ role: USER, content: [data([1, 2], 'application/octet-stream')] }]), []);
  });
});

describe('convertFromLmTools and convertFromLmToolMode', () => {
  it('passes name, description and schema; no tools means no tool fields', () => {
    const tools = convertFromLmTools([
      { name: 'search', description: 'Find', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } },
    ]);
    assert.deepEqual(tools, [
      { name: 'search', description: 'Find', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } },
    ]);
    assert.equal(convertFromLmTools([]), undefined);
    assert.equal(convertFromLmToolMode(1, undefined), undefined);
  });

  it('gives a schema-less tool an empty object schema', () => {
    assert.deepEqual(convertFromLmTools([{ name: 'now', description: 'Time' }])![0].inputSchema, {
      type: 'object',
      properties: {},
    });
  });

  it('Required names the only tool, or asks for any tool when there are several', () => {
    const one = convertFromLmTools([{ name: 'a', description: '' }]);
    const two = convertFromLmTools([
      { name: 'a', description: '' },
      { name: 'b', description: '' },
    ]);
    assert.deepEqual(convertFromLmToolMode(2, one), { name: 'a' });
    assert.equal(convertFromLmToolMode(2, two), 'required');
    assert.equal(convertFromLmToolMode(1, two), 'auto');
  });
});
