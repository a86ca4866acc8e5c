import * as assert from 'node:assert/strict';
import type { ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { convertToBedrockRequest } from '../../../../src/providers/bedrock/convertToBedrockMessages';
import type { ChatRequest } from '../../../../src/providers/types';

const base: ChatRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  temperature: 0.4,
  topP: 0.5,
};
const CLAUDE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('Bedrock reasoning → Claude thinking in additionalModelRequestFields', () => {
  it('without reasoning the body is exactly what it was (the Claude model id adds only its prompt-cache point)', () => {
    const expected =
      '{"messages":[{"role":"user","content":[{"text":"hi"}]}],"inferenceConfig":{"temperature":0.4,"topP":0.5}}';
    assert.equal(JSON.stringify(convertToBedrockRequest(base)), expected);
    assert.equal(JSON.stringify(convertToBedrockRequest(base, CLAUDE, { promptCaching: false })), expected);
    assert.equal(
      JSON.stringify(convertToBedrockRequest(base, CLAUDE)),
      '{"messages":[{"role":"user","content":[{"text":"hi"},{"cachePoint":{"type":"default"}}]}],"inferenceConfig":{"temperature":0.4,"topP":0.5}}',
    );
  });

  it('Claude: the exact body, with maxTokens set above the budget and temperature/top_p dropped', () => {
    const body = convertToBedrockRequest({ ...base, reasoning: { effort: 'medium' } }, CLAUDE);
    assert.equal(
      JSON.stringify(body),
      '{"messages":[{"role":"user","content":[{"text":"hi"},{"cachePoint":{"type":"default"}}]}],"inferenceConfig":{"maxTokens":8192},"additionalModelRequestFields":{"thinking":{"type":"enabled","budget_tokens":4096}}}',
    );
    const sdk: Pick<ConverseStreamCommandInput, 'additionalModelRequestFields' | 'inferenceConfig'> = body;
    assert.ok(sdk.additionalModelRequestFields);
    const raised = convertToBedrockRequest(
      { ...base, maxTokens: 500, reasoning: { budgetTokens: 3000 } },
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
    );
    assert.deepEqual(raised.inferenceConfig, { maxTokens: 3500 });
    assert.deepEqual(raised.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 3000 } });
  });

  it('adaptive-only Claude gets thinking:adaptive; a forced tool sends no thinking', () => {
    assert.deepEqual(
      convertToBedrockRequest({ ...base, reasoning: { effort: 'high' } }, 'global.anthropic.claude-opus-4-7-v1:0')
        .additionalModelRequestFields,
      { thinking: { type: 'adaptive' } },
    );
    const forced = convertToBedrockRequest(
      {
        ...base,
        tools: [{ name: 't', inputSchema: { type: 'object' } }],
        toolChoice: 'required',
        reasoning: { effort: 'high' },
      },
      CLAUDE,
    );
    assert.equal(forced.additionalModelRequestFields, undefined);
    assert.equal(forced.inferenceConfig?.temperature, 0.4);
  });

  it('other Bedrock models: no reasoning field, body unchanged', () => {
    assert.equal(
      JSON.stringify(convertToBedrockRequest({ ...base, reasoning: { effort: 'high' } }, 'amazon.nova-pro-v1:0')),
      JSON.stringify(convertToBedrockRequest(base, 'amazon.nova-pro-v1:0')),
    );
  });
});
