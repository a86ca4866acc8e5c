import * as assert from 'node:assert/strict';
import { convertToBedrockRequest } from '../../../../src/providers/bedrock/convertToBedrockMessages';
import { mapBedrockStopReason } from '../../../../src/providers/bedrock/mapBedrockStopReason';

describe('Bedrock Converse conversion', () => {
  it('maps every documented stopReason', () => {
    const reasons = [
      'end_turn',
      'tool_use',
      'max_tokens',
      'stop_sequence',
      'guardrail_intervened',
      'content_filtered',
      'malformed_model_output',
      'malformed_tool_use',
      'model_context_window_exceeded',
      'something_new',
    ];
    assert.deepEqual(reasons.map(mapBedrockStopReason), [
      'stop',
      'tool-calls',
      'length',
      'stop',
      'content-filter',
      'content-filter',
      'error',
      'error',
      'length',
      'other',
    ]);
  });

  it('drops unsigned reasoning and empty text, merges same-role turns, leaves out inferenceConfig when unset', () => {
    const body = convertToBedrockRequest({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: '' },
          ],
        },
        { role: 'user', content: [{ type: 'image', mimeType: 'image/jpg', data: 'AA' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'unsigned' },
            { type: 'text', text: 'b' },
          ],
        },
      ],
    });
    assert.deepEqual(body, {
      messages: [
        { role: 'user', content: [{ text: 'a' }, { image: { format: 'jpeg', source: { bytes: 'AA' } } }] },
        { role: 'assistant', content: [{ text: 'b' }] },
      ],
    });
  });

  it('tool choices: auto, required → any, none leaves the tools out', () => {
    const tools = [{ name: 'f', inputSchema: { type: 'object' } }];
    const base = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'x' }] }], tools };
    assert.deepEqual(convertToBedrockRequest(base).toolConfig?.toolChoice, { auto: {} });
    assert.deepEqual(convertToBedrockRequest({ ...base, toolChoice: 'required' }).toolConfig?.toolChoice, { any: {} });
    assert.equal(convertToBedrockRequest({ ...base, toolChoice: 'none' }).toolConfig, undefined);
  });
});
