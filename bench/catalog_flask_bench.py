"""Flask catalog benchmark: the optimised book list against a naive one, same data, same process.

Run from the root of a generated Flask project, with its virtualenv:

    .venv/bin/python /path/to/bulwark/bench/catalog_flask_bench.py --package demo_api \
        --books 10,100,1000 --database-url sqlite:////tmp/bench.sqlite3

The naive endpoint lives here, not in the generated project: the project's own list view
with `select(Book)` as its query (no joinedload, selectinload or defer), routed at
/bench/naive/books/ beside the real /api/v1/books/. Both answer through the same hooks,
access check, filters, pagination and serialiser, and their JSON is checked to be identical
before anything is timed. The figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import os
import platform
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--package", required=True, help="the generated project's package")
    parser.add_argument("--books", default="10,100,1000", help="catalog sizes, comma separated")
    parser.add_argument("--page-sizes", default="20,100", help="page sizes, comma separated")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per figure")
    parser.add_argument("--database-url", required=True, help="sqlite:///... or postgres://...")
    parser.add_argument("--title", default=None, help="heading of the markdown section")
    parser.add_argument("--out", type=Path, default=None, help="append the section to this file")
    return parser.parse_args()


def bench(args: argparse.Namespace) -> str:
    sys.path.insert(0, os.getcwd())
    package = args.package
    import sqlalchemy
    from flask import Blueprint
    from flask_migrate import upgrade
    from sqlalchemy import event, select

    create_app = importlib.import_module(package).create_app
    config_module = importlib.import_module(f"{package}.config")
    access = importlib.import_module(f"{package}.accounts.access")
    accounts = importlib.import_module(f"{package}.accounts.models")
    db = importlib.import_module(f"{package}.extensions").db
    views = importlib.import_module(f"{package}.catalog.views")
    queries = importlib.import_module(f"{package}.catalog.queries")
    schemas = importlib.import_module(f"{package}.catalog.schemas")
    models = importlib.import_module(f"{package}.catalog.models")
    seeding = importlib.import_module(f"{package}.catalog.cli")

    config = config_module.TestConfig()
    config.SQLALCHEMY_DATABASE_URI = config_module.database_url(args.database_url)
    app = create_app(config)

    naive = Blueprint("bench_naive", __name__)

    @naive.get("/bench/naive/books/")
    def naive_books():
        """The same list without the loader options: what most first versions look like."""
        statement = select(models.Book).order_by(*queries.DEFAULT_BOOK_ORDER)
        return views._page(statement, schemas.book_for_list)

    app.register_blueprint(naive)

    with app.app_context():
        upgrade()
        accounts.create_roles()
        viewer = db.session.scalar(select(accounts.User).where(accounts.User.username == "bench"))
        if viewer is None:
            role = db.session.scalar(select(accounts.Role).where(accounts.Role.name == "viewer"))
            viewer = accounts.User(username="bench", password_hash="-", roles=[role])
            db.session.add(viewer)
            db.session.commit()
        _ = viewer.role_names
        db.session.expunge(viewer)
    # The viewer is loaded once, roles included, as a cache would: the figures below are the
    # catalog's own queries, not the access check's.
    access.add_authenticator(app, lambda: viewer)
    client = app.test_client()

    statements: list[str] = []
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

    variants = {"optimised": "/api/v1/books/", "naive": "/bench/naive/books/"}
    rows = []
    for books in [int(n) for n in args.books.split(",")]:
        started = time.perf_counter()
        with app.app_context():
            seeding.add_demo_data(random.Random(42), books, clear=True)  # noqa: S311
            db.session.commit()
        seeded = time.perf_counter() - started
        for page_size in [int(n) for n in args.page_sizes.split(",")]:
            query = {"page_size": page_size}
            bodies, counts, timings = {}, {}, {name: [] for name in variants}
            for name, url in variants.items():
                statements.clear()
                response = client.get(url, query_string=query)
                assert response.status_code == 200, (url, response.status_code)
                bodies[name], counts[name] = response.get_json(), len(statements)
            if bodies["optimised"]["results"] != bodies["naive"]["results"]:
                raise SystemExit("The naive and optimised endpoints disagree: not benchmarking.")
            for _ in range(3):  # warm-up
                for url in variants.values():
                    client.get(url, query_string=query)
            for _ in range(args.repeat):
                for name, url in variants.items():  # interleaved, so drift hits both alike
                    started = time.perf_counter()
                    status = client.get(url, query_string=query).status_code
                    timings[name].append((time.perf_counter() - started) * 1000)
                    if status != 200:
                        raise SystemExit(f"{url} answered {status}: not a figure to report.")
            shown = len(bodies["optimised"]["results"])
            for name in variants:
                ordered = sorted(timings[name])
                p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
                rows.append((books, seeded, page_size, shown, name, counts[name], ordered, p95))

    with app.app_context(), db.engine.connect():
        dialect = db.engine.dialect
        if dialect.name == "postgresql":
            major, minor = dialect.server_version_info[:2]
            database = f"PostgreSQL {major}.{minor}"
        else:
            database = f"SQLite {sqlite3.sqlite_version}"
    versions = f"Flask {importlib.metadata.version('flask')}, SQLAlchemy {sqlalchemy.__version__}"
    return render(args, database, versions, rows)


def render(args: argparse.Namespace, database: str, versions: str, rows) -> str:
    lines = [
        f"## {args.title or database}",
        "",
        f"{database}, Python {platform.python_version()}, {versions}, "
        f"{platform.machine()} with {os.cpu_count()} CPUs; {args.repeat} timed requests per "
        "row after 3 warm-up requests, optimised and naive interleaved.",
        "",
        "| books | seed time | page size | books shown | endpoint | queries | median ms "
        "| p95 ms | naive / optimised (median) |",
        "| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    medians = {(b, p, n): statistics.median(t) for b, _, p, _, n, _, t, _ in rows}
    for books, seeded, page_size, shown, name, queries, _timings, p95 in rows:
        median = medians[(books, page_size, name)]
        ratio = ""
        if name == "naive":
            ratio = f"{median / medians[(books, page_size, 'optimised')]:.1f}x"
        lines.append(
            f"| {books} | {seeded:.2f} s | {page_size} | {shown} | {name} | {queries} "
            f"| {median:.1f} | {p95:.1f} | {ratio} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    args = parse_args()
    section = bench(args)
    print(section)
    if args.out:
        with args.out.open("a", encoding="utf-8") as out:
            out.write("\n" + section)


if __name__ == "__main__":
    main()
