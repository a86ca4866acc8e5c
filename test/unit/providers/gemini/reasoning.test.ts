import * as assert from 'node:assert/strict';
import type { ThinkingConfig } from '@google/genai';
import { convertToGeminiRequest } from '../../../../src/providers/gemini/convertToGeminiRequest';
import type { ChatRequest } from '../../../../src/providers/types';

const base: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], maxTokens: 100 };

describe('Gemini reasoning → generationConfig.thinkingConfig', () => {
  it('without reasoning the body is exactly what it was', () => {
    assert.equal(
      JSON.stringify(convertToGeminiRequest(base, 'gemini-2.5-pro')),
      '{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":100,"thinkingConfig":{"includeThoughts":true}}}',
    );
    assert.equal(
      JSON.stringify(convertToGeminiRequest(base, 'gemini-2.0-flash')),
      '{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":100}}',
    );
  });

  it('Gemini 2.5: thinkingBudget (the budget, or the effort table), includeThoughts kept', () => {
    assert.equal(
      JSON.stringify(convertToGeminiRequest({ ...base, reasoning: { effort: 'high' } }, 'gemini-2.5-flash')),
      '{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":100,"thinkingConfig":{"includeThoughts":true,"thinkingBudget":16384}}}',
    );
    assert.deepEqual(
      convertToGeminiRequest({ ...base, reasoning: { budgetTokens: 2000 } }, 'gemini-2.5-pro').generationConfig
        ?.thinkingConfig,
      { includeThoughts: true, thinkingBudget: 2000 },
    );
  });

  it('Gemini 3+: thinkingLevel, never with a budget; Pro has no MEDIUM', () => {
    const config = convertToGeminiRequest(
      { ...base, reasoning: { effort: 'low', budgetTokens: 1000 } },
      'gemini-3-flash',
    ).generationConfig?.thinkingConfig;
    assert.deepEqual(config, { includeThoughts: true, thinkingLevel: 'LOW' });
    assert.equal(
      convertToGeminiRequest({ ...base, reasoning: { effort: 'medium' } }, 'gemini-3-flash').generationConfig
        ?.thinkingConfig?.thinkingLevel,
      'MEDIUM',
    );
    assert.equal(
      convertToGeminiRequest({ ...base, reasoning: { effort: 'medium' } }, 'gemini-3-pro-preview').generationConfig
        ?.thinkingConfig?.thinkingLevel,
      'HIGH',
    );
    const sdk = config as ThinkingConfig;
    assert.equal(sdk.thinkingBudget, undefined);
  });

  it('models that do not think get no thinkingConfig even when asked', () => {
    assert.equal(
      JSON.stringify(convertToGeminiRequest({ ...base, reasoning: { effort: 'high' } }, 'gemini-2.0-flash')),
      JSON.stringify(convertToGeminiRequest(base, 'gemini-2.0-flash')),
    );
  });
});
