#!/usr/bin/env bash
# Builds a private copy of the CLI into DIR, linked to this checkout's templates and packages,
# so several people can build and generate at once without racing on dist/.
# Prints the path of the bin: node "$(scripts/dev-build.sh /tmp/me)" new demo --defaults
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: scripts/dev-build.sh DIR}
mkdir -p "$out"
for entry in templates package.json node_modules; do ln -sfn "$root/$entry" "$out/$entry"; done
rm -rf "$out/dist"
"$root/node_modules/.bin/tsc" -p "$root/tsconfig.build.json" --outDir "$out/dist" >&2
chmod +x "$out/dist/cli/bulwark.js"
echo "$out/dist/cli/bulwark.js"
