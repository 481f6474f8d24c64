"""Numbers for people, in the student's language: accuracies as percentages with at most one decimal, counts grouped."""

from __future__ import annotations

from core import i18n


def pct(fraction: float | None) -> str:
    """An accuracy or a share as a percentage: ``0.99`` → ``99%``, ``0.9945`` → ``99.4%``, ``None`` → ``—``.

    Never ``100%`` for less than all, nor ``0%`` for more than none: those would say "every" or "none".
    """
    return i18n.percent(fraction)


def count(n: int) -> str:
    """``1234`` → ``1,234`` (``1.234`` in Spanish)."""
    return i18n.number(int(n))


def of_hundred(fraction: float) -> int:
    """How many of 100 a share is, rounded: for "Of 100 real 7s, it called 99 a 7"."""
    return round(100.0 * float(fraction))
