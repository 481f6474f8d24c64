"""The catalogs keep up with the code: every marked text is in each language's catalog, translated, and compiled.

A text added to a page with ``_()`` and not run through ``python locales/update.py`` (and translated)
fails here, as does a ``.mo`` left behind its ``.po``.
"""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from core import i18n
from tests.helpers.cli import ROOT

OTHER_LANGUAGES = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT]


def catalog(path):
    with open(path, "rb") as f:
        return read_po(f) if path.suffix in (".po", ".pot") else read_mo(f)


def ids(messages) -> set:
    return {m.id for m in messages if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """What ``pybabel extract`` finds in the code right now."""
    sys.path.insert(0, str(ROOT / "locales"))
    import update

    pot = tmp_path_factory.mktemp("i18n") / "now.pot"
    update.extract(pot)
    return catalog(pot)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_marked_text_is_in_the_catalog_and_translated(extracted, language):
    po = catalog(ROOT / "locales" / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po")
    missing = ids(extracted) - ids(po)
    assert not missing, f"run `python locales/update.py` and translate: {sorted(missing, key=str)[:20]}"
    untranslated = [m.id for m in po if m.id in ids(extracted) and (not m.string or not all(m.string) or m.fuzzy)]
    assert not untranslated, f"translate these in locales/{language}: {untranslated[:20]}"
    assert len(ids(extracted)) >= 1


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_compiled_catalog_is_the_catalog(language):
    folder = ROOT / "locales" / language / "LC_MESSAGES"
    po, mo = catalog(folder / f"{i18n.DOMAIN}.po"), catalog(folder / f"{i18n.DOMAIN}.mo")

    def hashable(value):  # a plural entry's forms: a tuple in a .po, a list in a .mo
        return tuple(value) if isinstance(value, list | tuple) else value

    written = {hashable(m.id): hashable(m.string) for m in po if m.id and m.string and not m.fuzzy}
    compiled = {hashable(m.id): hashable(m.string) for m in mo if m.id}
    assert compiled == written, "the .mo is out of date: run `python locales/update.py`"


def test_each_session_thread_keeps_its_own_language():
    """Two sessions at once, one in Spanish: neither sees the other's language (no gettext.install)."""
    seen = {}

    def session(name, language):
        i18n.use(language)
        seen[name] = (i18n.current(), i18n._("Language"))

    threads = [threading.Thread(target=session, args=(n, lang)) for n, lang in (("ana", "es"), ("bo", "en"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"ana": ("es", "Idioma"), "bo": ("en", "Language")}
    assert i18n.current() == "en"


def test_the_language_is_picked_from_the_link_then_the_browser():
    assert i18n.pick("es", "en-US") == "es"
    assert i18n.pick(None, "es-MX,es;q=0.9,en;q=0.8") == "es"
    assert i18n.pick("xx", "de-DE,fr;q=0.5") == "en"


def test_numbers_follow_the_language():
    code = "from core import i18n; i18n.use('es'); print(i18n.percent(0.995), i18n.number(12345))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["99,5%", "12.345"]
