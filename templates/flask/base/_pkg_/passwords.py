"""Password hashing with Argon2id (argon2-cffi), at OWASP's recommended minimum cost.

Store `hash_password(password)`; at login, `verify_password(stored, password)` and, when it
succeeds and `needs_rehash(stored)`, store a new hash: old hashes are upgraded as users log in.
"""

import functools
import gzip
import secrets
from difflib import SequenceMatcher
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB of memory, 2 iterations, 1 lane.
hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)

MIN_LENGTH = 12
# Argon2 takes any length; the bound keeps a request from hashing megabytes.
MAX_LENGTH = 1024
# The 20,000 most common passwords (the list Django ships), lower case, one per line.
COMMON_PASSWORDS = Path(__file__).resolve().parent / "common-passwords.txt.gz"
# As Django's UserAttributeSimilarityValidator: too close to the username is refused.
MAX_SIMILARITY = 0.7


class PasswordRejected(ValueError):
    """A new password that does not meet the rules; the message says which."""


@functools.cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines)


def validate_password(password: str, *, username: str | None = None) -> None:
    """NIST 800-63B: a length rule, no common password, not like the username; no
    composition rules."""
    if len(password) < MIN_LENGTH:
        raise PasswordRejected(f"The password must be at least {MIN_LENGTH} characters long.")
    if len(password) > MAX_LENGTH:
        raise PasswordRejected(f"The password must be at most {MAX_LENGTH} characters long.")
    if password.lower().strip() in common_passwords():
        raise PasswordRejected("The password is too common.")
    if username and _too_similar(password.lower(), username.lower()):
        raise PasswordRejected("The password is too similar to the username.")


def _too_similar(password: str, username: str) -> bool:
    return any(
        SequenceMatcher(a=password, b=part).quick_ratio() >= MAX_SIMILARITY
        for part in {username, *username.replace("_", ".").replace("-", ".").split(".")}
        if part
    )


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether `password` matches; a malformed stored hash never matches."""
    try:
        return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with other parameters than today's, and should be replaced."""
    return hasher.check_needs_rehash(stored_hash)


_dummy: dict[str, str] = {}


def dummy_hash() -> str:
    """A hash at today's cost to verify against when the user does not exist (AUTH-3), so that
    a login for an unknown username takes as long as one for a known username."""
    stored = _dummy.get("hash")
    if stored is None or needs_rehash(stored):
        stored = _dummy["hash"] = hash_password(secrets.token_urlsafe(16))
    return stored
