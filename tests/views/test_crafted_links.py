"""Crafted links (issue 24): every URL parameter of the Train and Sweep pages, over a limit or malformed, is refused.

Refused means: the setting keeps its default (never quietly changed to the nearest allowed value), a sentence
names what is allowed, and the link's text is shown as text (a Markdown link or image in it never renders).
"""

from __future__ import annotations

import re

import pytest

from core.sweeps import link
from core.sweeps.spec import MAX_EPOCHS, MAX_TRIALS, SweepSpec
from core.training import settings, settings_link
from tests.helpers.apptest import assert_page_ok, open_page
from views.widgets.text import plain

LINK = "[Your session expired](http://evil.example/login)"
IMAGE = "![x](http://evil.example/x.png)"

# Every Train parameter: (key, crafted value, words of the limit the sentence must name).
TRAIN = [
    ("task", IMAGE, "a task such as 7-vs-8"),
    ("task", "99-vs-100", "a task such as 7-vs-8"),
    ("preset", LINK, "one of cnn, tiny-cnn, dense, wide-dense"),
    ("conv", "32,x", "whole numbers separated by commas"),
    ("dense", LINK, "whole numbers separated by commas"),
    ("kernel", "6", "one of 1, 2, 3, 4, 5, 7"),
    ("stride", "9", "one of 1, 2, 3"),
    ("padding", LINK, "one of valid, same"),
    ("pooling", "maybe", "on or off"),
    ("pool_size", "1", "one of 2, 3, 4"),
    ("activation", IMAGE, "one of "),
    ("dropout", "0.95", "from 0 to 0.9"),
    ("augment", LINK, "on or off"),
    ("optimizer", LINK, "one of adam, sgd, rmsprop"),
    ("lr", "5000", "from 0.000001 to 1,000"),
    ("lr", "nan", "from 0.000001 to 1,000"),
    ("batch", "100000", "from 1 to 8,192"),
    ("batch", "many", "from 1 to 8,192"),
    ("epochs", "100000", "from 1 to 500"),
    ("epochs", "-3", "from 1 to 500"),
    ("val", "0.9", "from 0 to 0.5"),
    ("seed", "-1", "from 0 to 2,147,483,647"),
]
# Every Sweep parameter of its own: (query, words of the limit the sentence must name).
SWEEP = [
    ({"sweep_trials": "1000000000"}, f"from 1 to {MAX_TRIALS}"),
    ({"sweep_max": "1000000000"}, f"from 1 to {MAX_TRIALS}"),
    ({"sweep_epochs": "100000"}, f"from 1 to {MAX_EPOCHS}"),
    ({"sweep_epochs": LINK}, f"from 1 to {MAX_EPOCHS}"),
    ({"sweep_grace": "0"}, f"from 1 to {MAX_EPOCHS}"),
    ({"sweep_eta": "1"}, "from 2 to 8"),
    ({"sweep_seed": IMAGE}, "from 0 to 2,147,483,647"),
    ({"sweep_search": LINK}, "grid or random"),
    ({"sweep_asha": LINK}, "1 (on) or 0 (off)"),
    ({"vary_lr": "5000;0.1"}, "use numbers from 0.000001 to 10"),
    ({"vary_batch": "0;32"}, "use numbers from 1 to 4,096"),
    ({"vary_optimizer": LINK}, "choose from adam, sgd, rmsprop"),
    ({"vary_evil": "1"}, "A sweep cannot vary"),
    ({"vary_lr": ";".join(str(0.001 * n) for n in range(1, 200))}, f"at most {MAX_TRIALS} trials"),
]
SWEEP_DEFAULTS = SweepSpec(())


def test_every_train_parameter_is_in_the_table():
    assert {key for key, _, _ in TRAIN} == set(settings.DEFAULTS)


@pytest.mark.parametrize(("key", "text", "limit"), TRAIN)
def test_a_crafted_train_value_is_refused_with_the_limit_named(key, text, limit):
    restored, warnings = settings_link.from_query({key: text})
    assert restored[key] == settings.DEFAULTS[key]  # never silently changed
    assert len(warnings) == 1 and "is refused: it must be" in warnings[0] and limit in warnings[0], warnings


