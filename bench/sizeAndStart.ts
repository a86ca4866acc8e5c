import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SizeResult {
  bundleBytes?: number;
  bundleMinified?: boolean;
  bundleNote?: string;
  /** Bytes of the minified bundle by npm package or src/ folder, largest first (esbuild metafile). */
  bundleComposition?: Array<{ from: string; bytes: number }>;
  vsixBytes?: number;
  vsixNote?: string;
  activationMs?: number;
  activationNote: string;
}

/** `node esbuild.mjs` (minified) and the size of dist/extension.js. */
async function bundleSize(root: string): Promise<Pick<SizeResult, 'bundleBytes' | 'bundleMinified' | 'bundleNote'>> {
  try {
    await run(process.execPath, ['esbuild.mjs'], { cwd: root, timeout: 120_000 });
    const text = fs.readFileSync(path.join(root, 'dist', 'extension.js'), 'utf8');
    // A minified bundle has few, very long lines.
    const lines = text.split('\n').length;
    return { bundleBytes: Buffer.byteLength(text), bundleMinified: lines < text.length / 1000 };
  } catch (error) {
    return { bundleNote: `node esbuild.mjs failed: ${firstLine(error)}` };
  }
}

/** Which packages and folders the bundle's bytes come from: esbuild's metafile for the same entry and options. */
async function bundleComposition(root: string): Promise<SizeResult['bundleComposition']> {
  try {
    const esbuild = (await import('esbuild')) as typeof import('esbuild');
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: ['src/extension.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      legalComments: 'none',
      external: ['vscode'],
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const bytes = new Map<string, number>();
    for (const output of Object.values(result.metafile.outputs)) {
      for (const [file, input] of Object.entries(output.inputs)) {
        const parts = file.split('/');
        const from = parts[0] === 'node_modules' ? parts.slice(0, parts[1].startsWith('@') ? 3 : 2).join('/') : parts.slice(0, 2).join('/');
        bytes.set(from, (bytes.get(from) ?? 0) + input.bytesInOutput);
      }
    }
    return [...bytes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([from, size]) => ({ from, bytes: size }));
  } catch {
    return undefined;
  }
}

/** What `npm run package` does (`vsce package --no-dependencies`), written to a temporary file and measured. */
async function vsixSize(root: string): Promise<Pick<SizeResult, 'vsixBytes' | 'vsixNote'>> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.package?.includes('vsce')) return { vsixNote: 'no `npm run package` (vsce) script in this build' };
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  if (!fs.existsSync(vsce)) return { vsixNote: 'vsce is not installed (npm install)' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-vsix-'));
  const out = path.join(dir, 'skynet.vsix');
  try {
    await run(vsce, ['package', '--no-dependencies', '--out', out], { cwd: root, timeout: 180_000 });
    return { vsixBytes: fs.statSync(out).size };
  } catch (error) {
    return { vsixNote: `vsce package failed: ${firstLine(error)}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Activation time in the real host, only if the host harness wrote one: a JSON file under test-results/ with a
 * numeric `activationMs`. Never estimated here.
 */
function activationTime(root: string): Pick<SizeResult, 'activationMs' | 'activationNote'> {
  const dir = path.join(root, 'test-results');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
  for (const name of files) {
    try {
      const value = (JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { activationMs?: unknown }).activationMs;
      if (typeof value === 'number') return { activationMs: value, activationNote: `from test-results/${name} (written by the host harness)` };
    } catch {
      // Not a timing file.
    }
  }
  return { activationNote: 'not measured: the host harness (scripts/test-host.sh) writes no activation time (no test-results/*.json with activationMs)' };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? ((error as { stderr?: string }).stderr || error.message) : String(error);
  return text.trim().split('\n')[0].slice(0, 300);
}

export async function benchSizeAndStart(root: string): Promise<SizeResult> {
  const bundle = { ...(await bundleSize(root)), bundleComposition: await bundleComposition(root) };
  // Packaging a stale bundle (a --dev build left by the host harness) would measure the wrong file.
  const vsix = bundle.bundleBytes === undefined ? { vsixNote: 'skipped: the minified bundle did not build' } : await vsixSize(root);
  return { ...bundle, ...vsix, ...activationTime(root) };
}
