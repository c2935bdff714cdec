#!/usr/bin/env bash
# Packages the extension as editors/vscode/draftls-<version>.vsix.
#
#   bash editors/vscode/package.sh [PATH/TO/draftls]
#
# With an argument, that draftls binary is bundled as server/draftls (or
# server/draftls.exe) and the extension uses it unless the setting
# draftls.server.path says otherwise. Without one, any server/ binary already
# there is bundled; with none, the extension looks for draftls on PATH.
set -euo pipefail
cd "$(dirname "$0")"

if [ "$#" -gt 1 ]; then
  echo "usage: $0 [PATH/TO/draftls]" >&2
  exit 2
fi
if [ "$#" -eq 1 ]; then
  if [ ! -f "$1" ]; then
    echo "package.sh: no draftls binary at $1" >&2
    exit 2
  fi
  mkdir -p server
  rm -f server/draftls server/draftls.exe
  case "$1" in
    *.exe) cp "$1" server/draftls.exe ;;
    *) cp "$1" server/draftls && chmod 755 server/draftls ;;
  esac
fi

# Dependencies from the lock file; vscode-languageclient is shipped inside the
# .vsix, so no --no-dependencies below.
if [ ! -d node_modules/vscode-languageclient ] || [ ! -x node_modules/.bin/vsce ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # No install scripts are needed to package (they serve signing and publishing).
  npm ci --no-audit --no-fund --ignore-scripts
fi

version=$(node -p 'require("./package.json").version')
out="draftls-$version.vsix"
rm -f "$out"
node_modules/.bin/vsce package --out "$out"
echo "$PWD/$out"
