#!/usr/bin/env bash
# Builds a private copy of the CLI into DIR, linked to this checkout's templates and packages,
# so several people can build and generate at once without racing on dist/.
# Prints the path of the bin: node "$(scripts/dev-build.sh /tmp/me)" new demo --defaults
# The build is the shipped one (bundles included, see scripts/build.mjs); --plain gives the
# TypeScript output alone: scripts/dev-build.sh DIR --plain
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: scripts/dev-build.sh DIR [--plain]}
shift
mkdir -p "$out"
for entry in templates package.json node_modules; do ln -sfn "$root/$entry" "$out/$entry"; done
node "$root/scripts/build.mjs" --out "$out" "$@" >&2
echo "$out/dist/cli/bulwark.js"
