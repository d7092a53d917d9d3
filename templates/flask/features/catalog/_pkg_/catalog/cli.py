"""`flask explain-queries` and `flask seed-catalog`."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import click
from flask.cli import with_appcontext
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import DBAPIError

from ..extensions import db
from ..secrets_loader import app_env
from .explain import EXPLAINED_QUERIES, analyze_supported, explain
from .models import Author, Book, Genre, Publisher, book_genres


@click.command("explain-queries")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@click.option(
    "--analyze",
    is_flag=True,
    help="Run each query and report real row counts and timings (PostgreSQL only).",
)
@with_appcontext
def explain_queries(names: tuple[str, ...], analyze: bool) -> None:
    """Print the SQL and the query plan of each catalog query (default: all of them).

    Read the plans to check that lists use an index for their order and that the JOINs of
    joinedload use the primary keys (docs/catalog.md in Bulwark shows how to read them).
    """
    unknown = sorted(set(names) - set(EXPLAINED_QUERIES))
    if unknown:
        known = ", ".join(EXPLAINED_QUERIES)
        raise click.UsageError(f"Unknown query {unknown[0]!r}; choose from {known}.")
    if analyze and not analyze_supported():
        raise click.UsageError("--analyze needs PostgreSQL; this database cannot EXPLAIN ANALYZE.")
    for name in names or EXPLAINED_QUERIES:
        try:
            result = explain(name, analyze=analyze)
        except DBAPIError as error:
            raise click.ClickException(f"{error.orig} (has `flask db upgrade` run?)") from error
        click.secho(f"== {name} ({result['database']})", bold=True)
        click.echo(result["sql"])
        click.secho("-- plan", bold=True)
        click.echo(result["plan"])
        click.echo()


GENRES = [
    "Biography",
    "Children's",
    "Crime",
    "Essays",
    "Fantasy",
    "History",
    "Horror",
    "Mystery",
    "Philosophy",
    "Poetry",
    "Romance",
    "Science",
    "Science Fiction",
    "Thriller",
    "Travel",
]
FIRST_NAMES = [
    "Ada", "Amara", "Boris", "Chen", "Dagny", "Elif", "Farah", "Gustav", "Hana", "Ivo",
    "Jonas", "Kemi", "Lars", "Mei", "Nadia", "Omar", "Priya", "Rosa", "Sven", "Tomasz",
    "Ulla", "Vera", "Wen", "Yusuf", "Zora",
]  # fmt: skip
LAST_NAMES = [
    "Abara", "Berg", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad",
    "Ito", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov",
    "Quinn", "Rossi", "Sato", "Tanaka", "Urquhart", "Varga", "Weber", "Yilmaz", "Zhang",
]  # fmt: skip
PUBLISHER_WORDS = [
    "Anchor", "Beacon", "Cedar", "Driftwood", "Ember", "Fathom", "Granite", "Harbour",
    "Inkwell", "Juniper", "Kestrel", "Lantern", "Meridian", "Northgate", "Orchard",
]  # fmt: skip
PUBLISHER_KINDS = ["Press", "Books", "House", "Editions", "Publishing"]
COUNTRIES = ["Canada", "France", "Germany", "India", "Japan", "Kenya", "Norway", "UK", "USA"]
TITLE_ADJECTIVES = [
    "Silent", "Last", "Hidden", "Burning", "Distant", "Broken", "Golden", "Quiet",
    "Forgotten", "Northern", "Restless", "Second", "Winter", "Wandering", "Bright",
]  # fmt: skip
TITLE_NOUNS = [
    "River", "Garden", "Archive", "Harbour", "Orchard", "Lighthouse", "Atlas", "Engine",
    "Season", "Kingdom", "Letters", "Mirror", "Station", "Voyage", "Meridian", "Library",
]  # fmt: skip
SENTENCES = [
    "A story about what people keep when everything else is lost.",
    "Told across three generations and two continents.",
    "The author's sharpest work yet, and the most generous.",
    "Part detective story, part love letter to a vanished city.",
    "It asks what we owe to the places that made us.",
    "A slow burn that rewards every page.",
    "Based on years of research in archives few have opened.",
    "Funny, sad and impossible to put down.",
    "The characters stay with you long after the last chapter.",
    "A field guide to the questions nobody wants to ask.",
]


@click.command("seed-catalog")
@click.option("--books", type=click.IntRange(0, 1_000_000), default=100, help="Books to add.")
@click.option("--seed", type=int, default=None, help="Random seed, for the same data every run.")
@click.option("--clear", is_flag=True, help="Delete every book, author and publisher first.")
@click.option("--quiet", is_flag=True, help="Print nothing.")
@with_appcontext
def seed_catalog(books: int, seed: int | None, clear: bool, quiet: bool) -> None:
    """Add demo authors, publishers, genres and books to the catalog, with bulk inserts.

    A few queries per thousand rows, whatever --books is: authors, publishers, books and the
    book-genre links are each one multi-row INSERT (SQLAlchemy batches them).
    """
    if clear and app_env() == "production":
        raise click.UsageError("--clear deletes every book; it is refused with APP_ENV=production.")
    # Demo data, not secrets: a seedable generator is what we want here.
    rng = random.Random(seed)  # noqa: S311  # nosec B311
    authors, publishers = add_demo_data(rng, books, clear=clear)
    db.session.commit()
    if not quiet:
        click.echo(f"Added {books} books, {authors} authors and {publishers} publishers.")


def add_demo_data(rng: random.Random, books: int, *, clear: bool = False) -> tuple[int, int]:
    """Adds the rows in the current transaction; the caller commits. Returns the numbers of
    authors and publishers added."""
    session = db.session
    if clear:
        for table in (book_genres, Book.__table__, Author.__table__, Publisher.__table__):
            session.execute(delete(table))
    taken_genres = set(session.scalars(select(Genre.name)))
    missing = [{"name": name} for name in GENRES if name not in taken_genres]
    if missing:
        session.execute(insert(Genre), missing)
    genre_ids = list(session.scalars(select(Genre.id).where(Genre.name.in_(GENRES))))

    author_rows = [
        {
            "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "bio": " ".join(rng.sample(SENTENCES, 2)),
            "born": _random_date(rng, 1920, 2000),
        }
        for _ in range(max(1, books // 4))
    ]
    author_ids = _insert_returning_ids(Author, author_rows)

    taken = set(session.scalars(select(Publisher.name)))
    publisher_rows = []
    while len(publisher_rows) < max(1, min(len(PUBLISHER_WORDS) * 2, books // 20)):
        name = base = f"{rng.choice(PUBLISHER_WORDS)} {rng.choice(PUBLISHER_KINDS)}"
        while name in taken:
            name = f"{base} {rng.randint(2, 99)}"
        taken.add(name)
        publisher_rows.append({"name": name, "country": rng.choice(COUNTRIES)})
    publisher_ids = _insert_returning_ids(Publisher, publisher_rows)

    book_rows = [
        {
            "title": f"The {rng.choice(TITLE_ADJECTIVES)} {rng.choice(TITLE_NOUNS)}",
            "description": _description(rng),
            "published": _random_date(rng, 1950, 2025),
            "price": Decimal(rng.randrange(499, 4999)) / 100,
            "author_id": rng.choice(author_ids),
            "publisher_id": rng.choice(publisher_ids),
        }
        for _ in range(books)
    ]
    book_ids = _insert_returning_ids(Book, book_rows) if book_rows else []
    # One row per book-genre pair in the link table, in one multi-row INSERT too.
    links = [
        {"book_id": book_id, "genre_id": genre_id}
        for book_id in book_ids
        for genre_id in rng.sample(genre_ids, rng.randint(1, 3))
    ]
    if links:
        session.execute(insert(book_genres), links)
    return len(author_ids), len(publisher_ids)


def _insert_returning_ids(model: type[db.Model], rows: list[dict]) -> list[int]:
    """One multi-row INSERT per batch (SQLAlchemy's "insertmanyvalues"), with RETURNING for the
    new ids. Which id went to which row does not matter here, so the rows are not kept in
    order (that would cost a statement per row on SQLite); the ids are sorted, so that
    --seed gives the same data every run."""
    return sorted(db.session.scalars(insert(model).returning(model.id), rows))


def _description(rng: random.Random) -> str:
    """A few paragraphs of sanitised-looking HTML: the large column lists leave out."""
    paragraphs = [" ".join(rng.sample(SENTENCES, 5)) for _ in range(rng.randint(3, 8))]
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def _random_date(rng: random.Random, first_year: int, last_year: int) -> datetime.date:
    start = datetime.date(first_year, 1, 1)
    days = (datetime.date(last_year, 12, 31) - start).days
    return start + datetime.timedelta(days=rng.randrange(days))
