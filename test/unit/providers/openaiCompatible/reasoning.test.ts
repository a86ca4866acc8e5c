import * as assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { adaptOpenAIBody } from '../../../../src/providers/openai/client';
import { buildOpenAIRequestBody } from '../../../../src/providers/openaiCompatible/buildOpenAIRequestBody';
import { wireDialectFor } from '../../../../src/providers/openaiCompatible/wireDialect';
import { parseReasoning, reasoningBudget, reasoningEffort } from '../../../../src/config/reasoning';
import type { ChatRequest } from '../../../../src/providers/types';

const base: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], maxTokens: 50 };
// gpt-oss takes reasoning_effort wherever it is served (a custom endpoint's dialect: the default).
const options = { model: 'gpt-oss-120b', stream: true };
const openai = wireDialectFor('openai');

describe('OpenAI-compatible reasoning → reasoning_effort', () => {
  it('without reasoning the body is exactly what it was', () => {
    assert.equal(
      JSON.stringify(buildOpenAIRequestBody(base, options)),
      '{"model":"gpt-oss-120b","messages":[{"role":"user","content":"hi"}],"max_tokens":50,"stream":true,"stream_options":{"include_usage":true}}',
    );
  });

  it('the exact body with reasoning', () => {
    assert.equal(
      JSON.stringify(buildOpenAIRequestBody({ ...base, reasoning: { effort: 'high' } }, options)),
      '{"model":"gpt-oss-120b","messages":[{"role":"user","content":"hi"}],"max_tokens":50,"reasoning_effort":"high","stream":true,"stream_options":{"include_usage":true}}',
    );
  });

  it('a budget becomes the nearest effort (log scale: < 2048 low, < 8192 medium, else high); neither is medium', () => {
    const effortOf = (reasoning: ChatRequest['reasoning']) =>
      buildOpenAIRequestBody({ ...base, reasoning }, options).reasoning_effort;
    assert.equal(effortOf({ budgetTokens: 1024 }), 'low');
    assert.equal(effortOf({ budgetTokens: 2047 }), 'low');
    assert.equal(effortOf({ budgetTokens: 2048 }), 'medium');
    assert.equal(effortOf({ budgetTokens: 8191 }), 'medium');
    assert.equal(effortOf({ budgetTokens: 8192 }), 'high');
    assert.equal(effortOf({}), 'medium');
    assert.equal(effortOf({ effort: 'low', budgetTokens: 50000 }), 'low', 'an effort given wins');
  });

  it("the value fits the SDK's ReasoningEffort type", () => {
    const body = buildOpenAIRequestBody({ ...base, reasoning: { effort: 'medium' } }, options);
    const params: Pick<OpenAI.ChatCompletionCreateParams, 'reasoning_effort'> = {
      reasoning_effort: body.reasoning_effort as ReturnType<typeof reasoningEffort>,
    };
    assert.equal(params.reasoning_effort, 'medium');
  });

  it('native OpenAI: reasoning models keep reasoning_effort (with max_completion_tokens); others drop it and are otherwise untouched', () => {
    const asked = { ...base, reasoning: { effort: 'low' as const } };
    assert.equal(
      JSON.stringify(
        adaptOpenAIBody(buildOpenAIRequestBody(asked, { ...options, dialect: openai, model: 'o3-mini' }), asked),
      ),
      '{"model":"o3-mini","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":50,"reasoning_effort":"low","stream":true,"stream_options":{"include_usage":true}}',
    );
    assert.equal(
      adaptOpenAIBody(buildOpenAIRequestBody(asked, { ...options, dialect: openai, model: 'gpt-5-mini' }), asked)
        .reasoning_effort,
      'low',
    );
    const plain = buildOpenAIRequestBody(base, { ...options, dialect: openai, model: 'gpt-4o' });
    assert.equal(adaptOpenAIBody(plain, base), plain);
    assert.deepEqual(
      adaptOpenAIBody(buildOpenAIRequestBody(asked, { ...options, dialect: openai, model: 'gpt-4o' }), asked),
      plain,
    );
  });
});

describe('parseReasoning (CLI flag, VS Code setting, vscode.lm model options)', () => {
  it('takes off, the three efforts and a positive integer budget', () => {
    assert.equal(parseReasoning('off'), undefined);
    assert.deepEqual(parseReasoning('High'), { effort: 'high' });
    assert.deepEqual(parseReasoning(' 8000 '), { budgetTokens: 8000 });
    assert.equal(reasoningBudget({ effort: 'high' }), 16384);
    assert.equal(reasoningBudget({}), 4096);
  });
  it('refuses anything else with the accepted values', () => {
    for (const bad of ['0', '-1', '1.5', 'max', 'xhigh', '', '1e4'])
      assert.throws(() => parseReasoning(bad), /off, low, medium, high or a number of tokens/, bad);
  });
});
