#!/usr/bin/env bash
# npm run package [-- vsce options]: the minified bundle, then the .vsix (vsce, no node_modules: dist/ is bundled).
# The README's relative image links need a base URL on the Marketplace and Open VSX; it comes from package.json's
# repository.url the way vsce derives it for a GitHub repository (…/blob/HEAD for links, …/raw/HEAD for images).
set -euo pipefail
cd "$(dirname "$0")/.."
node esbuild.mjs
base=$(node -p 'require("./package.json").repository.url.replace(/\.git$/, "")')
exec npx vsce package --no-dependencies --baseContentUrl "$base/blob/HEAD" --baseImagesUrl "$base/raw/HEAD" "$@"
