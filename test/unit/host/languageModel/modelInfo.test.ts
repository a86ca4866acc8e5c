import * as assert from 'node:assert/strict';
import {
  autoModelInformation,
  estimateTokens,
  slotIdOfModel,
  slotModelInformation,
} from '../../../../src/host/languageModel/modelInfo';
import type { SlotConfig } from '../../../../src/config/types';
import { slotConfig } from '../../../fakes/scriptedClient';

describe('model information', () => {
  it('names a slot model "<model> · <provider>" with the slot as detail and tool calling on', () => {
    const info = slotModelInformation({ ...slotConfig('groq'), displayName: 'Groq', model: 'llama-3.3-70b-versatile' });
    assert.equal(info.id, 'slot:groq');
    assert.equal(info.name, 'llama-3.3-70b-versatile · Groq');
    assert.equal(info.detail, 'groq');
    assert.deepEqual(info.capabilities, { toolCalling: true, imageInput: false });
    assert.equal(info.maxInputTokens, 128_000);
    assert.equal(slotIdOfModel(info.id), 'groq');
    assert.equal(
      slotModelInformation({ ...slotConfig('perplexity'), registryId: 'perplexity', model: 'sonar-pro' } as SlotConfig)
        .capabilities.toolCalling,
      false,
      'Perplexity refuses tools',
    );
  });

  it('gives Auto what its most capable slots can do: the router skips slots that cannot and moves long prompts to larger windows', () => {
    const auto = autoModelInformation([
      { ...slotConfig('a'), model: 'gpt-4o' },
      { ...slotConfig('b'), model: 'llama-3.3-70b' },
    ]);
    assert.equal(auto.id, 'auto');
    assert.equal(auto.name, 'Skynet Auto');
    assert.equal(auto.detail, 'a → b');
    assert.equal(auto.maxInputTokens, 128_000);
    assert.equal(auto.capabilities.imageInput, true);
    const textOnly = autoModelInformation([
      { ...slotConfig('p'), registryId: 'perplexity', model: 'sonar-pro' } as SlotConfig,
    ]);
    assert.equal(textOnly.capabilities.toolCalling, false);
    assert.equal(textOnly.capabilities.imageInput, false);
    assert.equal(slotIdOfModel(auto.id), undefined);
  });

  it('estimates about four characters per token', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('12345678'), 2);
    assert.equal(estimateTokens('123456789'), 3);
  });
});