def test_every_sweep_parameter_is_in_the_table():
    named = {key for query, _ in SWEEP for key in query if key.startswith(link.PREFIX)}
    assert named == {link.PREFIX + short for short in link.LIMITS} | {link.PREFIX + "search", link.PREFIX + "asha"}


@pytest.mark.parametrize(("query", "limit"), SWEEP)
def test_a_crafted_sweep_value_is_refused_with_the_limit_named(query, limit):
    spec, _, warnings = link.from_query(query)
    assert spec.axes == () and spec.trials == SWEEP_DEFAULTS.trials and spec.epochs == SWEEP_DEFAULTS.epochs
    assert (spec.max_trials, spec.search, spec.early_stopping) == (16, "grid", False)
    assert len(warnings) == 1 and limit in warnings[0], warnings


def test_a_long_crafted_value_is_quoted_cut_short():
    _, warnings = settings_link.from_query({"optimizer": "x" * 10_000})
    assert len(warnings[0]) < 300 and "…" in warnings[0]


def unescaped_markdown(text: str) -> bool:
    """True if ``text`` holds a Markdown link or image whose brackets are not escaped (it would render)."""
    return bool(re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", text))


@pytest.mark.parametrize(
    ("query", "key", "kept"),
    [
        ({"optimizer": LINK}, "setting_optimizer", "adam"),
        ({"task": IMAGE}, "train_task_mode", "A vs B"),
        ({"epochs": "100000"}, "setting_epochs", settings.DEFAULTS["epochs"]),
        ({"lr": "nan"}, "setting_lr", settings.DEFAULTS["lr"]),
    ],
)
def test_the_train_page_refuses_a_crafted_link_as_text(query, key, kept):
    at = open_page("train", query=query, timeout=120)
    assert_page_ok(at, lambda at: any(b.label == "Start training" and not b.disabled for b in at.button), "Start")
    widget = next(w for w in [*at.selectbox, *at.number_input, *at.radio] if w.key == key)
    assert widget.value == kept
    refusals = [w.value for w in at.warning if "is refused" in w.value]
    assert len(refusals) == 1 and not unescaped_markdown(refusals[0])
    text = next(iter(query.values()))
    if "](" in text:
        assert plain(text)[:20] in refusals[0]  # quoted, escaped: shown exactly as typed, never a link


@pytest.mark.parametrize(
    ("query", "key", "kept"),
    [
        ({"sweep_trials": "1000000000"}, "sweep_trials", SWEEP_DEFAULTS.trials),
        ({"sweep_epochs": "100000"}, "sweep_epochs", SWEEP_DEFAULTS.epochs),
        ({"vary_optimizer": LINK}, "sweep_varied", []),
        ({"optimizer": LINK}, "setting_optimizer", "adam"),
    ],
)
def test_the_sweep_page_refuses_a_crafted_link_as_text(query, key, kept):
    at = open_page("sweep", query=query, timeout=120)
    assert_page_ok(at, lambda at: any(b.label == "Start sweep" for b in at.button), "Start sweep")
    widgets = {w.key: w.value for w in [*at.selectbox, *at.number_input, *at.multiselect]}
    assert (widgets[key] if key in widgets else at.session_state[key]) == kept  # the starting settings live on the Train page
    refusals = [w.value for w in at.warning if "refused" in w.value]
    assert len(refusals) == 1 and not unescaped_markdown(refusals[0]), refusals


def test_the_sweep_page_keeps_saying_why_a_link_was_refused_until_a_sweep_starts():
    at = open_page("sweep", query={"sweep_trials": "1000000000"}, timeout=120)
    at.run()  # a second run of the same session (any widget change): the refusal is still there
    at.run()
    assert_page_ok(at, lambda at: any(b.label == "Start sweep" for b in at.button), "Start sweep")
    assert len([w for w in at.warning if "refused" in w.value and str(MAX_TRIALS) in w.value]) == 1
