"""Personal codes such as ``otter-maple-42``: made at random, stored only as a salted scrypt hash.

A student writes the code down when joining and types it with their name to get back in after
closing the tab. The database never holds the code itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ANIMALS = (
    "otter", "fox", "owl", "panda", "tiger", "koala", "heron", "lynx", "moose", "raven", "seal", "whale",
    "zebra", "bison", "camel", "crane", "eagle", "gecko", "hippo", "ibis", "lemur", "llama", "mole",
    "newt", "orca", "puffin", "robin", "shark", "sloth", "swan", "toad", "wolf",
)  # fmt: skip
PLANTS = (
    "maple", "oak", "birch", "cedar", "fern", "hazel", "ivy", "lily", "lotus", "moss", "olive", "pine",
    "poppy", "rose", "sage", "tulip", "willow", "yew", "aspen", "clover", "daisy", "elm", "fig", "holly",
    "iris", "juniper", "lilac", "mint", "orchid", "palm", "reed", "thyme",
)  # fmt: skip
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~16 MiB and ~50 ms per check: cheap for a class, slow for guessing


def new_code() -> str:
    """A fresh code: an animal, a plant and a number from 10 to 99 (about 92,000 possibilities)."""
    return f"{secrets.choice(ANIMALS)}-{secrets.choice(PLANTS)}-{secrets.randbelow(90) + 10}"


def normalise(code: str) -> str:
    """The code as compared: lower case, words joined by single dashes (``Otter Maple 42`` works too)."""
    return "-".join(code.lower().replace("-", " ").split())


def hash_code(code: str) -> str:
    """A salted scrypt hash of the code, as ``scrypt$<salt hex>$<hash hex>``."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(normalise(code).encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_code(code: str, stored: str | None) -> bool:
    """True if ``code`` is the one ``stored`` was made from (a constant-time comparison).

    Args:
        code: What the student typed.
        stored: The value :func:`hash_code` returned (None for someone without a code).

    Returns:
        Whether the code matches.

    """
    try:
        scheme, salt, digest = (stored or "").split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(normalise(code).encode(), salt=bytes.fromhex(salt), **_SCRYPT)
    return hmac.compare_digest(candidate, bytes.fromhex(digest))
