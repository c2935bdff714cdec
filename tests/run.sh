#!/usr/bin/env bash
# Runs every test of draftls. Installs what the tests need when it is missing,
# so it works the same on a fresh machine and in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

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
