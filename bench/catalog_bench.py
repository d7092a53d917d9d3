"""Catalog benchmark: the optimised book list against a naive one, same data, same process.

Run from the root of a generated project, with its virtualenv:

    .venv/bin/python /path/to/bulwark/bench/catalog_bench.py --package demo_api \
        --books 10,100,1000 --database-url sqlite:////tmp/bench.sqlite3

The naive endpoint lives here, not in the generated project: it is the project's own
BookViewSet with `Book.objects.all()` as its queryset (no select_related, no prefetch, no
defer), routed at /bench/naive/books/ beside the real /api/v1/books/. Both answer through the
same middleware, permission check, filters, pagination and serializer, and their JSON is
checked to be identical before anything is timed. The figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import statistics
import sys
import time
import types
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


def configure_django(package: str, database_url: str) -> None:
    """The project's test settings, with this database and a URLconf that adds the naive view."""
    sys.path.insert(0, os.getcwd())
    os.environ["DJANGO_SETTINGS_MODULE"] = f"{package}.settings.test"
    settings_module = importlib.import_module(f"{package}.settings.test")
    import dj_database_url

    settings_module.DATABASES = {"default": dj_database_url.parse(database_url)}
    settings_module.ROOT_URLCONF = "bench_urls"
    # Catalog queries only: debug logging and request logs would time the terminal.
    settings_module.LOGGING = {"version": 1, "disable_existing_loggers": True}
    # Hundreds of requests from one user: API throttling (the rate-limit feature) is not
    # what this measures, and a 429 must never be timed as an answer.
    settings_module.REST_FRAMEWORK = {
        **settings_module.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_CLASSES": [],
    }

    import django

    bench_urls = types.ModuleType("bench_urls")
    sys.modules["bench_urls"] = bench_urls
    django.setup()

    from django.urls import include, path

    views = importlib.import_module(f"{package}.catalog.views")
    models = importlib.import_module(f"{package}.catalog.models")

    class NaiveBookViewSet(views.BookViewSet):
        """The same endpoint without the optimisations: what most first versions look like."""

        def get_queryset(self):
            return models.Book.objects.all()

    bench_urls.urlpatterns = [
        path("", include(f"{package}.urls")),
        path("bench/naive/books/", NaiveBookViewSet.as_view({"get": "list"})),
    ]


def bench(args: argparse.Namespace) -> str:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    call_command("migrate", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(username="bench-viewer")
    user.groups.add(Group.objects.get(name="viewer"))
    # The role check's permission lookup is cached on the user after the first request:
    # the figures below are the catalog's own queries.
    user.get_all_permissions()
    client = APIClient()
    client.force_authenticate(user)

    variants = {"optimised": "/api/v1/books/", "naive": "/bench/naive/books/"}
    rows = []
    for books in [int(n) for n in args.books.split(",")]:
        started = time.perf_counter()
        call_command("seed_catalog", books=books, seed=42, clear=True, verbosity=0)
        seeded = time.perf_counter() - started
        for page_size in [int(n) for n in args.page_sizes.split(",")]:
            query = {"page_size": page_size}
            bodies, queries, timings = {}, {}, {name: [] for name in variants}
            for name, url in variants.items():
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url, query)
                assert response.status_code == 200, (url, response.status_code)
                bodies[name], queries[name] = response.json(), len(captured)
            if bodies["optimised"]["results"] != bodies["naive"]["results"]:
                raise SystemExit("The naive and optimised endpoints disagree: not benchmarking.")
            for _ in range(3):  # warm-up
                for url in variants.values():
                    client.get(url, query)
            for _ in range(args.repeat):
                for name, url in variants.items():  # interleaved, so drift hits both alike
                    started = time.perf_counter()
                    status = client.get(url, query).status_code
                    timings[name].append((time.perf_counter() - started) * 1000)
                    if status != 200:
                        raise SystemExit(f"{url} answered {status}: not a figure to report.")
            shown = len(bodies["optimised"]["results"])
            for name in variants:
                ordered = sorted(timings[name])
                p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
                rows.append((books, seeded, page_size, shown, name, queries[name], ordered, p95))

    return render(args, connection, rows)


def render(args: argparse.Namespace, connection, rows) -> str:
    import django

    database = connection.vendor
    if connection.vendor == "postgresql":
        database = f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    elif connection.vendor == "sqlite":
        database = f"SQLite {connection.Database.sqlite_version}"
    lines = [
        f"## {args.title or database}",
        "",
        f"{database}, Python {platform.python_version()}, Django {django.get_version()}, "
        f"{platform.machine()} with {os.cpu_count()} CPUs; {args.repeat} timed requests per "
        "row after 3 warm-up requests, optimised and naive interleaved.",
        "",
        "| books | seed time | page size | books shown | endpoint | queries | median ms "
        "| p95 ms | naive / optimised (median) |",
        "| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    medians = {}
    for books, seeded, page_size, shown, name, queries, timings, p95 in rows:
        medians[(books, page_size, name)] = statistics.median(timings)
    for books, seeded, page_size, shown, name, queries, timings, p95 in rows:
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
    configure_django(args.package, args.database_url)
    section = bench(args)
    print(section)
    if args.out:
        with args.out.open("a", encoding="utf-8") as out:
            out.write("\n" + section)


if __name__ == "__main__":
    main()
