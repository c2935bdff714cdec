#!/usr/bin/env bash
# End-to-end LSP benchmark: draftls against rumdl, pull and push, 1 MB and
# 10 MB drafts. Usage: bash tests/bench/run.sh [extra lsp_bench.py options]
# Environment: EDITS (default 500, for 1 MB), EDITS_10MB (default 100),
# SEED (default 1), OUT (default target/bench).
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${OUT:-target/bench}
EDITS=${EDITS:-500}
EDITS_10MB=${EDITS_10MB:-100}
SEED=${SEED:-1}
RUMDL_VERSION=0.3.0
mkdir -p "$OUT"

echo "== building the release binary and the draft generator" >&2
nice cargo build --release -p draftls --bin draftls --example gen-draft
# A copy, so that a rebuild by someone else during the run changes nothing.
cp target/release/draftls "$OUT/draftls"

echo "== generating the drafts" >&2
for bytes in 1000000 10000000; do
    target/release/examples/gen-draft "$bytes" "$SEED" > "$OUT/draft-$((bytes / 1000000))MB.txt"
done

echo "== rumdl $RUMDL_VERSION in $OUT/venv" >&2
if ! "$OUT/venv/bin/rumdl" version 2>/dev/null | grep -qx "rumdl $RUMDL_VERSION"; then
    python3 -m venv "$OUT/venv"
    "$OUT/venv/bin/pip" install --quiet "rumdl==$RUMDL_VERSION"
fi

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')" >&2
python3 tests/bench/lsp_bench.py \
    --server "$OUT/draftls" \
    --rumdl "$OUT/venv/bin/rumdl" \
    --draft "$OUT/draft-1MB.txt:$EDITS" \
    --draft "$OUT/draft-10MB.txt:$EDITS_10MB" \
    --seed "$SEED" \
    --json "$OUT/lsp-bench.json" \
    "$@" | tee "$OUT/lsp-bench.md"
