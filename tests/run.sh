#!/usr/bin/env bash
# Runs every test of draftls. Installs what the tests need when it is missing,
# so it works the same on a fresh machine and in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

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
