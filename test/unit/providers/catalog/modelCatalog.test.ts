import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOG_PROVIDERS } from '../../../../src/providers/catalog/catalogProviders';
import { formatSnapshot } from '../../../../src/providers/catalog/buildSnapshot';
import {
  CATALOG_FILE,
  catalogModel,
  catalogProviderOf,
  loadCatalog,
  lookUpModel,
  shippedCatalog,
} from '../../../../src/providers/catalog/modelCatalog';
import type { CatalogSnapshot } from '../../../../src/providers/catalog/snapshot';
import { listProviders } from '../../../../src/providers/providerList';

const ROOT = path.join(__dirname, '..', '..', '..', '..', '..');
/** The day the provider facts were checked (src/providers/descriptor.ts `CheckedOn`). */
const CHECKED = Date.parse('2026-12-05');
/** How much older than that check the snapshot's source may be before `npm run catalog` must run again. */
const MAX_AGE_DAYS = 180;

function snapshotText(): string {
  return fs.readFileSync(path.join(ROOT, CATALOG_FILE), 'utf8');
}

describe('model catalog (models.dev snapshot)', () => {
  it('answers in the shape spend and capability routing read: limits, capabilities, USD per 1M tokens', () => {
    assert.deepEqual(catalogModel('anthropic', 'claude-opus-4-7'), {
      contextWindow: 1_000_000,
      maxOutput: 128_000,
      tools: true,
      vision: true,
      reasoning: true,
      cost: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
    });
    assert.deepEqual(catalogModel('openai', 'gpt-4o-mini')?.cost, { input: 0.15, output: 0.6, cacheRead: 0.075 });
    assert.equal(catalogModel('openai', 'gpt-5')?.maxInput, 272_000, "OpenAI's input cap below the 400k window");
    assert.equal(catalogModel('anthropic', 'claude-no-such-model'), undefined);
    assert.equal(catalogModel('no-such-provider', 'claude-opus-4-7'), undefined);
  });

  it('finds a model case-insensitively and without its @version (Vertex), but never across providers', () => {
    assert.equal(catalogModel('vertex', 'claude-opus-5@20260101')?.contextWindow, 1_000_000);
    assert.equal(catalogModel('anthropic', 'CLAUDE-OPUS-4-7')?.cost?.input, 5);
    assert.equal(catalogModel('groq', 'claude-opus-4-7'), undefined);
    assert.ok(catalogModel('openrouter', 'anthropic/claude-opus-4.7'), 'gateways list models under their own ids');
  });

  it("names a slot's catalog provider: its registry row or native table, none for a custom endpoint", () => {
    assert.equal(catalogProviderOf({ kind: 'openai-compat', registryId: 'groq' }), 'groq');
    assert.equal(catalogProviderOf({ kind: 'openai-compat' }), undefined);
    assert.equal(catalogProviderOf({ kind: 'bedrock' }), 'bedrock');
    assert.equal(catalogProviderOf({ kind: 'qwen-oauth' }), 'qwen_oauth');
  });

  it('maps only providers Skynet has, and the snapshot holds only those', () => {
    const ids = new Set(listProviders().map((provider) => provider.id));
    for (const id of Object.keys(CATALOG_PROVIDERS))
      assert.ok(ids.has(id), `${id} in CATALOG_PROVIDERS is not a Skynet provider`);
    const snapshot = JSON.parse(snapshotText()) as CatalogSnapshot;
    for (const id of Object.keys(snapshot.providers))
      assert.ok(id in CATALOG_PROVIDERS, `${id} in the snapshot is not mapped`);
    for (const id of ['anthropic', 'openai', 'copilot', 'bedrock', 'vertex', 'gemini', 'openrouter'])
      assert.ok(Object.keys(snapshot.providers[id] ?? {}).length > 5, id);
  });

  it('is exactly what `npm run catalog` writes, names its source, and is not stale', () => {
    const text = snapshotText();
    const snapshot = JSON.parse(text) as CatalogSnapshot;
    assert.equal(formatSnapshot(snapshot), text, 'edited by hand? run `npm run catalog -- <source>` instead');
    assert.match(snapshot.source, /models\.dev/);
    assert.match(snapshot.sourceDate, /^\d{4}-\d{2}-\d{2}$/);
    const ageDays = (CHECKED - Date.parse(snapshot.sourceDate)) / 86_400_000;
    assert.ok(
      ageDays <= MAX_AGE_DAYS,
      `the catalog's source is ${Math.round(ageDays)} days older than the provider facts (checked 2026-12-05): run \`npm run catalog\``,
    );
    for (const [provider, rows] of Object.entries(snapshot.providers)) {
      for (const [model, row] of Object.entries(rows)) {
        assert.ok(
          row.length >= 4 && row.length <= 8 && row.every((value) => typeof value === 'number' && value >= 0),
          `${provider}/${model}: ${JSON.stringify(row)}`,
        );
        assert.ok(row[1] === 0 || row[0] === 0 || row[1] < row[0], `${provider}/${model}: input cap below the window`);
      }
    }
  });

  it('loads the shipped file once; a missing file gives an empty catalog that says why', () => {
    assert.equal(shippedCatalog(), shippedCatalog());
    assert.equal(shippedCatalog().error, undefined);
    const missing = loadCatalog(path.join(ROOT, 'no-such-catalog.json'));
    assert.match(missing.error ?? '', /no-such-catalog\.json/);
    assert.equal(lookUpModel(missing, 'anthropic', 'claude-opus-4-7'), undefined);
  });
});
