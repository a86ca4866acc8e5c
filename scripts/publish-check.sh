#!/usr/bin/env bash
# npm run publish:check: everything a publisher runs before `vsce publish` and `ovsx publish`, except the upload.
#   1. vsce package (the minified bundle), failing on any vsce warning
#   2. the .vsix holds exactly what it should (scripts/check-package.js: allow-list, nothing left out, no source
#      maps, node_modules or tests, size budget, no browser entry)
#   3. the icon is a 128×128 PNG; README images are PNG/JPEG/GIF files that exist (vsce rejects SVG images)
#   4. Open VSX: the same .vsix; its extra requirement, a license file, is in it (step 2). `ovsx verify-pat` needs
#      the network and a token, so it is not run here.
#   5. repository.url is a real address: the README's images on the Marketplace page are served from it
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
status=0
fail() { echo "publish:check: $*"; status=1; }

echo "== vsce package"
bash scripts/package.sh --out "$out/skynet.vsix" 2>&1 | tee "$out/vsce.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "vsce package failed"
grep -q 'WARNING' "$out/vsce.log" && fail "vsce printed warnings (above)"

echo "== package contents"
node scripts/check-package.js "$out/skynet.vsix" || status=1

echo "== icon and README images"
node - <<'NODE' || status=1
const fs = require('node:fs');
const manifest = require('./package.json');
const problems = [];
const icon = fs.readFileSync(manifest.icon);
if (icon.toString('latin1', 1, 4) !== 'PNG') problems.push(`${manifest.icon} is not a PNG`);
else if (icon.readUInt32BE(16) !== 128 || icon.readUInt32BE(20) !== 128) problems.push(`${manifest.icon} is ${icon.readUInt32BE(16)}×${icon.readUInt32BE(20)}, not 128×128`);
for (const [, target] of fs.readFileSync('README.md', 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
  if (/^https:\/\//.test(target)) continue;
  if (!/\.(png|jpe?g|gif)$/i.test(target)) problems.push(`README image ${target}: the Marketplace takes PNG, JPEG or GIF`);
  else if (!fs.existsSync(target)) problems.push(`README image ${target} does not exist`);
}
for (const problem of problems) console.log(`publish:check: ${problem}`);
if (problems.length === 0) console.log(`publish:check: ${manifest.icon} is a 128×128 PNG; README images exist`);
process.exit(problems.length ? 1 : 0);
NODE

echo "== repository"
url=$(node -p 'require("./package.json").repository.url')
case "$url" in
  *example.invalid*) fail "repository.url is the placeholder $url: the Marketplace page's images and links would point there. Set the real repository before publishing." ;;
  *) echo "publish:check: repository $url" ;;
esac

[ $status -eq 0 ] && echo "publish:check: ready to publish (vsce publish / ovsx publish with the .vsix from npm run package)"
exit $status
