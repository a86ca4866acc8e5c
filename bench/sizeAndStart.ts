import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SizeResult {
  /** dist/extension.js: what VS Code loads at activation. */
  bundleBytes?: number;
  bundleMinified?: boolean;
  bundleNote?: string;
  /** The provider families' own files beside it (dist/bedrock.js…), read on first use of one of their slots. */
  familyFiles?: Array<{ file: string; bytes: number }>;
  /** dist/cli.js, shipped in the same package. */
  cliBytes?: number;
  /** Bytes of dist/extension.js by npm package or src/ folder, largest first (esbuild metafile of this build). */
  bundleComposition?: Array<{ from: string; bytes: number }>;
  vsixBytes?: number;
  vsixNote?: string;
  activationMs?: number;
  activationNote: string;
}

type BuildMeta = Record<string, { bytes: number; inputs: Record<string, number> }>;

/**
 * `node esbuild.mjs` (minified, as packaged) and what it wrote: dist/extension.js, the family files, dist/cli.js, and
 * where extension.js's bytes come from (its `--meta`: the metafile of this very build, not a second build).
 */
async function bundleSize(
  root: string,
): Promise<
  Pick<SizeResult, 'bundleBytes' | 'bundleMinified' | 'bundleNote' | 'familyFiles' | 'cliBytes' | 'bundleComposition'>
> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-bundle-meta-'));
  try {
    const metaFile = path.join(dir, 'meta.json');
    await run(process.execPath, ['esbuild.mjs', '--meta', metaFile], { cwd: root, timeout: 120_000 });
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as BuildMeta;
    const text = fs.readFileSync(path.join(root, 'dist', 'extension.js'), 'utf8');
    // A minified bundle has few, very long lines.
    const lines = text.split('\n').length;
    const familyFiles = Object.keys(meta)
      .filter((file) => file !== 'extension.js' && file !== 'cli.js')
      .map((file) => ({ file, bytes: fs.statSync(path.join(root, 'dist', file)).size }));
    return {
      bundleBytes: Buffer.byteLength(text),
      bundleMinified: lines < text.length / 1000,
      familyFiles,
      cliBytes: fs.statSync(path.join(root, 'dist', 'cli.js')).size,
      bundleComposition: composition(meta['extension.js']?.inputs ?? {}),
    };
  } catch (error) {
    return { bundleNote: `node esbuild.mjs failed: ${firstLine(error)}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Which packages and folders a bundle's bytes come from, largest first. */
function composition(inputs: Record<string, number>): SizeResult['bundleComposition'] {
  const bytes = new Map<string, number>();
  for (const [file, size] of Object.entries(inputs)) {
    const parts = file.split('/');
    const from =
      parts[0] === 'node_modules'
        ? parts.slice(0, parts[1].startsWith('@') ? 3 : 2).join('/')
        : parts.length > 1
          ? parts.slice(0, 2).join('/')
          : file;
    bytes.set(from, (bytes.get(from) ?? 0) + size);
  }
  return [...bytes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([from, size]) => ({ from, bytes: size }));
}

/** `npm run package` (the minified bundles, then `vsce package`), written to a temporary file and measured. */
async function vsixSize(root: string): Promise<Pick<SizeResult, 'vsixBytes' | 'vsixNote'>> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  if (!pkg.scripts?.package) return { vsixNote: 'no `npm run package` script in this build' };
  if (!fs.existsSync(path.join(root, 'node_modules', '.bin', 'vsce')))
    return { vsixNote: 'vsce is not installed (npm install)' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-vsix-'));
  const out = path.join(dir, 'skynet.vsix');
  try {
    await run('npm', ['run', '--silent', 'package', '--', '--out', out], { cwd: root, timeout: 180_000 });
    return { vsixBytes: fs.statSync(out).size };
  } catch (error) {
    return { vsixNote: `vsce package failed: ${firstLine(error)}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Launches of the real host whose activation times the row's median is taken over. */
const ACTIVATION_LAUNCHES = Number(process.env.SKYNET_BENCH_ACTIVATION_LAUNCHES ?? 5);

/**
 * Activation time in the real host, measured now with the minified bundle users install (the one `bundleSize` just
 * built; the harness's own build would be the unminified --dev bundle): the host harness (scripts/test-host.sh, the
 * trusted suite with one quick test) starts code-server with the extension, which writes
 * test-results/activation.json before its tests run. One launch varies 30-70 ms on a quiet 2-core machine, so the
 * row is the median of several launches, each a fresh code-server. A file left by an earlier launch is never read
 * (it must be newer than that launch). Never estimated here.
 */
async function activationTime(root: string): Promise<Pick<SizeResult, 'activationMs' | 'activationNote'>> {
  const file = path.join(root, 'test-results', 'activation.json');
  const samples: number[] = [];
  let version = '';
  for (let launch = 0; launch < ACTIVATION_LAUNCHES; launch++) {
    const started = Date.now();
    try {
      await run('bash', ['scripts/test-host.sh'], {
        cwd: root,
        timeout: 600_000,
        env: {
          ...process.env,
          SKYNET_HOST_SKIP_BUILD: '1',
          SKYNET_HOST_SUITES: 'trusted',
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
      samples.push(timing.activationMs);
      version = String(timing.vscodeVersion);
    } catch (error) {
      return { activationNote: `not measured: ${firstLine(error)}` };
    }
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return {
    activationMs: median,
    activationNote:
      `median of ${sorted.length} launches in this run (${sorted[0]}–${sorted[sorted.length - 1]} ms), ` +
      `minified bundle, code-server with VS Code ${version}`,
  };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? (error as { stderr?: string }).stderr || error.message : String(error);
  return text.trim().split('\n')[0].slice(0, 300);
}

export async function benchSizeAndStart(root: string): Promise<SizeResult> {
  const bundle = await bundleSize(root);
  // Packaging a stale bundle (a --dev build left by the host harness) would measure the wrong file.
  const vsix =
    bundle.bundleBytes === undefined
      ? { vsixNote: 'skipped: the minified bundle did not build' }
      : await vsixSize(root);
  return { ...bundle, ...vsix, ...(await activationTime(root)) };
}
