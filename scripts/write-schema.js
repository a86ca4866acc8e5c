// Regenerates schemas/skynet.schema.json from the parser's tables (run after `tsc -p .`).
const fs = require('node:fs');
const path = require('node:path');
const { skynetJsonSchema } = require('../out/src/config/schema');
const { KNOWN_PROVIDERS } = require('../out/src/providers/knownProviders');
const target = path.join(__dirname, '..', 'schemas', 'skynet.schema.json');
fs.writeFileSync(target, JSON.stringify(skynetJsonSchema(KNOWN_PROVIDERS), null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), target)}`);
