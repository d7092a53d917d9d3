"""Password hashing with Argon2id (argon2-cffi), at OWASP's recommended minimum cost.

Store `hash_password(password)`; at login, `verify_password(stored, password)` and, when it
succeeds and `needs_rehash(stored)`, store a new hash: old hashes are upgraded as users log in.
"""

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB of memory, 2 iterations, 1 lane.
hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)

MIN_LENGTH = 12
# Argon2 takes any length; the bound keeps a request from hashing megabytes.
MAX_LENGTH = 1024


class PasswordRejected(ValueError):
    """A new password that does not meet the rules; the message says which."""


def validate_password(password: str) -> None:
    """NIST 800-63B: a length rule, and no composition rules."""
    if len(password) < MIN_LENGTH:
        raise PasswordRejected(f"The password must be at least {MIN_LENGTH} characters long.")
    if len(password) > MAX_LENGTH:
        raise PasswordRejected(f"The password must be at most {MAX_LENGTH} characters long.")


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
