"""The Glossary page: every term of views.widgets.glossary with its technical name, in English and in Spanish."""

from core import i18n
from tests.helpers.apptest import assert_page_ok, open_page
from views.widgets.glossary import TERMS, tip


def test_every_term_is_a_heading_with_its_technical_name_and_meaning():
    at = open_page("glossary")
    assert_page_ok(at, lambda at: len(at.subheader) == len(TERMS), "a heading per term")
    assert [s.value for s in at.subheader] == [term.plain for term in TERMS.values()]
    text = " ".join(m.value for m in at.markdown)
    assert all(term.technical in text and term.meaning in text for term in TERMS.values())


def test_the_glossary_speaks_spanish_and_its_tooltips_link_back_in_spanish():
    at = open_page("glossary", query={"lang": "es"})
    assert not at.exception
    headings = [s.value for s in at.subheader]
    assert "probabilidad de que sea un 8" in headings and "capa de filtros" in headings and "mapa de los dígitos" in headings
    i18n.use("es")
    try:
        assert "[glosario](/glossary?lang=es)" in tip("chance")
    finally:
        i18n.use("en")
    assert tip("chance").endswith("More words in the [glossary](/glossary).")
