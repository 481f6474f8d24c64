"""Every page in Spanish (``?lang=es``): no English sentence outside names and numbers, on the main path of each page.

The text of every element a page draws (titles, Markdown, captions, messages, widget labels and help,
button labels, chart titles and axis titles in the Vega specs) is checked for English: a piece of text
with two or more words that occur only in English (the, and, of, your, model, with …) is an English
sentence. Names the lab or a student gave (model names, class names) are not sentences.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers.apptest import open_page

# Words that are common in the lab's English and never Spanish words.
ENGLISH = {
    "the",
    "and",
    "of",
    "to",
    "your",
    "you",
    "is",
    "are",
    "with",
    "this",
    "that",
    "it",
    "its",
    "what",
    "how",
    "which",
    "model",
    "models",
    "digit",
    "digits",
    "picture",
    "pictures",
    "draw",
    "train",
    "training",
    "accuracy",
    "test",
    "sure",
    "guess",
    "here",
    "there",
    "from",
    "for",
    "will",
    "can",
    "one",
    "each",
    "every",
    "first",
    "after",
    "before",
    "when",
    "not",
    "more",
    "than",
    "run",
    "runs",
    "save",
    "saved",
    "settings",
    "learning",
    "rate",
    "step",
    "steps",
}
WORD = re.compile(r"[A-Za-z]+")
PAGES = ["home", "train", "draw", "evaluate", "inside", "models", "sweep", "challenge", "class", "glossary"]


def texts(at) -> list[str]:
    found = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error", "text"):
        found += [str(e.value) for e in at.get(kind)]
    for kind in ("button", "checkbox", "toggle", "selectbox", "slider", "number_input", "text_input", "radio", "multiselect"):
        for widget in at.get(kind):
            found += [str(getattr(widget, "label", "")), str(getattr(widget, "help", "") or "")]
    for chart in at.get("vega_lite_chart") + at.get("arrow_vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        found += [str(v) for v in _titles(spec)]
    return [t for t in found if t]


def _titles(spec):
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("title", "text", "description") and isinstance(value, str):
                yield value
            elif key not in ("datasets", "data", "values"):
                yield from _titles(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _titles(item)


def english_sentences(found: list[str]) -> list[str]:
    flagged = []
    for text in found:
        words = [w.lower() for w in WORD.findall(re.sub(r"`[^`]*`|\(https?://[^)]*\)|:material/[a-z_]+:", " ", text))]
        if sum(w in ENGLISH for w in words) >= 2:
            flagged.append(text[:120])
    return flagged


@pytest.mark.parametrize("page", PAGES)
def test_every_page_speaks_spanish(page):
    at = open_page(page, query={"lang": "es"})
    assert not at.exception, [e.message for e in at.exception]
    assert at.session_state["language"] == "es"
    assert english_sentences(texts(at)) == []


def test_the_detector_finds_english_and_leaves_spanish_alone():
    assert english_sentences(["Draw a digit and the model answers.", "Dibuja un dígito y el modelo responde."]) == [
        "Draw a digit and the model answers."
    ]
    assert english_sentences(["mnist-7-vs-8", "7 · 97% seguro", "Idioma"]) == []
