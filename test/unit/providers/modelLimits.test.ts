import * as assert from 'node:assert/strict';
import type { SlotConfig } from '../../../src/config/types';
import { limitsForSlot } from '../../../src/providers/modelLimits';
import { slotConfig } from '../../fakes/scriptedClient';

describe('model limits', () => {
  it('knows image input and limits for known families, and is conservative otherwise', () => {
    const limitsForModel = (model: string) => limitsForSlot(slotConfig('x'), model);
    assert.deepEqual(limitsForModel('gpt-4o'), {
      maxInputTokens: 128_000,
      maxOutputTokens: 16_384,
      imageInput: true,
      toolCalling: true,
    });
    const copilot = { ...slotConfig('c'), kind: 'copilot', model: 'claude-sonnet-4.6' } as unknown as SlotConfig;
    assert.deepEqual(
      limitsForSlot(copilot),
      { maxInputTokens: 168_000, maxOutputTokens: 32_000, imageInput: true, toolCalling: true },
      "Copilot's own window for the model (catalog), not Anthropic's",
    );
    assert.equal(limitsForModel('gpt-4o-mini').imageInput, true);
    assert.deepEqual(limitsForModel('some-unknown-model'), {
      maxInputTokens: 32_000,
      maxOutputTokens: 4_096,
      imageInput: false,
      toolCalling: true,
    });
    assert.equal(
      limitsForSlot({ ...slotConfig('perplexity'), registryId: 'perplexity', model: 'sonar-pro' } as SlotConfig)
        .toolCalling,
      false,
      'Perplexity refuses tools',
    );
  });
});
