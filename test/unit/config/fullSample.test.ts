import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import type { ConfigDiagnostic, ProviderKind, SlotConfig } from '../../../src/config/types';
import { KIND_DESCRIPTORS, NATIVE_PROVIDERS } from '../../../src/providers/descriptors';
import { REGISTRY, findRegistryEntry } from '../../../src/providers/registry';
import { RETIRED_PROVIDERS } from '../../../src/providers/retired';
import { FULL_SAMPLE_FILE, fullSample, parseConfig } from '../../support/config';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const described = (diagnostic: ConfigDiagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.message}`;

describe('docs/skynet.full.toml: the one sample config, with every provider', () => {
  const text = fullSample();
  const result = parseConfig(text, FULL_SAMPLE_FILE, { HOME: '/home/dev', OPENAI_API_KEY: 'k' });
  const slots: SlotConfig[] = result.ok ? result.config.slots : [];

  it('parses with no error and no warning', () => {
    assert.deepEqual(result.ok ? [] : result.errors.map(described), []);
    assert.deepEqual(result.warnings.map(described), []);
  });

  it('sets every native provider that still serves, and none that ended', () => {
    const tables = Object.keys(NATIVE_PROVIDERS);
    const serving = tables.filter((table) => !(table in RETIRED_PROVIDERS));
    const ids = new Set(slots.map((slot) => slot.id));
    assert.deepEqual(
      serving.filter((table) => !ids.has(table)),
      [],
      'native tables missing from the sample',
    );
    assert.deepEqual(
      tables.filter((table) => table in RETIRED_PROVIDERS && ids.has(table)),
      [],
      'the sample configures a service that has ended',
    );
  });

  it('has a slot of every kind that still serves: registry rows, an address with URL parameters, custom endpoints', () => {
    const retiredKinds = new Set<ProviderKind>(
      Object.entries(NATIVE_PROVIDERS)
        .filter(([table]) => table in RETIRED_PROVIDERS)
        .map(([, descriptor]) => descriptor.kind),
    );
    const kinds = new Set(slots.map((slot) => slot.kind));
    assert.deepEqual(
      (Object.keys(KIND_DESCRIPTORS) as ProviderKind[]).filter((kind) => !retiredKinds.has(kind) && !kinds.has(kind)),
      [],
      'kinds missing from the sample',
    );
    const compat = slots.filter((slot) => slot.kind === 'openai-compat');
    const rows = compat.map((slot) => findRegistryEntry(slot.id)).filter((row) => row !== undefined);
    assert.ok(rows.length > 0, 'a registry row');
    if (REGISTRY.some((row) => row.urlParameters))
      assert.ok(
        rows.some((row) => row.urlParameters),
        'a registry row whose address holds values of the slot (urlParameters)',
      );
    const custom = compat.filter((slot) => !findRegistryEntry(slot.id));
    assert.ok(
      custom.some((slot) => !slot.api),
      'a custom endpoint on Chat Completions',
    );
    assert.ok(
      custom.some((slot) => slot.api),
      'a custom endpoint on another protocol (api = …)',
    );
  });

  it('has every top-level table but [projects] (read only in your own ~/.skynet/skynet.toml)', () => {
    assert.deepEqual(Object.keys(parse(text)).sort(), ['agent', 'budget', 'providers', 'router']);
  });

  it('is the sample the docs link to', () => {
    for (const page of ['docs/configuration.md', 'README.md'])
      assert.match(fs.readFileSync(path.join(root, page), 'utf8'), /skynet\.full\.toml/, page);
  });
});
