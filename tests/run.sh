#!/usr/bin/env bash
# Runs every test of draftls. Installs what the tests need when it is missing,
# so it works the same on a fresh machine and in CI (.ci/run calls it).
#
#   bash tests/run.sh           everything, editors' end-to-end tests included
#   bash tests/run.sh --quick   formatting, lints, grammar corpus, cargo tests:
#                               no Python, npm, apt or editors
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: bash tests/run.sh [--quick]" >&2; exit 2 ;;
esac

# Prerequisites first, said in one line, instead of a failure late in the run.
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need cargo "cargo (Rust, https://rustup.rs)"
need cc "a C compiler (apt-get install build-essential; macOS: xcode-select --install)"
need git "git"
if [ "$quick" = 0 ]; then
  need python3 "python3 (apt-get install python3)"
  if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    missing+=("python3's venv (apt-get install python3-venv)")
  fi
  need node "Node.js 20+ (https://nodejs.org, or apt-get install nodejs)"
  need npm "npm (comes with Node.js)"
  if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
    if ! command -v apt-get >/dev/null 2>&1; then
      missing+=("apt-get, to install Chromium for the VS Code test (Debian or Ubuntu)")
    elif [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
      missing+=("root or sudo, for apt-get install chromium")
    fi
  fi
fi
if [ "${#missing[@]}" -gt 0 ]; then
  joined=$(printf '%s; ' "${missing[@]}")
  echo "tests/run.sh: missing ${joined%; }. Install them, or run 'bash tests/run.sh --quick' (no Python, npm, apt or editors)." >&2
  exit 2
fi
if [ "$quick" = 0 ]; then
  free_kb=$(df -Pk . | awk 'NR == 2 { print $4 }')
  if [ "${free_kb:-0}" -lt 4000000 ]; then
    echo "tests/run.sh: warning: less than 4 GB free here; the full run needs about 3.5 GB (--quick: about 1.5 GB)" >&2
  fi
fi

# The generated parser is compared with a fresh `tree-sitter generate`, so the
# CLI version is pinned: another version writes another parser.c.
TREE_SITTER_VERSION=0.27.1
if ! tree-sitter --version 2>/dev/null | grep -qF "$TREE_SITTER_VERSION"; then
  cargo install tree-sitter-cli --version "$TREE_SITTER_VERSION" --locked
fi

echo "== format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== grammar corpus (tree-sitter test)"
(cd grammar && tree-sitter test)

echo "== cargo tests"
cargo test --workspace --locked

if [ "$quick" = 1 ]; then
  echo "== quick run done (editors' end-to-end tests skipped)"
  exit 0
fi

echo "== end-to-end tests (pytest)"
# Python tools in a virtualenv; the SARIF 2.1.0 schema from the npm package
# that ships it.
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r tests/e2e/requirements.txt
mkdir -p target/e2e
SARIF_PACKAGE=@microsoft/jest-sarif@1.0.0-beta.0
if [ ! -f target/e2e/sarif-2.1.0.json ]; then
  (cd target/e2e && npm pack --silent "$SARIF_PACKAGE" >/dev/null &&
    tar -xzf microsoft-jest-sarif-*.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json &&
    mv package/lib/schemas/sarif-2.1.0-rtm.5.json sarif-2.1.0.json && rm -rf package microsoft-jest-sarif-*.tgz)
fi
cargo build --locked -p draftls
SARIF_SCHEMA="$PWD/target/e2e/sarif-2.1.0.json" DRAFTLS_BIN="$PWD/target/debug/draftls" \
  .venv/bin/python -m pytest tests/e2e -q

echo "== Neovim end-to-end test"
bash tests/e2e/nvim/run.sh
echo "== VS Code end-to-end test"
bash tests/e2e/vscode/run.sh
