import * as assert from 'node:assert/strict';
import { convertToAnthropicRequest } from '../../../src/providers/anthropic/convertToAnthropicMessages';
import { convertToBedrockRequest } from '../../../src/providers/bedrock/convertToBedrockMessages';
import { ANTHROPIC_TOOL_CALL_IDS, conformToolCallId, conformToolCallIds } from '../../../src/providers/toolCallIds';
import type { ChatMessage } from '../../../src/providers/types';

// A conversation begun on Kimi (ids like `weather:0`) that fails over to another service.
const history: ChatMessage[] = [
  { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
  { role: 'assistant', content: [{ type: 'tool-call', id: 'weather:0', name: 'weather', arguments: {} }] },
  { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'weather:0', content: 'sunny' }] },
];

describe('tool-call ids follow the target service when a conversation moves between slots', () => {
  it('ids that fit are kept; others become a stable id of the rule, the same for the call and its result', () => {
    assert.equal(conformToolCallId('toolu_01abc', ANTHROPIC_TOOL_CALL_IDS), 'toolu_01abc');
    const rewritten = conformToolCallId('weather:0', ANTHROPIC_TOOL_CALL_IDS);
    assert.match(rewritten, /^[a-zA-Z0-9_-]{24}$/);
    assert.equal(conformToolCallId('weather:0', ANTHROPIC_TOOL_CALL_IDS), rewritten, 'stable');
    assert.notEqual(conformToolCallId('weather:1', ANTHROPIC_TOOL_CALL_IDS), rewritten);
    assert.equal(conformToolCallIds(history, undefined), history);
  });

  it('Anthropic (tool_use.id must match ^[a-zA-Z0-9_-]+$) and Bedrock get matching, valid ids', () => {
    const anthropic = convertToAnthropicRequest({ messages: history }, 'claude-sonnet-4-5') as any;
    const use = anthropic.messages[1].content[0];
    const result = anthropic.messages[2].content[0];
    assert.match(use.id, /^[a-zA-Z0-9_-]+$/);
    assert.equal(result.tool_use_id, use.id);
    const bedrock = convertToBedrockRequest({ messages: history }, 'anthropic.claude') as any;
    const toolUse = bedrock.messages[1].content[0].toolUse;
    assert.match(toolUse.toolUseId, /^[a-zA-Z0-9_-]{1,64}$/);
    assert.equal(bedrock.messages[2].content[0].toolResult.toolUseId, toolUse.toolUseId);
  });
});
