import * as assert from 'node:assert/strict';
import {
  mapAnthropicUsage,
  mergeAnthropicUsage,
  type AnthropicUsage,
} from '../../../src/providers/anthropic/mapAnthropicUsage';
import { mapBedrockUsage } from '../../../src/providers/bedrock/bedrockStream';
import { mapOpenAIUsage } from '../../../src/providers/openaiCompatible/mapOpenAIUsage';
import { mapResponsesUsage } from '../../../src/providers/openaiResponses/mapResponsesUsage';
import { readGeminiChunk } from '../../../src/providers/gemini/readGeminiChunk';

/** Counts no usage may carry: negative, infinite (JSON's 1e999), not a number at all. */
const BAD = [-1, -0.5, Infinity, -Infinity, NaN, '12', null, { valueOf: 3 }];

describe('usage mappers drop token counts that are not finite and at least 0', () => {
  it('Chat Completions and Responses usage', () => {
    for (const bad of BAD) {
      const raw = {
        prompt_tokens: bad,
        completion_tokens: 7,
        total_tokens: bad,
        completion_tokens_details: { reasoning_tokens: bad },
        prompt_tokens_details: { cached_tokens: bad },
      };
      assert.deepEqual(mapOpenAIUsage(raw), { outputTokens: 7 }, String(bad));
      assert.equal(mapOpenAIUsage({ prompt_tokens: bad }), undefined);
      const responses = { input_tokens: 5, output_tokens: bad, input_tokens_details: { cached_tokens: bad } };
      assert.deepEqual(mapResponsesUsage(responses), { inputTokens: 5 }, String(bad));
    }
    assert.deepEqual(mapOpenAIUsage({ prompt_tokens: 0, completion_tokens: 0 }), { inputTokens: 0, outputTokens: 0 });
  });

  it('Anthropic usage, merged and mapped', () => {
    for (const bad of BAD) {
      const usage = {
        input_tokens: 10,
        output_tokens: bad,
        cache_read_input_tokens: bad,
        cache_creation_input_tokens: bad,
      } as unknown as AnthropicUsage;
      assert.deepEqual(mapAnthropicUsage(usage), { inputTokens: 10 }, String(bad));
      const merged = mergeAnthropicUsage({ input_tokens: 10, output_tokens: 1 }, {
        output_tokens: bad,
      } as unknown as AnthropicUsage);
      assert.deepEqual(merged, { input_tokens: 10, output_tokens: 1 }, String(bad));
    }
  });

  it('Bedrock and Gemini usage', () => {
    for (const bad of BAD) {
      const bedrock = mapBedrockUsage({
        inputTokens: 4,
        outputTokens: bad,
        cacheReadInputTokens: bad,
        totalTokens: bad,
      } as never);
      assert.deepEqual(bedrock, { inputTokens: 4 }, String(bad));
      const gemini = readGeminiChunk({
        usageMetadata: { promptTokenCount: 3, candidatesTokenCount: bad, thoughtsTokenCount: bad },
      });
      assert.deepEqual(gemini?.usage, { promptTokenCount: 3 }, String(bad));
    }
  });
});
