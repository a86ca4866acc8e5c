// Checks what a .vsix really ships (.vscodeignore is an allow-list, so a mistake there either leaks or leaves out):
// only the allowed files, everything package.json points at, no source maps, no node_modules, no tests, within
// a size budget.  usage: node scripts/check-package.js skynet-x.y.z.vsix   (exit 1 with one line per problem)
const fs = require('node:fs');
const zlib = require('node:zlib');

/** Every file the extension needs at run time (paths inside the .vsix); bedrock.js and vertex.js are family files (esbuild.mjs FAMILY_FILES). */
const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/cli.js',
  'extension/dist/bedrock.js',
  'extension/dist/vertex.js',
  'extension/dist/modelCatalog.json',
  'extension/media/icon.png',
  'extension/schemas/skynet.schema.json',
];
/** Nothing else may be in the package. */
const ALLOWED =
  /^(\[Content_Types\]\.xml|extension\.vsixmanifest|extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|dist\/(extension|cli|bedrock|vertex)\.js|dist\/modelCatalog\.json|media\/[\w.-]+\.(png|svg)|schemas\/[\w.-]+\.json))$/;
/** The packaged size today is about 170 KB; a leak (node_modules, fixtures, source maps) is far bigger. */
const MAX_BYTES = 600 * 1024;

/** Entries of a zip file: name → contents (stored or deflated, as vsce writes them). */
function readZip(buffer) {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries = new Map();
  for (let index = 0; index < count; index++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt central directory');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Paths package.json points at (main, icon, view icons, schemas), as they sit in the package. */
function referencedFiles(manifest) {
  const paths = [manifest.main, manifest.icon];
  const contributes = manifest.contributes ?? {};
  for (const containers of Object.values(contributes.viewsContainers ?? {}))
    for (const container of containers) paths.push(container.icon);
  for (const views of Object.values(contributes.views ?? {})) for (const view of views) paths.push(view.icon);
  for (const validation of contributes.tomlValidation ?? []) paths.push(validation.url);
  for (const validation of contributes.jsonValidation ?? []) paths.push(validation.url);
  const files = paths
    .filter((file) => typeof file === 'string' && !/^[a-z]+:/i.test(file) && !file.startsWith('$('))
    .map((file) => `extension/${file.replace(/^\.\//, '')}`);
  return [...new Set(files)];
}

/** Problems with a package's entries (name → contents) and total size; an empty list when it is right. */
function checkPackage(entries, totalBytes) {
  const problems = [];
  const names = [...entries.keys()];
  for (const name of names)
    if (!ALLOWED.test(name)) problems.push(`ships ${name}, which is not on the allow-list (.vscodeignore)`);
  for (const name of REQUIRED) if (!entries.has(name)) problems.push(`leaves out ${name}`);
  const manifestText = entries.get('extension/package.json');
  if (manifestText) {
    const manifest = JSON.parse(manifestText.toString('utf8'));
    for (const name of referencedFiles(manifest))
      if (!entries.has(name))
        problems.push(`package.json points at ${name.slice('extension/'.length)}, which is not in the package`);
    if (manifest.browser)
      problems.push('package.json has a "browser" entry, but Skynet does not run in a browser-only host');
  }
  for (const name of names.filter((file) => file.endsWith('.js'))) {
    if (/\/\/# sourceMappingURL=/.test(entries.get(name).toString('utf8')))
      problems.push(`${name} carries a source map (bundled with --dev?)`);
  }
  if (totalBytes > MAX_BYTES)
    problems.push(
      `the package is ${Math.round(totalBytes / 1024)} KB, over the ${MAX_BYTES / 1024} KB budget: something leaked in`,
    );
  return problems;
}

module.exports = { checkPackage, readZip, referencedFiles };

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/check-package.js PACKAGE.vsix');
    process.exit(2);
  }
  const buffer = fs.readFileSync(file);
  const entries = readZip(buffer);
  const problems = checkPackage(entries, buffer.length);
  for (const problem of problems) console.error(`check-package: ${file}: ${problem}`);
  if (problems.length > 0) process.exit(1);
  console.log(
    `check-package: ${file}: ${entries.size} files, ${(buffer.length / 1024).toFixed(1)} KB, nothing leaked, nothing left out`,
  );
}
