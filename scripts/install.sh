#!/usr/bin/env bash
# Installs lifecircle like any command-line tool: the release build to PREFIX/bin/lifecircle and the data it
# looks up (GeoData: manifest plugins, plan profiles, rule packs, walking profiles and the demo's data, with
# their README and licences) to PREFIX/share/lifecircle, where the binary finds it from any folder.
#
#   bash scripts/install.sh                     # /usr/local (as root, or with sudo)
#   bash scripts/install.sh ~/.local            # no root needed; put ~/.local/bin on PATH
#   bash scripts/install.sh --binary .build/debug/lifecircle /tmp/lc   # install an existing build (the tests)
#
# Installing again replaces both. Nothing outside PREFIX/bin/lifecircle and PREFIX/share/lifecircle is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: bash scripts/install.sh [--binary PATH] [PREFIX]   (PREFIX defaults to /usr/local)" >&2; exit 64; }

binary=""
prefix=""
while (($#)); do
  case "$1" in
    --binary) [ $# -ge 2 ] || usage; binary="$2"; shift 2 ;;
    --binary=*) binary="${1#--binary=}"; shift ;;
    -h|--help) usage ;;
    -*) echo "install: unknown option $1" >&2; usage ;;
    *) [ -z "$prefix" ] || usage; prefix="$1"; shift ;;
  esac
done
prefix="${prefix:-/usr/local}"

if [ -z "$binary" ]; then
  bash scripts/setup.sh
  echo "install: building lifecircle (release)…" >&2
  swift build -c release --product lifecircle >&2
  binary="$(swift build -c release --show-bin-path)/lifecircle"
fi
[ -x "$binary" ] || { echo "install: $binary is not an executable" >&2; exit 66; }

sudo=""
parent="$prefix"
while [ ! -e "$parent" ]; do parent="$(dirname "$parent")"; done
if [ ! -w "$parent" ] || { [ -e "$prefix/bin" ] && [ ! -w "$prefix/bin" ]; }; then
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
fi

share="$prefix/share/lifecircle"
$sudo mkdir -p "$prefix/bin" "$prefix/share"
# The data goes in whole, into a fresh folder, so files removed from GeoData do not linger.
staging="$(mktemp -d "${TMPDIR:-/tmp}/lifecircle-share.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
cp -R GeoData/. "$staging/"
$sudo rm -rf "$share"
$sudo mkdir -p "$share"
$sudo cp -R "$staging/." "$share/"
$sudo chmod -R a+rX "$share"
$sudo install -m 0755 "$binary" "$prefix/bin/lifecircle"

echo "install: $prefix/bin/lifecircle and its data in $share" >&2
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "install: $prefix/bin is not on PATH; add it: export PATH=\"$prefix/bin:\$PATH\"" >&2 ;;
esac
