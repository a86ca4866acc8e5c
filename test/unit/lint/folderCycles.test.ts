import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const src = path.join(root, 'src');

/** Every relative import of a file: `from '…'`, `import('…')`, `require('…')`, `import '…'` (type-only ones too). */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]*)['"]/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The top-level folder under src/ a file belongs to (`src/cli.ts` and `src/extension.ts` are their own). */
function folderOf(file: string): string {
  const [first, ...rest] = path.relative(src, file).split(path.sep);
  return rest.length === 0 ? first.replace(/\.[cm]?[jt]s$/, '') : first;
}

/** folder → folders it imports from, each edge with one file that makes it. */
export function folderGraph(
  files: readonly string[],
  read: (file: string) => string,
): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const match of read(file).matchAll(IMPORT)) {
      const to = folderOf(path.resolve(path.dirname(file), match[1]));
      if (to !== from && !edges.has(to)) edges.set(to, path.relative(root, file));
    }
  }
  return graph;
}

/** The folder cycles of a graph: Tarjan's strongly connected components with more than one folder. */
export function cyclesOf(graph: ReadonlyMap<string, ReadonlyMap<string, string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe('folders import one way: no import cycle between the folders of src/', () => {
  it('finds a cycle when there is one (the check can fail)', () => {
    const files = ['config/a.ts', 'providers/b.ts', 'util/c.ts'].map((file) => path.join(src, file));
    const text: Record<string, string> = {
      'config/a.ts': "import { b } from '../providers/b';",
      'providers/b.ts': "import type { A } from '../config/a';\nimport { c } from '../util/c';",
      'util/c.ts': '',
    };
    const graph = folderGraph(files, (file) => text[path.relative(src, file)]);
    assert.deepEqual(cyclesOf(graph), [['config', 'providers']]);
  });

  it('src/ has none (type-only imports count)', () => {
    const graph = folderGraph(sourceFiles(src), (file) => fs.readFileSync(file, 'utf8'));
    const described = cyclesOf(graph).map((cycle) =>
      cycle
        .flatMap((from) =>
          cycle.filter((to) => graph.get(from)?.has(to)).map((to) => `${from} → ${to} (${graph.get(from)!.get(to)})`),
        )
        .join(', '),
    );
    assert.deepEqual(described, []);
  });
});
