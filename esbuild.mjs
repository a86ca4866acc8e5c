// Bundles the extension and the CLI. `--watch` rebuilds on change; `--dev` skips minification.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const dev = process.argv.includes('--dev') || watch;

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  // '…' as its 3 UTF-8 bytes, not a 6-byte \u2026 escape (VS Code and Node read the bundle as UTF-8).
  charset: 'utf8',
  logLevel: 'warning',
  metafile: true,
};

const builds = [
  // Banner and footer mark when the bundle starts and ends executing, for the activation time (src/host/activationTiming.ts).
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    banner: { js: 'var __skynetLoadStart = performance.now();' },
    footer: { js: 'var __skynetLoadEnd = performance.now();' },
  },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

// The model catalog ships beside the bundles and is read on first use (src/providers/catalog/modelCatalog.ts).
mkdirSync('dist', { recursive: true });
copyFileSync('src/providers/catalog/modelCatalog.json', 'dist/modelCatalog.json');

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  for (const options of builds) await esbuild.build(options);
  chmodSync('dist/cli.js', 0o755);
}
