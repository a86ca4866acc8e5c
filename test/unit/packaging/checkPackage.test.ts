// scripts/check-package.js decides whether a .vsix ships what it should; the real package is checked by
// `npm run publish:check` and by the host harness before its installed suite.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

// A plain-JS script outside the TypeScript project, loaded from its path at run time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkPackage, referencedFiles } = require(
  path.join(__dirname, '..', '..', '..', '..', 'scripts', 'check-package.js'),
) as {
  checkPackage(entries: Map<string, Buffer>, totalBytes: number): string[];
  referencedFiles(manifest: object): string[];
};

const manifest = {
  main: './dist/extension.js',
  icon: 'media/icon.png',
  contributes: {
    viewsContainers: { activitybar: [{ id: 'skynet', icon: 'media/skynet.svg' }] },
    views: { skynet: [{ id: 'skynet.slots', icon: 'media/skynet.svg' }] },
    tomlValidation: [{ fileMatch: 'skynet.toml', url: './schemas/skynet.schema.json' }],
  },
};

function goodPackage(): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  for (const name of [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/readme.md',
    'extension/changelog.md',
    'extension/LICENSE.txt',
    'extension/media/icon.png',
    'extension/media/skynet.svg',
    'extension/schemas/skynet.schema.json',
  ])
    entries.set(name, Buffer.from('x'));
  entries.set('extension/package.json', Buffer.from(JSON.stringify(manifest)));
  entries.set('extension/dist/extension.js', Buffer.from('"use strict";module.exports={};'));
  entries.set('extension/dist/cli.js', Buffer.from('#!/usr/bin/env node\n'));
  entries.set('extension/dist/bedrock.js', Buffer.from('module.exports = function (__skynetShared) {};'));
  entries.set('extension/dist/vertex.js', Buffer.from('module.exports = function (__skynetShared) {};'));
  entries.set('extension/dist/modelCatalog.json', Buffer.from('{"providers":{}}'));
  return entries;
}

describe('check-package (what the .vsix ships)', () => {
  it('passes a package with exactly the needed files', () => {
    assert.deepEqual(checkPackage(goodPackage(), 180_000), []);
  });

  it('finds leaks: node_modules, tests, sources, source maps (separate or inline), and an oversized package', () => {
    const entries = goodPackage();
    entries.set('extension/node_modules/smol-toml/index.js', Buffer.from(''));
    entries.set('extension/out/test/host/index.js', Buffer.from(''));
    entries.set('extension/dist/extension.js.map', Buffer.from('{}'));
    entries.set('extension/dist/cli.js', Buffer.from('x\n//# sourceMappingURL=data:application/json;base64,e30='));
    const problems = checkPackage(entries, 2_000_000);
    assert.ok(problems.some((problem) => problem.includes('ships extension/node_modules/smol-toml/index.js')));
    assert.ok(problems.some((problem) => problem.includes('ships extension/out/test/host/index.js')));
    assert.ok(problems.some((problem) => problem.includes('ships extension/dist/extension.js.map')));
    assert.ok(problems.some((problem) => problem.includes('extension/dist/cli.js carries a source map')));
    assert.ok(problems.some((problem) => /1953 KB, over the 600 KB budget/.test(problem)));
  });

  it('finds what is left out, including a family file read on first use and files package.json points at', () => {
    const entries = goodPackage();
    entries.delete('extension/dist/cli.js');
    entries.delete('extension/dist/bedrock.js');
    entries.delete('extension/media/skynet.svg');
    assert.deepEqual(checkPackage(entries, 1000), [
      'leaves out extension/dist/cli.js',
      'leaves out extension/dist/bedrock.js',
      'package.json points at media/skynet.svg, which is not in the package',
    ]);
  });

  it('refuses a browser entry point (Skynet needs Node: files, credential_process, localhost)', () => {
    const entries = goodPackage();
    entries.set('extension/package.json', Buffer.from(JSON.stringify({ ...manifest, browser: './dist/web.js' })));
    assert.ok(checkPackage(entries, 1000).some((problem) => problem.includes('"browser" entry')));
  });

  it('reads the paths package.json points at, skipping codicons and URLs', () => {
    assert.deepEqual(
      referencedFiles({
        ...manifest,
        contributes: { ...manifest.contributes, jsonValidation: [{ url: 'https://json.schemastore.org/x.json' }] },
      }),
      [
        'extension/dist/extension.js',
        'extension/media/icon.png',
        'extension/media/skynet.svg',
        'extension/schemas/skynet.schema.json',
      ],
    );
  });
});
