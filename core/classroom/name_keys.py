"""When two people's names are "the same": Unicode NFKC, look-alike letters mapped to Latin, no case.

A name's *key* is what the ``people`` table keeps unique. ``Τeacher`` (with a Greek Tau),
``аda3`` (with a Cyrillic а) and ``ADA3`` all have the key of ``ada3`` or ``teacher``, so nobody
can join as a look-alike of the teacher or of another student. The key follows the idea of
Unicode's confusable *skeleton* (UTS #39) for the letters a class is likely to meet: Greek and
Cyrillic capitals and small letters that look Latin, full-width forms (NFKC folds those), and
the few Latin and digit pairs that are hard to tell apart in a sidebar font (``l``/``I``/``1``,
``O``/``0``, ``rn``/``m``).
"""

from __future__ import annotations

import unicodedata

# Look-alikes, after casefolding, to the Latin letter they pass for. Greek first, then Cyrillic.
_LOOK_ALIKES = {
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ζ": "z", "μ": "u", "ς": "c", "σ": "o",
    "а": "a", "в": "b", "г": "r", "е": "e", "ё": "e", "з": "3", "и": "u", "й": "u", "к": "k",
    "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x",
    "ь": "b", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ӏ": "l", "ɑ": "a", "ı": "i", "ɡ": "g", "ʟ": "l",
}  # fmt: skip
# Latin and digits a reader confuses: all of them become one letter in the key.
_SAME_SHAPE = {"i": "l", "1": "l", "|": "l", "0": "o"}
_PAIRS = (("rn", "m"), ("vv", "w"))
KEY_LENGTH = 64  # the column's width; casefolding can lengthen a name ("ß" is "ss")


def tidy(name: str) -> str:
    """The name as shown and stored: NFKC (full-width and ligature forms become plain) with single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name or "").split())


def key(name: str) -> str:
    """The name's key: two names with the same key may not both be in the class.

    Args:
        name: A display name, tidied or not.

    Returns:
        The casefolded name with look-alike letters mapped to Latin ones, e.g. ``key("Τeacher") == "teacher"``.

    """
    folded = unicodedata.normalize("NFKC", tidy(name).casefold())
    mapped = "".join(_SAME_SHAPE.get(c, c) for c in (_LOOK_ALIKES.get(c, c) for c in folded))
    for pair, single in _PAIRS:  # twice, so "rnrn" and "vvv" fold too
        mapped = mapped.replace(pair, single).replace(pair, single)
    return mapped[:KEY_LENGTH]


def same(first: str, second: str) -> bool:
    """True if the two names would be taken for one another."""
    return key(first) == key(second)
