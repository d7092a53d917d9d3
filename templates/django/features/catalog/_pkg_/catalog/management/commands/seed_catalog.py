"""`manage.py seed_catalog --books N`: realistic demo data, made with bulk inserts.

A few queries per thousand rows, whatever N is: authors, publishers, books and the
book-genre links are each written with bulk_create in batches.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ....secrets_loader import app_env
from ...models import Author, Book, Genre, Publisher

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

BATCH_SIZE = 500


class Command(BaseCommand):
    help = "Add demo authors, publishers, genres and books to the catalog."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--books", type=int, default=100, help="books to add (default 100)")
        parser.add_argument(
            "--seed", type=int, default=None, help="random seed, for the same data every run"
        )
        parser.add_argument(
            "--clear", action="store_true", help="delete every book, author and publisher first"
        )

    def handle(self, *args: Any, books: int, seed: int | None, clear: bool, **options: Any) -> None:
        if not 0 <= books <= 1_000_000:
            raise CommandError("--books must be between 0 and 1000000.")
        if clear and app_env() == "production":
            raise CommandError("--clear deletes every book; it is refused with APP_ENV=production.")
        # Demo data, not secrets: a seedable generator is what we want here.
        rng = random.Random(seed)  # noqa: S311  # nosec B311
        with transaction.atomic():
            if clear:
                Book.objects.all().delete()
                Author.objects.all().delete()
                Publisher.objects.all().delete()
            genres = _ensure_genres()
            authors = _create_authors(rng, max(1, books // 4))
            publishers = _create_publishers(rng, max(1, min(len(PUBLISHER_WORDS) * 2, books // 20)))
            created = _create_books(rng, books, authors, publishers, genres)
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added {created} books, {len(authors)} authors and {len(publishers)} "
                    "publishers."
                )
            )


def _ensure_genres() -> list[Genre]:
    Genre.objects.bulk_create([Genre(name=name) for name in GENRES], ignore_conflicts=True)
    return list(Genre.objects.filter(name__in=GENRES))


def _create_authors(rng: random.Random, count: int) -> list[Author]:
    authors = [
        Author(
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            bio=" ".join(rng.sample(SENTENCES, 2)),
            born=_random_date(rng, 1920, 2000),
        )
        for _ in range(count)
    ]
    # bulk_create sets primary keys on PostgreSQL and SQLite (both support RETURNING).
    return Author.objects.bulk_create(authors, batch_size=BATCH_SIZE)


def _create_publishers(rng: random.Random, count: int) -> list[Publisher]:
    taken = set(Publisher.objects.values_list("name", flat=True))
    publishers = []
    while len(publishers) < count:
        name = base = f"{rng.choice(PUBLISHER_WORDS)} {rng.choice(PUBLISHER_KINDS)}"
        while name in taken:
            name = f"{base} {rng.randint(2, 99)}"
        taken.add(name)
        publishers.append(Publisher(name=name, country=rng.choice(COUNTRIES)))
    return Publisher.objects.bulk_create(publishers, batch_size=BATCH_SIZE)


def _create_books(
    rng: random.Random,
    count: int,
    authors: list[Author],
    publishers: list[Publisher],
    genres: list[Genre],
) -> int:
    books = Book.objects.bulk_create(
        [
            Book(
                title=f"The {rng.choice(TITLE_ADJECTIVES)} {rng.choice(TITLE_NOUNS)}",
                description=_description(rng),
                published=_random_date(rng, 1950, 2025),
                price=Decimal(rng.randrange(499, 4999)) / 100,
                author=rng.choice(authors),
                publisher=rng.choice(publishers),
            )
            for _ in range(count)
        ],
        batch_size=BATCH_SIZE,
    )
    # One row per book-genre pair in the M2M table, written in batches too.
    BookGenre = Book.genres.through
    links = [
        BookGenre(book_id=book.pk, genre_id=genre.pk)
        for book in books
        for genre in rng.sample(genres, rng.randint(1, 3))
    ]
    BookGenre.objects.bulk_create(links, batch_size=BATCH_SIZE)
    return len(books)


def _description(rng: random.Random) -> str:
    """A few paragraphs of sanitised-looking HTML: the large column lists leave out."""
    paragraphs = [" ".join(rng.sample(SENTENCES, 5)) for _ in range(rng.randint(3, 8))]
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def _random_date(rng: random.Random, first_year: int, last_year: int) -> datetime.date:
    start = datetime.date(first_year, 1, 1)
    days = (datetime.date(last_year, 12, 31) - start).days
    return start + datetime.timedelta(days=rng.randrange(days))
