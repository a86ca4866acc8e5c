import * as assert from 'node:assert/strict';
import { parseConfig } from '../../support/config';
import type { SlotConfig } from '../../../src/config/types';
import { catalogModel } from '../../../src/providers/catalog/modelCatalog';
import { countsOf, priceOf } from '../../../src/usage/price';

function slots(text: string): SlotConfig[] {
  const parsed = parseConfig(text, 'skynet.toml', {});
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors[0].message);
  return parsed.config.slots;
}

describe("a slot's price", () => {
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

  it('an Azure slot takes the catalog price of its model, not of its deployment name', () => {
    const [azure] = slots(
      '[providers.azure]\nresource = "contoso-ai"\nmodel = "gpt-5.4"\ndeployments = { "gpt-5.4" = "prod-54" }\n',
    );
    // models.dev providers/azure/models/gpt-5.4.toml @f3fc692 (checked 2026-12-05): 2.5 in, 15 out, 0.25 cache read.
    assert.deepEqual(priceOf(azure, azure.model), {
      price: { input: 2.5, output: 15, cacheRead: 0.25 },
      source: 'catalog',
    });
    assert.equal(priceOf(azure, 'prod-54'), undefined, 'a deployment name is not a model');
    assert.equal(catalogModel('azure', 'text-embedding-3-large'), undefined, 'embedding models are not chat models');
  });

  it('costs uncached input, cache reads and writes and output apart, and never guesses a missing one', () => {
    const price = { input: 3, output: 15, cacheRead: 0.3 };
    const cost = countsOf({ inputTokens: 5000, cachedInputTokens: 4000, outputTokens: 100 }, price);
    assert.ok(Math.abs(cost.costUsd - (1000 * 3 + 4000 * 0.3 + 100 * 15) / 1e6) < 1e-12);
    assert.equal(cost.unpricedRequests, 0);
    assert.equal(
      countsOf({ inputTokens: 5000, cacheWriteInputTokens: 4000, outputTokens: 100 }, price).unpricedRequests,
      1,
    );
    assert.deepEqual(countsOf(undefined, price), {
      requests: 1,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      costUsd: 0,
      unpricedRequests: 1,
    });
  });
});
