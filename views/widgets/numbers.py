"""Numbers for people: accuracies as percentages with at most one decimal, counts with thousands separators."""

from __future__ import annotations

import math


def pct(fraction: float | None) -> str:
    """An accuracy or a share as a percentage: ``0.99`` → ``99%``, ``0.9945`` → ``99.5%``, ``None`` → ``—``.

    Never ``100%`` for less than all, nor ``0%`` for more than none: those would say "every" or "none".
    """
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "—"
    value = 100.0 * float(fraction)
    if 99.95 <= value < 100.0:
        return ">99.9%"
    if 0.0 < value < 0.05:
        return "<0.1%"
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text}%"


def count(n: int) -> str:
    """``1234`` → ``1,234``."""
    return f"{int(n):,}"


def of_hundred(fraction: float) -> int:
    """How many of 100 a share is, rounded: for "Of 100 real 7s, it called 99 a 7"."""
    return round(100.0 * float(fraction))
