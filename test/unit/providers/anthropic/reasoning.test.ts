import * as assert from 'node:assert/strict';
import type Anthropic from '@anthropic-ai/sdk';
import { convertToAnthropicRequest } from '../../../../src/providers/anthropic/convertToAnthropicMessages';
import { anthropicThinksAdaptively } from '../../../../src/providers/anthropic/convertToAnthropicThinking';
import type { ChatRequest } from '../../../../src/providers/types';
import { convertToVertexClaudeRequest } from '../../../../src/providers/vertex/vertexClaude';

const base: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };
const tools: ChatRequest['tools'] = [{ name: 'lookup', inputSchema: { type: 'object' } }];

/** The SDK's own param types are the oracle for the new fields: a shape that does not fit them does not compile. */
function asSdkParams(body: ReturnType<typeof convertToAnthropicRequest>): {
  thinking?: Anthropic.ThinkingConfigParam;
  output_config?: Anthropic.OutputConfig;
  max_tokens: number;
} {
  return { thinking: body.thinking, output_config: body.output_config, max_tokens: body.max_tokens };
}

describe('Anthropic reasoning → thinking', () => {
  it('without reasoning the body is exactly what it was (with its prompt-cache marker)', () => {
    const body = convertToAnthropicRequest(
      { ...base, temperature: 0.3, topP: 0.5, maxTokens: 100 },
      'claude-sonnet-4-5',
    );
    assert.equal(
      JSON.stringify(body),
      '{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}],"temperature":0.3,"top_p":0.5,"stream":true}',
    );
  });

  it('effort → budget_tokens (low 1024 / medium 4096 / high 16384); max_tokens kept when above the budget', () => {
    for (const [effort, budget] of [
      ['low', 1024],
      ['medium', 4096],
      ['high', 16384],
    ] as const) {
      const body = convertToAnthropicRequest({ ...base, maxTokens: 32000, reasoning: { effort } }, 'claude-sonnet-4-5');
      assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: budget });
      assert.equal(body.max_tokens, 32000);
      asSdkParams(body);
    }
  });

  it('the exact body with reasoning: thinking added, max_tokens raised above the budget, temperature dropped', () => {
    const body = convertToAnthropicRequest(
      { ...base, temperature: 0.3, maxTokens: 1000, reasoning: { effort: 'medium' } },
      'claude-sonnet-4-5',
    );
    assert.equal(
      JSON.stringify(body),
      '{"model":"claude-sonnet-4-5","max_tokens":5096,"messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}],"thinking":{"type":"enabled","budget_tokens":4096},"stream":true}',
    );
  });

  it('budgetTokens wins over effort, is raised to the 1024 minimum, and max_tokens defaults to budget + 8192 when needed', () => {
    assert.deepEqual(
      convertToAnthropicRequest(
        { ...base, reasoning: { effort: 'low', budgetTokens: 10000 } },
        'claude-3-7-sonnet-20250219',
      ).thinking,
      { type: 'enabled', budget_tokens: 10000 },
    );
    const tiny = convertToAnthropicRequest({ ...base, reasoning: { budgetTokens: 200 } }, 'claude-opus-4-1');
    assert.deepEqual(tiny.thinking, { type: 'enabled', budget_tokens: 1024 });
    assert.equal(tiny.max_tokens, 8192, 'the default 8192 is already above 1024');
    const big = convertToAnthropicRequest({ ...base, reasoning: { budgetTokens: 20000 } }, 'claude-opus-4-1');
    assert.equal(big.max_tokens, 28192);
    assert.ok(big.thinking?.type === 'enabled' && big.thinking.budget_tokens < big.max_tokens);
  });

  it('top_p survives only in [0.95, 1]', () => {
    assert.equal(convertToAnthropicRequest({ ...base, topP: 0.97, reasoning: {} }, 'claude-sonnet-4-5').top_p, 0.97);
    assert.equal(
      'top_p' in convertToAnthropicRequest({ ...base, topP: 0.5, reasoning: {} }, 'claude-sonnet-4-5'),
      false,
    );
  });

  it('auto/none tool choice keeps thinking; a forced tool keeps the tool choice and sends no thinking', () => {
    for (const toolChoice of ['auto', 'none'] as const) {
      const body = convertToAnthropicRequest(
        { ...base, tools, toolChoice, reasoning: { effort: 'low' } },
        'claude-sonnet-4-5',
      );
      assert.ok(body.thinking);
      assert.equal(body.tool_choice?.type, toolChoice);
    }
    for (const toolChoice of ['required', { name: 'lookup' }] as const) {
      const body = convertToAnthropicRequest(
        { ...base, tools, toolChoice, temperature: 0.2, reasoning: { effort: 'low' } },
        'claude-sonnet-4-5',
      );
      assert.equal(body.thinking, undefined);
      assert.equal(body.temperature, 0.2, 'without thinking nothing else changes');
    }
  });

  it('adaptive-only models (Opus 4.7+, generation 5+) get thinking:adaptive + output_config.effort, no budget, no sampling', () => {
    const body = convertToAnthropicRequest(
      { ...base, temperature: 0.3, topP: 0.99, maxTokens: 2000, reasoning: { budgetTokens: 20000 } },
      'claude-opus-4-7',
    );
    assert.equal(
      JSON.stringify(body),
      '{"model":"claude-opus-4-7","max_tokens":2000,"messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}],"thinking":{"type":"adaptive"},"output_config":{"effort":"high"},"stream":true}',
    );
    asSdkParams(body);
    for (const model of [
      'claude-opus-4-7',
      'claude-opus-4-8',
      'claude-sonnet-5',
      'claude-opus-5-5',
      'us.anthropic.claude-opus-4-7-v1:0',
      'claude-opus-4-7@20260101',
    ]) {
      assert.equal(anthropicThinksAdaptively(model), true, model);
    }
    for (const model of [
      'claude-sonnet-4-5-20250929',
      'claude-opus-4-6',
      'claude-3-7-sonnet-20250219',
      'claude-3-5-sonnet-20241022',
      'claude-haiku-4-5',
      'claude-sonnet-4-20250514',
    ]) {
      assert.equal(anthropicThinksAdaptively(model), false, model);
    }
  });

  it('signed thinking in assistant history goes back as thinking blocks; unsigned reasoning does not', () => {
    const body = convertToAnthropicRequest(
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'plan', signature: 'sig-1' },
              { type: 'reasoning', text: 'other provider' },
              { type: 'text', text: 'a' },
            ],
          },
          { role: 'user', content: [{ type: 'text', text: 'more' }] },
        ],
        reasoning: { effort: 'low' },
      },
      'claude-sonnet-4-5',
    );
    assert.deepEqual(body.messages[1], {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'plan', signature: 'sig-1' },
        { type: 'text', text: 'a' },
      ],
    });
  });

  it('Claude on Vertex reuses the mapping', () => {
    const body = convertToVertexClaudeRequest(
      { ...base, temperature: 0.5, reasoning: { effort: 'high' } },
      'claude-sonnet-4-5@20250929',
    );
    assert.equal(
      JSON.stringify(body),
      '{"anthropic_version":"vertex-2023-10-16","max_tokens":24576,"messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}],"thinking":{"type":"enabled","budget_tokens":16384},"stream":true}',
    );
    assert.equal(
      JSON.stringify(convertToVertexClaudeRequest(base, 'claude-sonnet-4-5@20250929')),
      '{"anthropic_version":"vertex-2023-10-16","max_tokens":8192,"messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}],"stream":true}',
    );
  });
});
