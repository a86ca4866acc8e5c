#!/usr/bin/env bash
# `npm start`: install, build, and open VS Code with Skynet loaded on the demo workspace.
# Desktop VS Code (`code`) when it is on PATH; otherwise code-server from the host-test harness, in the browser.
# Env: SKYNET_WORKSPACE (default: demo/), VSCODE_HOST_PORT (default 8791).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
WS=${SKYNET_WORKSPACE:-$ROOT/demo}

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[start] npm ci"
  npm ci --no-audit --no-fund
fi
echo "[start] building dist/extension.js"
node esbuild.mjs --dev

if [ ! -f "$WS/skynet.toml" ] && [ ! -f "$WS/.skynet/skynet.toml" ]; then
  if curl -sf -m 2 -o /dev/null http://127.0.0.1:11434/api/tags; then
    echo "[start] no skynet.toml in $WS: Skynet will use the local Ollama at http://127.0.0.1:11434"
  else
    echo "[start] no skynet.toml in $WS and no local Ollama: use \"Skynet: Add Provider\" in the Skynet view,"
    echo "        or copy demo/skynet.example.toml to $WS/skynet.toml and run \"Skynet: Set API Key\"."
  fi
fi

if command -v code >/dev/null 2>&1 && [ -z "${SKYNET_USE_CODE_SERVER:-}" ]; then
  echo "[start] opening desktop VS Code"
  exec code --extensionDevelopmentPath="$ROOT" "$WS"
fi
echo "[start] no desktop VS Code on PATH: starting code-server (first run installs it, about 2 minutes)"
exec bash "$ROOT/scripts/test-host.sh" --serve "$WS"
