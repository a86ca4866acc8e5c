// Bundles the extension and the CLI, and the provider families they read on first use. `--watch` rebuilds on change
// (one bundle each, families inside); `--dev` skips minification; `--outdir DIR` writes there instead of dist/ (tests);
// `--meta FILE` writes each output's bytes and the bytes each source file contributes (the bench's bundle rows).
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const watch = process.argv.includes('--watch');
const dev = process.argv.includes('--dev') || watch;
const option = (name) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const outdir = option('--outdir') ?? 'dist';
const metaFile = option('--meta');

/**
 * Provider families that ship as a file of their own beside the bundles, read when a slot of theirs is first built
 * (src/providers/familyFile.ts), so a window without such a slot never parses them. Bedrock with its SigV4 signer,
 * AWS credential chain (profiles, SSO, AssumeRole, credential_process) and event-stream decoder is a tenth of the
 * extension; Vertex (its client, token source and Claude-on-Vertex path; the Gemini wire stays, the Gemini API-key
 * client uses it) 2 KB. `entry` exports exactly one ProviderModule, `exportName`. A new one also goes into
 * .vscodeignore and scripts/check-package.js.
 */
const FAMILY_FILES = [
  { file: 'bedrock.js', entry: 'src/providers/bedrock/module.ts', exportName: 'bedrockModule' },
  { file: 'vertex.js', entry: 'src/providers/vertex/module.ts', exportName: 'vertexModule' },
];
const FAMILY_LOADER = path.resolve('src/providers/familyFile.ts');

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

const mains = [
  // Banner and footer mark when the bundle starts and ends executing, for the activation time (src/host/activationTiming.ts).
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: `${outdir}/extension.js`,
    external: ['vscode'],
    banner: { js: 'var __skynetLoadStart = performance.now();' },
    footer: { js: 'var __skynetLoadEnd = performance.now();' },
  },
  { ...common, entryPoints: ['src/cli.ts'], outfile: `${outdir}/cli.js`, banner: { js: '#!/usr/bin/env node' } },
];

const SKIP = Symbol('resolve normally');
/** A source path as esbuild's metafile names it (relative to this folder, with "/"). */
const sourcePath = (file) => path.relative(process.cwd(), file).split(path.sep).join('/');

/**
 * In a main bundle, an import of a family's entry becomes `familyFileModule(file, …, shared)`: `shared` maps each
 * module the family file takes from the main bundle (`sharedBy`, null for the first pass that only finds out which
 * modules the main bundles hold) to this bundle's own instance of it.
 */
function familyFilesInMain(sharedBy) {
  return {
    name: 'family-files-in-main',
    setup(build) {
      const entries = new Map(FAMILY_FILES.map((family) => [path.resolve(family.entry), family]));
      build.onResolve({ filter: /\/module$/ }, async (args) => {
        if (args.pluginData === SKIP) return undefined;
        const resolved = await build.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: SKIP,
        });
        const family = entries.get(resolved.path);
        return family ? { path: family.file, namespace: 'skynet-family' } : resolved;
      });
      build.onLoad({ filter: /.*/, namespace: 'skynet-family' }, (args) => {
        const family = FAMILY_FILES.find((candidate) => candidate.file === args.path);
        const shared = sharedBy?.get(family.file) ?? new Map();
        const lines = [`import { familyFileModule } from ${JSON.stringify(FAMILY_LOADER)};`];
        const entries = [...shared].map(([source, names], index) => {
          const from = JSON.stringify(path.resolve(source));
          if (!names) {
            lines.push(`import * as shared${index} from ${from};`);
            return `${JSON.stringify(source)}: shared${index}`;
          }
          lines.push(
            `import { ${names.map((name, at) => `${name} as shared${index}_${at}`).join(', ')} } from ${from};`,
          );
          return `${JSON.stringify(source)}: { ${names.map((name, at) => `${name}: shared${index}_${at}`).join(', ')} }`;
        });
        const map = entries.join(', ');
        lines.push(
          `export const ${family.exportName} = familyFileModule(${JSON.stringify(family.file)}, ${JSON.stringify(family.exportName)}, { ${map} });`,
        );
        return { contents: lines.join('\n'), loader: 'js', resolveDir: process.cwd() };
      });
    },
  };
}

/**
 * In a family file, every module a main bundle also holds (`inMain`) is taken from the main bundle that loads the
 * file: `__skynetShared(source)`, the factory's parameter (the banner below). What it takes is collected in `shared`:
 * source → the files that import it, each with the specifier it wrote. With `names` (the second build) each becomes
 * plain bindings, `const { a, b } = __skynetShared(source)`, instead of a CommonJS module esbuild wraps and converts.
 */
function sharedFromMain(inMain, shared, names) {
  return {
    name: 'shared-from-main',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === SKIP || args.kind === 'entry-point') return undefined;
        const resolved = await build.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: SKIP,
        });
        if (resolved.errors.length > 0 || resolved.external) return resolved;
        const source = sourcePath(resolved.path);
        if (!inMain.has(source)) return resolved;
        if (!shared.has(source)) shared.set(source, []);
        shared.get(source).push({ importer: args.importer, specifier: args.path });
        return { path: source, namespace: 'skynet-shared' };
      });
      build.onLoad({ filter: /.*/, namespace: 'skynet-shared' }, (args) => {
        const wanted = names?.get(args.path);
        // `default` cannot be a binding name; such a module (none today) stays a CommonJS module.
        const plain = wanted && !wanted.includes('default');
        const call = `__skynetShared(${JSON.stringify(args.path)})`;
        return {
          contents: plain ? `export const { ${wanted.join(', ')} } = ${call};` : `module.exports = ${call};`,
          loader: 'js',
        };
      });
    },
  };
}

