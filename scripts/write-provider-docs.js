// Regenerates docs/providers.md from the provider descriptors (run after `tsc -p .`).
const fs = require('node:fs');
const path = require('node:path');
const { PROVIDER_DOCS_FILE, renderProviderDocs } = require('../out/src/providers/providerDocs');
const target = path.join(__dirname, '..', PROVIDER_DOCS_FILE);
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, renderProviderDocs());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
