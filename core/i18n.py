"""Words in the student's language: gettext catalogs made with Babel, chosen per session, never for the whole server.

Every sentence a student reads goes through :func:`_` (or :func:`ngettext`); module-level texts are
marked with :func:`N_` and translated where they are shown. The catalogs live in ``locales/`` (made
with ``pybabel extract/init/update/compile``, see the README). One server serves many students, each
in their own language, so the language is a :class:`contextvars.ContextVar` the page sets at the start
of each run (:func:`use`) — never ``gettext.install``, which would switch every session at once.
Numbers and percentages are formatted for the language with Babel.

Imports only the standard library and Babel; any package may import it.
"""

from __future__ import annotations

import gettext
import math
from collections.abc import Callable
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.numbers import format_decimal, format_percent

LOCALES = Path(__file__).resolve().parents[1] / "locales"
DOMAIN = "sigmoid_lab"
LANGUAGES = {"en": "English", "es": "Español"}  # the language's code → its own name, as its readers write it
DEFAULT = "en"
_language: ContextVar[str | None] = ContextVar("sigmoid_lab_language", default=None)
_fallback: list[Callable[[], str | None]] = []  # who knows the language when this thread was not told (see set_fallback)


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALES, languages=[language], fallback=True)


def use(language: str) -> str:
    """Makes ``language`` the one this thread's texts are translated into; an unknown code means English.

    Returns:
        The language now in use.
    """
    chosen = language if language in LANGUAGES else DEFAULT
    _language.set(chosen)
    return chosen


def current() -> str:
    """The language in use in this thread: the one :func:`use` set, else the fallback's (see :func:`set_fallback`), else English."""
    language = _language.get()
    if language is None and _fallback:
        language = _fallback[0]()
    return language if language in LANGUAGES else DEFAULT


def set_fallback(resolver: Callable[[], str | None]) -> None:
    """Names who knows the language when a thread was never told with :func:`use`.

    The app's full runs call :func:`use` first, but a part of a page that reruns on its own (a
    Streamlit fragment) may run in a fresh context: the views hand in a resolver that reads the
    session's choice, so those parts speak the session's language too.

    Args:
        resolver: Returns a language code, or ``None`` when it does not know; it must never raise.
    """
    _fallback[:] = [resolver]


def pick(asked: str | None, browser: str | None) -> str:
    """The language to use: the one asked for (``?lang=es``, the picker) if the lab has it, else the browser's, else English.

    Args:
        asked: A language code the student chose, or ``None``.
        browser: The browser's locale or Accept-Language value (``es-ES``, ``es-MX,es;q=0.9,en;q=0.8``).
    """
    if asked and asked.lower() in LANGUAGES:
        return asked.lower()
    for part in (browser or "").split(","):
        code = part.split(";")[0].strip().lower().replace("_", "-").split("-")[0]
        if code in LANGUAGES:
            return code
    return DEFAULT


def _(message: str) -> str:  # the name pybabel extracts
    """``message`` in the language in use."""
    return _catalog(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the language in use."""
    return _catalog(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a module-level text for the catalog; translate it with :func:`_` where it is shown."""
    return message


def percent(fraction: float | None) -> str:
    """A share as a percentage for people, in the language in use: ``0.9945`` → ``99.5%`` (``99,5 %`` in some).

    At most one decimal; never ``100%`` for less than all nor ``0%`` for more than none; ``None`` → ``—``.
    """
    if fraction is None or math.isnan(float(fraction)):
        return "—"
    value = float(fraction)
    if 0.9995 <= value < 1.0:
        return ">" + format_percent(0.999, "#,##0.#%", locale=current())
    if 0.0 < value < 0.0005:
        return "<" + format_percent(0.001, "#,##0.#%", locale=current())
    return format_percent(value, "#,##0.#%", locale=current())


def number(value: float, decimals: int = 0) -> str:
    """A number with the language's separators: ``12345`` → ``12,345`` (``12.345`` in Spanish)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=current())
