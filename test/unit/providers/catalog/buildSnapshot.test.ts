import * as assert from 'node:assert/strict';
import {
  buildSnapshot,
  formatSnapshot,
  modelsFromClineCatalog,
  modelsFromModelsDevApi,
} from '../../../../src/providers/catalog/buildSnapshot';
import { decodeRow, encodeRow, type CatalogModel } from '../../../../src/providers/catalog/snapshot';

/** A slice of models.dev's api.json, in its shape. */
const API = {
  anthropic: {
    models: {
      'claude-x': {
        tool_call: true,
        attachment: true,
        reasoning: true,
        modalities: { input: ['text', 'image', 'pdf'], output: ['text'] },
        cost: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 },
        limit: { context: 200_000, output: 64_000 },
      },
    },
  },
  openai: {
    models: {
      'gpt-x': {
        tool_call: true,
        reasoning: true,
        modalities: { input: ['text'], output: ['text'] },
        cost: { input: 1.25, output: 10 },
        limit: { context: 400_000, input: 272_000, output: 128_000 },
      },
      'gpt-image-x': {
        modalities: { input: ['text'], output: ['image'] },
        cost: { input: 5, output: 40 },
        limit: { context: 32_000, output: 0 },
      },
    },
  },
  'google-vertex': {
    models: {
      'gemini-x': {
        tool_call: true,
        modalities: { input: ['text', 'image'], output: ['text'] },
        limit: { context: 1_048_576, output: 65_536 },
      },
    },
  },
  'google-vertex-anthropic': {
    models: {
      'claude-x@default': {
        tool_call: true,
        modalities: { input: ['text', 'image'], output: ['text'] },
        limit: { context: 200_000, output: 64_000 },
      },
    },
  },
  'not-skynet': { models: { m: { limit: { context: 1, output: 1 } } } },
};

describe('model catalog snapshot (build time)', () => {
  it("reads models.dev's api.json: limits, input cap, tools, image input, reasoning, prices; chat models only", () => {
    const models = modelsFromModelsDevApi(API);
    assert.deepEqual(models.anthropic['claude-x'], {
      contextWindow: 200_000,
      maxInput: undefined,
      maxOutput: 64_000,
      tools: true,
      vision: true,
      reasoning: true,
      cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    });
    assert.equal(models.openai['gpt-x'].maxInput, 272_000);
    assert.equal(models.openai['gpt-image-x'], undefined, 'image generation is not a chat model');
    assert.equal(models['google-vertex']['gemini-x'].cost, undefined, 'no price given is not a free model');
  });

  it("keeps only Skynet's providers, under Skynet's ids, merging Vertex's Claude models into vertex", () => {
    const snapshot = buildSnapshot(
      modelsFromModelsDevApi(API),
      'https://models.dev/api.json',
      new Date('2026-12-01T10:00:00Z'),
    );
    assert.deepEqual(Object.keys(snapshot.providers).sort(), ['anthropic', 'openai', 'vertex']);
    assert.deepEqual(Object.keys(snapshot.providers.vertex).sort(), ['claude-x@default', 'gemini-x']);
    assert.equal(snapshot.sourceDate, '2026-12-01');
    assert.deepEqual(JSON.parse(formatSnapshot(snapshot)), snapshot);
  });

  it("reads cline's catalog.generated.ts (models.dev data under cline's provider ids) and its generation date", () => {
    const text = `import type { ModelInfo } from "@cline/shared";
export const GENERATED_PROVIDER_MODELS: {
  version: number
  providers: Record<string, Record<string, ModelInfo>>
} = {
  version: 1787428899566,
  providers: {
  "openai-native": {
    "gpt-x": { "id": "gpt-x", "contextWindow": 400000, "maxInputTokens": 272000, "maxTokens": 128000, "capabilities": ["images", "tools", "reasoning"], "pricing": { "input": 1.25, "output": 10, "cacheRead": 0.125, "cacheWrite": 0 } },
    "gpt-image-x": { "id": "gpt-image-x", "operation": "image-generation", "contextWindow": 32000 }
  },
  "vertex": { "claude-x@default": { "id": "claude-x@default", "contextWindow": 200000, "maxTokens": 64000, "capabilities": ["tools"] } }
}
}
`;
    const { models, generatedAt } = modelsFromClineCatalog(text);
    assert.equal(generatedAt.toISOString().slice(0, 10), '2026-08-22');
    assert.deepEqual(Object.keys(models).sort(), ['google-vertex', 'openai']);
    assert.deepEqual(models.openai['gpt-x'], {
      contextWindow: 400_000,
      maxInput: 272_000,
      maxOutput: 128_000,
      tools: true,
      vision: true,
      reasoning: true,
      cost: { input: 1.25, output: 10, cacheRead: 0.125 },
    });
    assert.equal(models.openai['gpt-image-x'], undefined);
    assert.throws(() => modelsFromClineCatalog('export const X = 1;'), /not a cline catalog/);
  });

  it('stores a row compactly and reads it back unchanged (free, unpriced, input-capped models)', () => {
    const cases: CatalogModel[] = [
      {
        contextWindow: 200_000,
        maxOutput: 64_000,
        tools: true,
        vision: true,
        reasoning: true,
        cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
      },
      {
        contextWindow: 400_000,
        maxInput: 272_000,
        maxOutput: 128_000,
        tools: true,
        vision: false,
        reasoning: true,
        cost: { input: 1.25, output: 10 },
      },
      {
        contextWindow: 131_072,
        maxOutput: 8_192,
        tools: false,
        vision: false,
        reasoning: false,
        cost: { input: 0, output: 0 },
      },
      { contextWindow: 32_768, tools: true, vision: false, reasoning: false },
    ];
    for (const model of cases) assert.deepEqual(decodeRow(encodeRow(model)), model);
    assert.deepEqual(encodeRow(cases[2]), [131_072, 0, 8_192, 0, 0, 0], 'a free model keeps its zero prices');
    assert.deepEqual(encodeRow(cases[3]), [32_768, 0, 0, 9]);
  });
});
