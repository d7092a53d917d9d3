#!/usr/bin/env bash
# Load benchmark: generates the default Django and Flask projects with this checkout, serves each
# as production does (gunicorn, 4 workers, PostgreSQL and Redis on loopback, in temp folders),
# loads the authenticated book list with bench/load.mjs and writes docs/benchmarks/load.md.
#
#   bench/load.sh [--workers 4] [--connections 16] [--duration 20] [--books 100]
#                 [--frameworks django,flask]
#
# Needs node, uv (and PyPI or uv's cache), and PostgreSQL and Redis binaries
# (scripts/install-system-deps.sh). Exits 1 if any answer was a 5xx or any request failed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bulwark-load.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "Building the generator in $work ..." >&2
bin=$("$root/scripts/dev-build.sh" "$work/build" 2>/dev/null)
# The runner uses the end-to-end tests' helpers (test/support), bundled into one file.
"$root/node_modules/.bin/esbuild" "$root/bench/load-run.ts" --bundle --platform=node --format=esm \
  --target=node20 --log-level=warning --outfile="$work/load-run.mjs"
BULWARK_BIN="$bin" node "$work/load-run.mjs" --report "$root/docs/benchmarks/load.md" "$@"
