import * as assert from 'node:assert/strict';
import { describeModel, formatTokenCount, modelPickItems, typedModelItem } from '../../../src/commands/modelPickItems';

describe('Choose Model: quick pick items', () => {
  it('writes context windows as people say them', () => {
    assert.equal(formatTokenCount(200_000), '200K');
    assert.equal(formatTokenCount(131_072), '128K');
    assert.equal(formatTokenCount(32_768), '32K');
    assert.equal(formatTokenCount(1_048_576), '1M');
    assert.equal(formatTokenCount(1_000_000), '1M');
    assert.equal(formatTokenCount(1_500_000), '1.5M');
    assert.equal(formatTokenCount(8_192), '8K');
    assert.equal(formatTokenCount(500), '500');
  });

  it('describes what is known: context window and capabilities', () => {
    assert.equal(
      describeModel({
        id: 'a',
        contextWindow: 200_000,
        capabilities: { toolCalling: true, vision: true, reasoning: true },
      }),
      '200K context · tools, vision, reasoning',
    );
    assert.equal(describeModel({ id: 'a', capabilities: { toolCalling: true, vision: false } }), 'tools');
    assert.equal(describeModel({ id: 'a', contextWindow: 131_072 }), '128K context');
    assert.equal(describeModel({ id: 'a' }), undefined);
  });

  it('lists the current model first and marks it, then the rest in order without repeats', () => {
    const items = modelPickItems(
      [
        { id: 'llama-3.1-8b', contextWindow: 131_072 },
        { id: 'llama-3.3-70b', name: 'Llama 3.3 70B', contextWindow: 131_072, capabilities: { toolCalling: true } },
        { id: 'llama-3.1-8b' },
        { id: 'qwen-qwq' },
      ],
      'llama-3.3-70b',
    );
    assert.deepEqual(
      items.map((item) => item.modelId),
      ['llama-3.3-70b', 'llama-3.1-8b', 'qwen-qwq'],
    );
    assert.deepEqual(items[0], {
      label: '$(check) llama-3.3-70b',
      description: 'current · 128K context · tools',
      detail: 'Llama 3.3 70B',
      modelId: 'llama-3.3-70b',
      current: true,
    });
    assert.deepEqual(items[1], {
      label: 'llama-3.1-8b',
      description: '128K context',
      detail: undefined,
      modelId: 'llama-3.1-8b',
      current: false,
    });
    assert.equal(items[2].description, undefined);
  });

  it('keeps the current model on top even when the provider does not list it', () => {
    const items = modelPickItems([{ id: 'a' }], 'my-fine-tune');
    assert.deepEqual(
      items.map((item) => [item.modelId, item.current, item.description]),
      [
        ['my-fine-tune', true, 'current'],
        ['a', false, undefined],
      ],
    );
  });

  it('offers a typed id the list does not have', () => {
    const items = modelPickItems([{ id: 'a' }], 'a');
    assert.equal(typedModelItem('  ', items), undefined);
    assert.equal(typedModelItem('a', items), undefined);
    const typed = typedModelItem(' org/new-model ', items);
    assert.equal(typed?.modelId, 'org/new-model');
    assert.equal(typed?.label, "$(edit) Use 'org/new-model'");
    assert.equal(typed?.alwaysShow, true);
  });

  it("shows a server's model ids and names as written: no icon, no bidi reordering", () => {
    const items = modelPickItems([{ id: '$(zap) fast', name: 'Fast\u202emodel' }, { id: 'other' }], '$(zap) fast');
    assert.equal(items[0]!.label, '$(check) \\$(zap) fast', 'only our own check mark is an icon');
    assert.equal(items[0]!.detail, 'Fast<U+202E>model');
    assert.equal(items[0]!.modelId, '$(zap) fast', "the id written to skynet.toml is the server's own");
    assert.equal(typedModelItem('$(x)', items)?.label, "$(edit) Use '\\$(x)'");
  });
});
