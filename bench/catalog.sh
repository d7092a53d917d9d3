#!/usr/bin/env bash
# Catalog benchmark: generates a project with this checkout, seeds 10, 100 and 1000 books, and
# times the optimised book list against a naive one on the same data in the same process
# (bench/catalog_bench.py). Prints the tables and writes them to docs/benchmarks/catalog.md.
#
#   bench/catalog.sh               SQLite, and PostgreSQL too when its binaries are found
#   bench/catalog.sh --sqlite-only
#
# PostgreSQL is a throwaway cluster in a temp folder, on 127.0.0.1 and a free port, stopped
# and removed on exit (as the `postgres` user when run as root: initdb refuses root).
# Binaries: BULWARK_PG_BINDIR, else the newest /usr/lib/postgresql/*/bin, else PATH.
# Needs node, uv and network access to PyPI (or uv's cache) for the project's install.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
report="$root/docs/benchmarks/catalog.md"
books=${BENCH_BOOKS:-10,100,1000}
repeat=${BENCH_REPEAT:-30}
with_postgres=1
[[ "${1:-}" == "--sqlite-only" ]] && with_postgres=0

work=$(mktemp -d "${TMPDIR:-/tmp}/bulwark-bench.XXXXXX")
pg_ctl_cmd=()
cleanup() {
  if ((${#pg_ctl_cmd[@]})); then "${pg_ctl_cmd[@]}" stop -m fast -w >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "Building the generator and generating a project in $work ..." >&2
bin=$("$root/scripts/dev-build.sh" "$work/build" 2>/dev/null)
(cd "$work" && node "$bin" new bench-api --defaults --skip-git >"$work/generate.log" 2>&1) ||
  { cat "$work/generate.log" >&2; exit 1; }
(cd "$work" && node "$bin" new flask-bench-api --framework flask --defaults --skip-git >>"$work/generate.log" 2>&1) ||
  { cat "$work/generate.log" >&2; exit 1; }

run_bench() { # title database-url (a fresh database for each framework)
  (cd "$work/bench-api" && .venv/bin/python "$root/bench/catalog_bench.py" --package bench_api \
    --books "$books" --repeat "$repeat" --title "Django, $1" --database-url "${2}" --out "$work/sections.md")
  (cd "$work/flask-bench-api" && APP_ENV=test .venv/bin/python "$root/bench/catalog_flask_bench.py" \
    --package flask_bench_api --books "$books" --repeat "$repeat" --title "Flask, $1" \
    --database-url "${3}" --out "$work/sections.md" 2>/dev/null)
}

: >"$work/sections.md"
run_bench "SQLite (a file, as in development)" "sqlite:///$work/bench.sqlite3" "sqlite:///$work/flask-bench.sqlite3"

pg_bindir=${BULWARK_PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [[ -z "$pg_bindir" ]] && command -v initdb >/dev/null; then pg_bindir=$(dirname "$(command -v initdb)"); fi
if ((with_postgres)) && [[ -n "$pg_bindir" && -x "$pg_bindir/initdb" ]]; then
  pgdata="$work/pgdata"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner=()
  if [[ $(id -u) == 0 ]]; then
    mkdir -p "$pgdata" && chown postgres: "$pgdata" && chmod o+x "$work"
    as_owner=(runuser -u postgres --)
  fi
  "${as_owner[@]}" "$pg_bindir/initdb" -D "$pgdata" -U bench --auth=trust >"$work/initdb.log" 2>&1
  pg_ctl_cmd=("${as_owner[@]}" "$pg_bindir/pg_ctl" -D "$pgdata")
  "${pg_ctl_cmd[@]}" start -w -l "$pgdata/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdata" >/dev/null
  "${as_owner[@]}" "$pg_bindir/createdb" -h 127.0.0.1 -p "$port" -U bench bench
  "${as_owner[@]}" "$pg_bindir/createdb" -h 127.0.0.1 -p "$port" -U bench flaskbench
  run_bench "PostgreSQL (throwaway cluster on loopback)" "postgres://bench@127.0.0.1:$port/bench" \
    "postgres://bench@127.0.0.1:$port/flaskbench"
elif ((with_postgres)); then
  echo "PostgreSQL binaries not found: SQLite only (set BULWARK_PG_BINDIR)." >&2
fi

mkdir -p "$(dirname "$report")"
{
  echo "# Catalog benchmark"
  echo
  echo "Written by \`bench/catalog.sh\` on $(date -u +%Y-%m-%d), for a generated Django project and a"
  echo "generated Flask project. Django: the same generated project and data"
  echo "serve two endpoints: \`/api/v1/books/\` as generated (\`Book.objects.for_list()\`:"
  echo "select_related, a Prefetch of genres, the description deferred) and a naive copy of it"
  echo "whose queryset is \`Book.objects.all()\` (so it also reads every description and author"
  echo "bio). Both run the same permission check (the viewer's permissions cached after the first"
  echo "request, so the counts are the catalog's own), filters, pagination and serializer, and"
  echo "return identical JSON, checked before timing; API throttling is off for the run."
  echo "Queries are counted per request;"
  echo "times are wall-clock per request through Django's test client, in one process, so they"
  echo "include no network. Figures from a shared machine are noisy: read the query counts as"
  echo "exact and the times as indications."
  echo
  echo "Flask (\`bench/catalog_flask_bench.py\`): \`/api/v1/books/\` as generated (\`queries.books_for_list()\`:"
  echo "joinedload of author and publisher, selectinload of genres, the description deferred) against"
  echo "the same view with \`select(Book)\` and no loader options, through the same access check (the"
  echo "viewer and their roles loaded once), filters, pagination and serialiser; identical JSON is"
  echo "checked before timing. The naive count is below 1 + 3 per book because SQLAlchemy's identity"
  echo "map loads each author and publisher once per request: seeded books share them."
  cat "$work/sections.md"
} >"$report"
echo "Wrote $report" >&2