/**
 * The names a family file imports from each shared module, so the main bundle passes just those (a whole namespace
 * would keep every export of each shared module, about 3 KB more). null: all of them (`import *`, `export *`).
 * Read from esbuild's own TypeScript output of each importer, where type-only imports are already gone.
 */
async function sharedNames(shared) {
  const names = new Map();
  for (const [source, uses] of shared) {
    let wanted = new Set();
    for (const { importer, specifier } of uses) {
      const { code } = await esbuild.transform(readFileSync(importer, 'utf8'), { loader: 'ts', format: 'esm' });
      const quoted = JSON.stringify(specifier).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      let found = false;
      for (const statement of code.matchAll(new RegExp(`^(?:import|export)\\b([^;]*?)\\bfrom ${quoted};?$`, 'gm'))) {
        found = true;
        const clause = statement[1];
        const braces = /\{([^}]*)\}/.exec(clause);
        const rest = clause
          .replace(/\{[^}]*\}/, '')
          .replace(/,/g, ' ')
          .trim();
        if (rest !== '' || !braces) wanted = null;
        if (!wanted) break;
        for (const part of braces[1].split(',')) {
          const name = part.trim().split(/\s+as\s+/)[0];
          if (name) wanted.add(name);
        }
      }
      // Not a plain import or re-export (a require, a dynamic import): pass the whole module.
      if (!found) wanted = null;
      if (!wanted) break;
    }
    names.set(source, wanted && [...wanted].sort());
  }
  return names;
}

const inputsOf = (result) => Object.keys(result.metafile.inputs).filter((input) => !input.includes(':'));

async function buildAll() {
  // 1. Which modules the main bundles hold without the families.
  const firstPass = await Promise.all(
    mains.map((options) =>
      esbuild.build({ ...options, write: false, plugins: [familyFilesInMain(null)], logLevel: 'silent' }),
    ),
  );
  const inMain = new Set(firstPass.flatMap(inputsOf));
  // 2. Each family file: its own modules, and a factory that takes the rest from the main bundle.
  const sharedBy = new Map();
  const results = {};
  for (const family of FAMILY_FILES) {
    const shared = new Map();
    const familyOptions = {
      ...common,
      entryPoints: [family.entry],
      outfile: `${outdir}/${family.file}`,

      banner: {
        js: 'module.exports = function (__skynetShared) { "use strict"; var module = { exports: {} }, exports = module.exports;',
      },
      footer: { js: 'return module.exports; };' },
    };
    await esbuild.build({ ...familyOptions, write: false, plugins: [sharedFromMain(inMain, shared)] });
    const names = await sharedNames(shared);
    results[family.file] = await esbuild.build({
      ...familyOptions,
      plugins: [sharedFromMain(inMain, new Map(), names)],
    });
    sharedBy.set(family.file, new Map([...names].sort(([a], [b]) => a.localeCompare(b))));
  }
  // Two family files holding one module would each have their own instance of it.
  for (const [at, family] of FAMILY_FILES.entries())
    for (const other of FAMILY_FILES.slice(at + 1)) {
      const theirs = new Set(inputsOf(results[other.file]));
      const both = inputsOf(results[family.file]).filter((input) => theirs.has(input));
      if (both.length > 0) throw new Error(`${family.file} and ${other.file} both hold ${both.join(', ')}`);
    }
  // 3. The main bundles, each passing its own instances of the shared modules to the family files.
  for (const options of mains) {
    const result = await esbuild.build({ ...options, plugins: [familyFilesInMain(sharedBy)] });
    const bundled = new Set(inputsOf(result));
    for (const family of FAMILY_FILES) {
      const twice = inputsOf(results[family.file]).filter((input) => bundled.has(input));
      if (twice.length > 0)
        throw new Error(
          `${options.outfile} and ${family.file} both hold ${twice.join(', ')}: esbuild.mjs cannot share them`,
        );
    }
    results[path.basename(options.outfile)] = result;
  }
  return results;
}

/** Bytes of each output and of each source file in it, for the bench. */
function describe(results) {
  return Object.fromEntries(
    Object.entries(results).map(([file, result]) => {
      const output = Object.values(result.metafile.outputs).find((candidate) => candidate.entryPoint !== undefined);
      const inputs = Object.fromEntries(
        Object.entries(output.inputs).map(([input, use]) => [input, use.bytesInOutput]),
      );
      return [file, { bytes: output.bytes, inputs }];
    }),
  );
}

// The model catalog ships beside the bundles and is read on first use (src/providers/catalog/modelCatalog.ts).
mkdirSync(outdir, { recursive: true });
copyFileSync('src/providers/catalog/modelCatalog.json', `${outdir}/modelCatalog.json`);

if (watch) {
  for (const options of mains) await (await esbuild.context(options)).watch();
} else {
  const results = await buildAll();
  chmodSync(`${outdir}/cli.js`, 0o755);
  if (metaFile) writeFileSync(metaFile, JSON.stringify(describe(results), null, 2) + '\n');
}
