import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REGISTRY } from '../../../src/providers/registry';

const root = path.resolve(__dirname, '..', '..', '..', '..');

/** The pages that name files of the repository and must follow them when they move. */
const PAGES = ['docs/ARCHITECTURE.md', 'CONTRIBUTING.md'];
/** Reference pages that name a few paths (or none): checked the same way, without the minimum. */
const REFERENCE_PAGES = [
  'docs/configuration.md',
  'docs/vscode.md',
  'docs/cli.md',
  'docs/promises.md',
  'docs/benchmarks.md',
];

/** A repository path written in backticks: `src/router/router.ts`, `test/support/wire/`. Templates (`<name>`) are not paths. */
const PATH_IN_BACKTICKS = /`((?:src|test|scripts|bench|docs|schemas|media|demo)\/[A-Za-z0-9_./-]*)`/g;

export function pathsNamedIn(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(PATH_IN_BACKTICKS)].map((match) => match[1]))];
}

describe('docs name only files that exist', () => {
  it('finds the paths written in backticks, and no template', () => {
    assert.deepEqual(
      pathsNamedIn('see `src/router/router.ts` and `test/support/wire/`, not `src/providers/<name>/` or `npm test`'),
      ['src/router/router.ts', 'test/support/wire/'],
    );
  });

  for (const page of [...PAGES, ...REFERENCE_PAGES]) {
    it(`${page}: every src/, test/, scripts/… path in backticks exists`, () => {
      const text = fs.readFileSync(path.join(root, page), 'utf8');
      const named = pathsNamedIn(text);
      if (PAGES.includes(page))
        assert.ok(named.length >= 5, `${page} names ${named.length} paths: is the pattern still right?`);
      const missing = named.filter((file) => !fs.existsSync(path.join(root, file)));
      assert.deepEqual(missing, [], `${page} names files that do not exist (moved or renamed? update the page)`);
    });
  }
});

describe('docs/configuration.md', () => {
  it('lists exactly the registry ids in "The OpenAI-compatible registry" table', () => {
    const readme = fs.readFileSync(path.join(root, 'docs/configuration.md'), 'utf8');
    const section = readme.split('## The OpenAI-compatible registry')[1]?.split(/\n#{1,3} /)[0];
    assert.ok(section, 'docs/configuration.md has no "## The OpenAI-compatible registry" section');
    const listed = [...section.matchAll(/\| `([a-z0-9-]+)` \|/g)].map((match) => match[1]);
    assert.deepEqual(
      [...listed].sort(),
      REGISTRY.map((entry) => entry.id).sort(),
      "docs/configuration.md's registry table differs from src/providers/registry.ts",
    );
  });
});
