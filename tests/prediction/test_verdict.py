"""The one place that turns a probability into words: "sure" only outside the band, the headline and sentence agree."""

import math

import pytest

from core.prediction.verdict import verdict, with_article

BINARY = [  # p = chance of the second class (8), the default band 0.2–0.8
    (0.01, "7", True, "7 · 99% sure"),
    (0.3, "7", False, "Not sure: a guess between 7 and 8"),
    (0.5, "7", False, "Not sure: a guess between 7 and 8"),
    (0.59, "8", False, "Not sure: a guess between 7 and 8"),
    (0.79, "8", False, "Not sure: a guess between 7 and 8"),
    (0.95, "8", True, "8 · 95% sure"),
    (0.999, "8", True, "8 · 99.9% sure"),
]


@pytest.mark.parametrize(("p", "label", "sure", "headline"), BINARY)
def test_binary_words(p, label, sure, headline):
    v = verdict({"7": 1 - p, "8": p})
    assert (v.label, v.sure, v.headline) == (label, sure, headline)
    assert ("sure" in v.sentence.split(":")[0]) is False  # the sentence never claims more than the headline
    if sure:
        assert "guess" not in v.sentence and v.status.startswith("Looks like")
    else:
        assert "guessing" in v.sentence and "sure" not in v.headline.replace("Not sure", "")
        assert v.status.startswith("Not sure")


TEN = [  # the top class's chance, the rest spread evenly over the nine others
    (0.3, False),
    (0.5, False),
    (0.59, False),
    (0.79, False),
    (0.95, True),
    (0.999, True),
]


@pytest.mark.parametrize(("top", "sure"), TEN)
def test_ten_class_words(top, sure):
    probabilities = {str(d): (1 - top) / 9 for d in range(10)}
    probabilities["3"] = top
    probabilities["5"] = (1 - top) / 9 + 1e-6  # the runner-up
    v = verdict(probabilities)
    assert v.label == "3" and v.sure is sure
    assert v.headline == ("3 · " if sure else "Not sure: a guess between 3 and 5") + (v.headline[4:] if sure else "")
    assert ("guess" in v.headline) is not sure


def test_ten_class_with_a_tiny_top_chance_is_not_sure():
    v = verdict({str(d): 0.1 for d in range(10)} | {"4": 0.11})
    assert not v.sure and v.label == "4"


def test_the_band_is_the_boundary():
    assert verdict({"7": 0.1, "8": 0.9}, band=(0.1, 0.9)).sure is False
    assert verdict({"7": 0.09, "8": 0.91}, band=(0.1, 0.9)).sure is True


@pytest.mark.parametrize("bad", [math.nan, -0.1, 1.5, math.inf])
def test_outputs_that_are_not_probabilities_get_a_sentence(bad):
    with pytest.raises(ValueError, match="not a number between 0 and 1"):
        verdict({"7": 0.5, "8": bad})


def test_articles():
    assert [with_article(n) for n in ["7", "8", "11", "circle", "apple", "not 3"]] == [
        "a 7",
        "an 8",
        "an 11",
        "a circle",
        "an apple",
        "not 3",
    ]
