import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROVIDER_DOCS_FILE, renderProviderDocs } from '../../../src/providers/providerDocs';
import { NATIVE_PROVIDERS } from '../../../src/providers/descriptors';
import { REGISTRY } from '../../../src/providers/registry';

describe('docs/providers.md', () => {
  it('is the one the descriptors make (run `npm run docs:providers` after changing them)', () => {
    const file = path.resolve(__dirname, '../../../..', PROVIDER_DOCS_FILE);
    const written = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    assert.ok(
      written === renderProviderDocs(),
      `${PROVIDER_DOCS_FILE} is out of date: run \`npm run docs:providers\` and commit it`,
    );
  });

  it('names every provider with its base URL, default model and the date it was checked', () => {
    const text = renderProviderDocs();
    for (const facts of [...Object.values(NATIVE_PROVIDERS), ...REGISTRY]) {
      assert.ok(text.includes(`\`${facts.baseUrl}\``), `${facts.id} base URL`);
      assert.ok(text.includes(`\`${facts.defaultModel}\` (2026-12-05)`), `${facts.id} default model`);
    }
    assert.match(text, /`perplexity`[^\n]*refuses tools/);
    assert.match(text, /`cohere`[^\n]*refuses `stream_options`/);
    assert.match(text, /`lepton` \(Lepton AI\)/);
  });
});
