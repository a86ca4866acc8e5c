import * as assert from 'node:assert/strict';
import type { ChatRequest as OllamaSdkRequest } from 'ollama';
import { convertToOllamaRequest } from '../../../../src/providers/ollama/convertToOllamaMessages';
import type { ChatRequest } from '../../../../src/providers/types';

const base: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], temperature: 0.1 };

describe('Ollama reasoning → think', () => {
  it('without reasoning the body is exactly what it was', () => {
    assert.equal(
      JSON.stringify(convertToOllamaRequest(base, 'qwen3', true)),
      '{"model":"qwen3","messages":[{"role":"user","content":"hi"}],"stream":true,"options":{"temperature":0.1}}',
    );
  });

  it('thinking models get think:true, whatever the effort or budget', () => {
    assert.equal(
      JSON.stringify(convertToOllamaRequest({ ...base, reasoning: { effort: 'low' } }, 'qwen3', true)),
      '{"model":"qwen3","messages":[{"role":"user","content":"hi"}],"stream":true,"options":{"temperature":0.1},"think":true}',
    );
    assert.equal(
      convertToOllamaRequest({ ...base, reasoning: { budgetTokens: 99999 } }, 'deepseek-r1:8b', false).think,
      true,
    );
  });

  it('gpt-oss takes the level (it ignores true/false); a budget becomes the nearest level', () => {
    assert.equal(convertToOllamaRequest({ ...base, reasoning: { effort: 'high' } }, 'gpt-oss:20b', true).think, 'high');
    assert.equal(
      convertToOllamaRequest({ ...base, reasoning: { budgetTokens: 1500 } }, 'gpt-oss:120b', true).think,
      'low',
    );
  });

  it("fits the ollama SDK's think type", () => {
    const think: OllamaSdkRequest['think'] = convertToOllamaRequest(
      { ...base, reasoning: {} },
      'gpt-oss:20b',
      true,
    ).think;
    assert.equal(think, 'medium');
  });
});
