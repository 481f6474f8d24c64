"""Checks that a sentence for students puts plain words first and a technical term only in brackets after them."""

from __future__ import annotations

import re


def only_in_brackets(text: str, term: str) -> bool:
    """True if ``term`` appears in ``text`` only inside round brackets, after some plain words.

    Args:
        text: The sentence a student reads.
        term: A technical word (``mlxtend``, ``SIGMOID_LAB_OFFLINE``, ``Lambda`` ...).

    """
    outside = re.sub(r"\([^()]*\)", "", text)
    return term in text and term not in outside and not text.lstrip().startswith("(")
