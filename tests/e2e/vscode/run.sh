#!/usr/bin/env bash
# End-to-end test of the VS Code extension in the real VS Code (code-server),
# driven by headless Chromium through playwright-core. Installs what is
# missing, caching it under target/e2e/vscode (gitignored), so a second run
# only rebuilds the extension and runs the test.
#
#   bash tests/e2e/vscode/run.sh
#
# Prints `N passed, M failed` last; exits non-zero on any failure.
# Needs: root (or sudo) for apt-get, the npm registry and Debian's packages.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
HERE="$ROOT/tests/e2e/vscode"
CACHE="${DRAFTLS_E2E_CACHE:-$ROOT/target/e2e/vscode}"
NODE_VERSION=24.9.0 # code-server 4.139 requires Node 24
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
mkdir -p "$CACHE"
start=$(date +%s)
step() { echo "== vscode e2e: $* ($(($(date +%s) - start))s)"; }
# A failure while installing or building still ends with the summary line.
summary_due=1
trap 'rc=$?; if [ "$summary_due" = 1 ] && [ "$rc" -ne 0 ]; then echo "vscode e2e: setup failed (exit $rc)"; echo "0 passed, 1 failed"; fi' EXIT

# 1. Debian packages: Chromium to drive, and what code-server's native modules
#    need to build from source (they are built against Node 24's headers).
APT_PACKAGES=(build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev chromium)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  if ! { timeout 300 $SUDO apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive timeout 600 $SUDO apt-get install -y -qq "${missing[@]}"; } >"$CACHE/apt.log" 2>&1; then
    tail -20 "$CACHE/apt.log" >&2
    echo "vscode e2e: apt-get install ${missing[*]} failed (log: $CACHE/apt.log)" >&2
    exit 1
  fi
fi
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "vscode e2e: no Chromium at $CHROMIUM" >&2; exit 1; }

# 2. Node 24, from the npm package `node` (a binary shipped in the package).
NODE24_DIR="$CACHE/node24"
if ! [ "$("$NODE24_DIR/node_modules/node/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
  step "npm install node@$NODE_VERSION"
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  # npm 11 runs a dependency's install scripts only when allowScripts names it.
  printf '{"private": true, "dependencies": {"node": "%s"}, "allowScripts": {"node": true}}\n' "$NODE_VERSION" \
    >"$NODE24_DIR/package.json"
  (cd "$NODE24_DIR" && timeout 300 npm install --no-audit --no-fund --loglevel=error)
fi
NODEDIR=""
for d in "$NODE24_DIR"/node_modules/node/node_modules/node-*/; do
  [ -f "$d/include/node/node.h" ] && NODEDIR="${d%/}"
done
[ -n "$NODEDIR" ] && [ -x "$NODEDIR/bin/node" ] || { echo "vscode e2e: Node $NODE_VERSION install is incomplete ($NODE24_DIR)" >&2; exit 1; }
NODE24="$NODEDIR/bin/node"

# 3. code-server and playwright-core, from tests/e2e/vscode/package-lock.json.
#    code-server's postinstall runs `npm install` in its lib/vscode, whose
#    native modules (and their install scripts) must run under Node 24.
DEPS="$CACHE/deps"
stamp="$(cat "$HERE/package.json" "$HERE/package-lock.json" | sha256sum | cut -c1-16)-node$NODE_VERSION"
if ! [ "$(cat "$DEPS/.stamp" 2>/dev/null)" = "$stamp" ] || ! [ -f "$DEPS/node_modules/code-server/out/node/entry.js" ]; then
  step "npm ci code-server, playwright-core (builds native modules; about 2-3 minutes)"
  rm -rf "$DEPS"
  mkdir -p "$DEPS"
  cp "$HERE/package.json" "$HERE/package-lock.json" "$DEPS/"
  (
    cd "$DEPS"
    export PATH="$NODEDIR/bin:$PATH" npm_config_nodedir="$NODEDIR"
    # code-server's own and its nested installs' scripts (native builds):
    # pinned packages from the lock file and code-server's shrinkwrap.
    export npm_config_dangerously_allow_all_scripts=true
    timeout 900 npm ci --no-audit --no-fund --loglevel=error >"$CACHE/npm-ci.log" 2>&1 ||
      { tail -40 "$CACHE/npm-ci.log" >&2; echo "vscode e2e: npm ci failed (log: $CACHE/npm-ci.log)" >&2; exit 1; }
  )
  echo "$stamp" >"$DEPS/.stamp"
fi

# 4. The server (debug build, debug info stripped) bundled in the .vsix.
step "cargo build -p draftls"
(cd "$ROOT" && cargo build --locked -q -p draftls)
strip -o "$CACHE/draftls" "$ROOT/target/debug/draftls"

# 5. The platform .vsix (this machine's, e.g. linux-x64), built by the
#    extension's own package.sh from a copy of editors/vscode (its
#    node_modules kept between runs): esbuild bundle plus the server. The test
#    runs code-server with no draftls on PATH, so the bundled one must serve.
step "package the extension"
EXT="$CACHE/ext"
mkdir -p "$EXT"
find "$EXT" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
tar -C "$ROOT/editors/vscode" --exclude=./node_modules --exclude=./server --exclude=./out --exclude='./*.vsix' -cf - . | tar -C "$EXT" -xf -
timeout 300 bash "$EXT/package.sh" "$CACHE/draftls" >"$CACHE/package.log" 2>&1 ||
  { cat "$CACHE/package.log" >&2; echo "vscode e2e: packaging the extension failed" >&2; exit 1; }
VSIX="$(tail -1 "$CACHE/package.log")"
[ -f "$VSIX" ] || { cat "$CACHE/package.log" >&2; echo "vscode e2e: no .vsix" >&2; exit 1; }

# 6. The test: installs the .vsix, starts code-server, drives it. It prints
#    `N passed, M failed` last.
step "run test.mjs"
summary_due=0
set +e
DRAFTLS_E2E_DEPS="$DEPS" DRAFTLS_E2E_OUT="$CACHE" DRAFTLS_E2E_VSIX="$VSIX" CHROMIUM="$CHROMIUM" \
  DRAFTLS_E2E_FIXTURE="$ROOT/tests/fixtures/seed-res130-busan2014.txt" \
  timeout --kill-after=10 420 "$NODE24" "$HERE/test.mjs" 2>&1 | tee "$CACHE/test.log"
rc=${PIPESTATUS[0]}
set -e
if ! tail -1 "$CACHE/test.log" | grep -Eq '^[0-9]+ passed, [0-9]+ failed$'; then
  # test.mjs died before its summary (a timeout, a crash).
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then echo "vscode e2e: test.mjs timed out after 420s"; fi
  echo "vscode e2e: test.mjs ended without its summary (exit $rc)"
  echo "0 passed, 1 failed"
  [ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
