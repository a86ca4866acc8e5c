import * as assert from 'node:assert/strict';
import type { SlotConfig } from '../../../src/config/types';
import { limitsForSlot } from '../../../src/providers/modelLimits';
import { slotConfig } from '../../fakes/scriptedClient';

describe('model limits', () => {
  it('knows image input and limits for known families, and is conservative otherwise', () => {
    const limitsForModel = (model: string) => limitsForSlot(slotConfig('x'), model);
    assert.deepEqual(limitsForModel('claude-sonnet-4-6'), { maxInputTokens: 200_000, maxOutputTokens: 64_000, imageInput: true, toolCalling: true });
    assert.equal(limitsForModel('gpt-4o-mini').imageInput, true);
    assert.deepEqual(limitsForModel('some-unknown-model'), { maxInputTokens: 32_000, maxOutputTokens: 4_096, imageInput: false, toolCalling: true });
    assert.equal(limitsForSlot({ ...slotConfig('perplexity'), registryId: 'perplexity', model: 'sonar-pro' } as SlotConfig).toolCalling, false, 'Perplexity refuses tools');
  });
});
