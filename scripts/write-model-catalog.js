// Regenerates src/providers/catalog/modelCatalog.json from models.dev data (run after `tsc -p .`).
// usage: npm run catalog -- <file> [--source "<where the file came from>"] [--date YYYY-MM-DD]
//   <file>: models.dev's api.json (https://models.dev/api.json), or cline's
//           sdk/packages/llms/src/catalog/catalog.generated.ts (its own generation date is read from the file).
const fs = require('node:fs');
const path = require('node:path');
const {
  buildSnapshot,
  formatSnapshot,
  modelsFromClineCatalog,
  modelsFromModelsDevApi,
} = require('../out/src/providers/catalog/buildSnapshot');
const { CATALOG_FILE } = require('../out/src/providers/catalog/modelCatalog');

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args.splice(index, 2)[1] : undefined;
};
const sourceName = option('--source');
const date = option('--date');
const [file] = args;
if (!file) {
  console.error(
    'usage: npm run catalog -- <models.dev api.json | cline catalog.generated.ts> [--source "<origin>"] [--date YYYY-MM-DD]',
  );
  process.exit(2);
}
const text = fs.readFileSync(file, 'utf8');
let snapshot;
if (text.trimStart().startsWith('{')) {
  snapshot = buildSnapshot(
    modelsFromModelsDevApi(JSON.parse(text)),
    sourceName ?? 'https://models.dev/api.json',
    new Date(date ?? Date.now()),
  );
} else {
  const { models, generatedAt } = modelsFromClineCatalog(text);
  snapshot = buildSnapshot(
    models,
    sourceName ?? `models.dev via cline's catalog.generated.ts (${path.basename(file)})`,
    date ? new Date(date) : generatedAt,
  );
}
const target = path.join(__dirname, '..', CATALOG_FILE);
fs.writeFileSync(target, formatSnapshot(snapshot));
const count = Object.values(snapshot.providers).reduce((sum, rows) => sum + Object.keys(rows).length, 0);
console.log(
  `wrote ${path.relative(process.cwd(), target)}: ${count} models of ${Object.keys(snapshot.providers).length} providers, source dated ${snapshot.sourceDate}`,
);
