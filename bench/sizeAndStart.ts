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
      charset: 'utf8',
      external: ['vscode'],
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const bytes = new Map<string, number>();
    for (const output of Object.values(result.metafile.outputs)) {
      for (const [file, input] of Object.entries(output.inputs)) {
        const parts = file.split('/');
        const from =
          parts[0] === 'node_modules'
            ? parts.slice(0, parts[1].startsWith('@') ? 3 : 2).join('/')
            : parts.slice(0, 2).join('/');
        bytes.set(from, (bytes.get(from) ?? 0) + input.bytesInOutput);
      }
    }
    return [...bytes.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([from, size]) => ({ from, bytes: size }));
  } catch {
    return undefined;
  }
}

/** What `npm run package` does (`vsce package --no-dependencies`), written to a temporary file and measured. */
async function vsixSize(root: string): Promise<Pick<SizeResult, 'vsixBytes' | 'vsixNote'>> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
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
 * Activation time in the real host, measured now: the host harness (scripts/test-host.sh) starts code-server with
 * the extension and writes test-results/activation.json before its tests run; one quick test is enough. A file left
 * by an earlier run is never read (it must be newer than this call). Never estimated here.
 */
async function activationTime(root: string): Promise<Pick<SizeResult, 'activationMs' | 'activationNote'>> {
  const file = path.join(root, 'test-results', 'activation.json');
  const started = Date.now();
  try {
    await run('bash', ['scripts/test-host.sh'], {
      cwd: root,
      timeout: 600_000,
      env: {
        ...process.env,
        SKYNET_HOST_GREP: 'lists Skynet Auto and one model per slot',
        VSCODE_HOST_PORT: process.env.VSCODE_HOST_PORT ?? '8795',
      },
    });
  } catch (error) {
    if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < started)
      return { activationNote: `not measured: the host harness failed (${firstLine(error)})` };
  }
  try {
    if (fs.statSync(file).mtimeMs < started)
      return { activationNote: 'not measured: the host harness wrote no activation time in this run' };
    const timing = JSON.parse(fs.readFileSync(file, 'utf8')) as { activationMs?: unknown; vscodeVersion?: unknown };
    if (typeof timing.activationMs !== 'number')
      return {
        activationNote: 'not measured: activation.json has no activationMs (a bundle built without its timing marks)',
      };
    return {
      activationMs: timing.activationMs,
      activationNote: `measured in this run: code-server with VS Code ${String(timing.vscodeVersion)}`,
    };
  } catch (error) {
    return { activationNote: `not measured: ${firstLine(error)}` };
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? (error as { stderr?: string }).stderr || error.message : String(error);
  return text.trim().split('\n')[0].slice(0, 300);
}

export async function benchSizeAndStart(root: string): Promise<SizeResult> {
  const bundle = { ...(await bundleSize(root)), bundleComposition: await bundleComposition(root) };
  // Packaging a stale bundle (a --dev build left by the host harness) would measure the wrong file.
  const vsix =
    bundle.bundleBytes === undefined
      ? { vsixNote: 'skipped: the minified bundle did not build' }
      : await vsixSize(root);
  return { ...bundle, ...vsix, ...(await activationTime(root)) };
}
