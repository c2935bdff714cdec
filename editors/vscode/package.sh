#!/usr/bin/env bash
# Packages the extension for one platform, with the draftls server inside, as
# rust-analyzer ships: editors/vscode/draftls-<version>-<target>.vsix.
#
#   bash editors/vscode/package.sh [--target TARGET] [PATH/TO/draftls]
#
# TARGET is a VS Code platform (linux-x64, linux-arm64, linux-armhf,
# alpine-x64, alpine-arm64, darwin-x64, darwin-arm64, win32-x64, win32-arm64);
# without --target it is this machine's (uname). Without a path, the server is
# built here with `cargo build --release -p draftls` (the machine's own
# platform only: for another target, pass a binary built for it). The binary
# goes into the .vsix as server/draftls (server/draftls.exe for win32-*); the
# extension runs it unless the setting draftls.server.path names another.
# The extension is bundled by esbuild into out/extension.js, so the .vsix
# holds a handful of files; the last line printed is the .vsix's path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
usage() { echo "usage: $0 [--target TARGET] [PATH/TO/draftls]" >&2; exit 2; }

target=""
binary=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --target) [ "$#" -ge 2 ] || usage; target="$2"; shift 2 ;;
    --target=*) target="${1#--target=}"; shift ;;
    -h | --help) usage ;;
    -*) echo "package.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$binary" ] || usage; binary="$1"; shift ;;
  esac
done

# This machine's VS Code platform.
host_target() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux; [ -f /etc/alpine-release ] && os=alpine ;;
    Darwin) os=darwin ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) os=win32 ;;
    *) echo "package.sh: unknown system $(uname -s); pass --target" >&2; exit 2 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    armv7l | armv7 | armhf) arch=armhf ;;
    *) echo "package.sh: unknown machine $(uname -m); pass --target" >&2; exit 2 ;;
  esac
  echo "$os-$arch"
}
host="$(host_target)"
[ -n "$target" ] || target="$host"
case "$target" in
  linux-x64 | linux-arm64 | linux-armhf | alpine-x64 | alpine-arm64 | darwin-x64 | darwin-arm64 | win32-x64 | win32-arm64) ;;
  *) echo "package.sh: unknown target $target (linux-x64, linux-arm64, linux-armhf, alpine-x64, alpine-arm64, darwin-x64, darwin-arm64, win32-x64, win32-arm64)" >&2; exit 2 ;;
esac
exe=draftls
case "$target" in win32-*) exe=draftls.exe ;; esac

if [ -z "$binary" ]; then
  if [ "$target" != "$host" ]; then
    echo "package.sh: this machine builds for $host; for $target pass a draftls binary built for it" >&2
    exit 2
  fi
  echo "package.sh: cargo build --release -p draftls" >&2
  (cd "$root" && cargo build --release --locked -p draftls >&2)
  target_dir="${CARGO_TARGET_DIR:-$root/target}"
  case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
  binary="$target_dir/release/$exe"
fi
if [ ! -f "$binary" ]; then
  echo "package.sh: no draftls binary at $binary" >&2
  exit 2
fi
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

# A binary of another platform would not start: compare what `file` says
# (when it is installed) with the target.
if command -v file >/dev/null 2>&1; then
  kind="$(file -b "$binary")"
  case "$target" in
    linux-x64 | alpine-x64) want='ELF 64-bit.*x86-64' ;;
    linux-arm64 | alpine-arm64) want='ELF 64-bit.*(aarch64|ARM aarch64)' ;;
    linux-armhf) want='ELF 32-bit.*ARM' ;;
    darwin-x64) want='Mach-O.*x86_64' ;;
    darwin-arm64) want='Mach-O.*arm64' ;;
    win32-x64) want='PE32\+.*x86-64' ;;
    win32-arm64) want='PE32\+.*Aarch64' ;;
  esac
  if ! echo "$kind" | grep -Eq "$want"; then
    echo "package.sh: $binary is not a $target executable (file: $kind)" >&2
    exit 2
  fi
fi

cd "$here"
rm -rf server
mkdir -p server
cp "$binary" "server/$exe"
chmod 755 "server/$exe"

# Locked dependencies (vsce, esbuild, vscode-languageclient). No install
# scripts are needed: esbuild runs from its platform package.
if [ ! -d node_modules/vscode-languageclient ] || [ ! -x node_modules/.bin/vsce ] ||
  [ ! -x node_modules/.bin/esbuild ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts >&2
fi

rm -rf out
npm run -s bundle >&2

version=$(node -p 'require("./package.json").version')
out="draftls-$version-$target.vsix"
rm -f "$out"
# --no-dependencies: vscode-languageclient is inside the bundle.
node_modules/.bin/vsce package --no-dependencies --target "$target" --out "$out" >&2
echo "$here/$out"
