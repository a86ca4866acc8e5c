#!/usr/bin/env bash
# Every test: lint, type-check and compile, unit suite (plain Node), fault-injection suite, then the suites
# inside a real VS Code extension host. Installs what it needs on a fresh machine (npm registry and apt only).
# SKYNET_SKIP_HOST=1 skips the host suites (for a quick local loop; CI never sets it).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SUMMARY=$(mktemp)
export SKYNET_SUMMARY_FILE=$SUMMARY
status=0
step() { echo; echo "== $*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund || exit 1
fi

step "lint"
npm run --silent lint || status=1

step "compile (tsc) and bundle (esbuild)"
npx tsc -p . || status=1
node esbuild.mjs || status=1

step "unit tests"
SKYNET_SUITE=unit npx mocha || status=1

if [ -d out/test/faults ]; then
  step "fault-injection and load suites"
  SKYNET_SUITE=faults npx mocha --node-option expose-gc --spec 'out/test/faults/**/*.test.js' || status=1
fi

host_suites() { # $1 = summary label, $2 = newest|oldest (SKYNET_HOST_VSCODE)
  local before rc line log=/tmp/skynet-host-$$.log
  before=$(wc -l < "$SUMMARY")
  SKYNET_HOST_VSCODE=$2 bash scripts/test-host.sh | tee "$log"
  rc=${PIPESTATUS[0]}
  [ "$rc" -ne 0 ] && status=1
  # The host harness prints `vscode-host: N passed, N failed`; fold it into the totals.
  line=$(grep -E '^vscode-host: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  if [ -n "$line" ]; then
    echo "$line" | sed -E "s/^vscode-host: ([0-9]+) passed, ([0-9]+) failed.*/$1 \1 \2 0/" >> "$SUMMARY"
  elif [ "$(wc -l < "$SUMMARY")" -eq "$before" ]; then
    echo "$1 0 1 0" >> "$SUMMARY"
  fi
  rm -f "$log"
}
if [ "${SKYNET_SKIP_HOST:-}" != 1 ] && [ -f scripts/test-host.sh ]; then
  step "VS Code extension host tests, newest VS Code (code-server 4.139.1: every suite, the .vsix, no chat)"
  host_suites vscode-host newest
  # SKYNET_HOST_SKIP_BUILD: the second run tests the bundle, the .vsix and the compiled tests the first one built.
  step "VS Code extension host tests, oldest supported VS Code (code-server 4.104.0 = engines.vscode 1.104)"
  SKYNET_HOST_SKIP_BUILD=1 host_suites vscode-1.104 oldest
fi

step "summary"
awk '{ printf "  %-12s %5d passed %5d failed %5d skipped\n", $1, $2, $3, $4; p += $2; f += $3; s += $4 }
     END { if (NR == 0) { print "no test suite ran"; exit 1 } }' "$SUMMARY" || status=1
totals=$(awk '{ p += $2; f += $3; s += $4 } END { printf "%d %d %d", p, f, s }' "$SUMMARY")
read -r passed failed skipped <<< "$totals"
rm -f "$SUMMARY"
[ "$failed" -gt 0 ] && status=1
[ "$passed" -eq 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
