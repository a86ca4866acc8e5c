import * as assert from 'node:assert/strict';
import { parseConfig } from '../../../src/config';
import type { SlotConfig } from '../../../src/config/types';
import { catalogModel } from '../../../src/providers/catalog/modelCatalog';
import { countsOf, priceOf } from '../../../src/usage/price';

function slots(text: string): SlotConfig[] {
  const parsed = parseConfig(text, 'skynet.toml', {});
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors[0].message);
  return parsed.config.slots;
}

describe('a slot\'s price', () => {
  it('its own price first, else free for a local Ollama, else the model catalog on its own provider, else unknown', () => {
    const [anthropic, custom, groq, ollama] = slots(
      '[providers.anthropic]\nmodel = "claude-sonnet-4-5"\n[[providers.openai_compat]]\nid = "gateway"\nbase_url = "http://127.0.0.1:4000/v1"\nmodel = "claude-sonnet-4-5"\n[[providers.openai_compat]]\nid = "groq"\nmodel = "llama-3.3-70b-versatile"\nprice = { input = 1, output = 2 }\n[providers.ollama]\nmodel = "qwen3:8b"\n',
    );
    const catalog = catalogModel('anthropic', 'claude-sonnet-4-5')?.cost;
    assert.ok(catalog, 'the catalog snapshot prices claude-sonnet-4-5');
    assert.deepEqual(priceOf(anthropic, anthropic.model), { price: catalog, source: 'catalog' });
    // A custom endpoint's prices are its own (a gateway on localhost may bill): neither the catalog's nor free.
    assert.equal(priceOf(custom, custom.model), undefined);
    assert.deepEqual(priceOf(groq, groq.model), { price: { input: 1, output: 2 }, source: 'config' });
    assert.equal(priceOf(ollama, ollama.model)?.source, 'local');
    assert.equal(priceOf(anthropic, 'a-model-no-catalog-lists'), undefined);
  });

  it('costs uncached input, cache reads and writes and output apart, and never guesses a missing one', () => {
    const price = { input: 3, output: 15, cacheRead: 0.3 };
    const cost = countsOf({ inputTokens: 5000, cachedInputTokens: 4000, outputTokens: 100 }, price);
    assert.ok(Math.abs(cost.costUsd - (1000 * 3 + 4000 * 0.3 + 100 * 15) / 1e6) < 1e-12);
    assert.equal(cost.unpricedRequests, 0);
    assert.equal(countsOf({ inputTokens: 5000, cacheWriteInputTokens: 4000, outputTokens: 100 }, price).unpricedRequests, 1);
    assert.deepEqual(countsOf(undefined, price), { requests: 1, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, unpricedRequests: 1 });
  });
});
