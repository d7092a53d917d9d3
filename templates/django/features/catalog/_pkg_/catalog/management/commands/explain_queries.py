"""`manage.py explain_queries`: the database's plan for each catalog queryset.

Read the plans to check that lists use an index for their order and that the JOINs of
select_related use the primary keys (docs/catalog.md shows how to read them).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from ...explain import EXPLAINED_QUERYSETS, analyze_supported, explain


class Command(BaseCommand):
    help = "Print the SQL and the query plan of each catalog queryset."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "names",
            nargs="*",
            metavar="NAME",
            help=f"querysets to explain (default: all of {', '.join(EXPLAINED_QUERYSETS)})",
        )
        parser.add_argument(
            "--analyze",
            action="store_true",
            help="run each query and report real row counts and timings (PostgreSQL only)",
        )

    def handle(self, *args: Any, names: list[str], analyze: bool, **options: Any) -> None:
        unknown = sorted(set(names) - set(EXPLAINED_QUERYSETS))
        if unknown:
            known = ", ".join(EXPLAINED_QUERYSETS)
            raise CommandError(f"Unknown queryset {unknown[0]!r}; choose from {known}.")
        if analyze and not analyze_supported():
            raise CommandError("--analyze needs PostgreSQL; this database cannot EXPLAIN ANALYZE.")
        for name in names or EXPLAINED_QUERYSETS:
            try:
                result = explain(name, analyze=analyze)
            except DatabaseError as error:
                raise CommandError(f"{error} (has `manage.py migrate` run?)") from error
            self.stdout.write(self.style.MIGRATE_HEADING(f"== {name} ({result['database']})"))
            self.stdout.write(result["sql"])
            self.stdout.write(self.style.MIGRATE_LABEL("-- plan"))
            self.stdout.write(result["plan"])
            self.stdout.write("")
