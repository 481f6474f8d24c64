"""The Train page after a run: its test accuracy in words, why its accuracies differ, examples, and advice on a failure.

Every accuracy is a percentage with a plain line under it; the test images are named by their set and size;
advice that quotes a value takes it from the run itself (its own learning rate).
"""

from __future__ import annotations

import streamlit as st

from core.data.datasets import Dataset
from core.engine.base import RunResult
from core.i18n import _
from core.prediction import preprocess
from core.training.settings import divergence_advice
from core.training.train_config import TrainConfig
from views.train.upload import tests_on_real
from views.widgets.numbers import count, of_hundred, pct
from views.widgets.text import plain

EXAMPLE_SIDE = 84  # pixels of each test image shown with the model's answer
GAP = 0.02  # accuracies further apart than two points get a sentence saying why


def test_words(result: RunResult, dataset: Dataset | None) -> str:
    """The run's test images in words: "2,002 digits of the real MNIST test set" or its own held-out images."""
    if tests_on_real(dataset):
        return _("{count} digits of the real MNIST test set").format(count=count(result.test_count))
    return result.test_source


def why_they_differ(train: float | None, validation: float | None, test: float | None) -> str:
    """One sentence on why training, validation and test accuracy differ, or "" when they agree."""
    known = [value for value in (train, validation, test) if value is not None]
    if len(known) < 2 or max(known) - min(known) <= GAP:
        return ""
    if train is not None and train - max(v for v in (validation, test) if v is not None) > GAP:
        return _(
            "Training accuracy is higher because the model has seen those pictures over and over; the check and test "
            "pictures are new to it, so they show how it does on pictures it never learnt from."
        )
    return _(
        "The accuracies differ because each is measured on different pictures: a few hundred check (validation) pictures "
        "give a rougher figure than the larger test set, and training accuracy is averaged while the model was still learning."
    )


def failure(error: str, config: TrainConfig) -> str:
    """A failed run's sentence; a diverged run gets advice from its own learning rate."""
    if "diverged" in error.lower():
        return _("Training went wrong: the loss ran off to huge numbers. {advice}").format(
            advice=divergence_advice(config.learning_rate)
        )
    return error


def results_panel(result: RunResult, dataset: Dataset | None = None) -> None:
    """Test metrics named by the test set and size they were measured on, why the accuracies differ, examples."""
    real = (result.metadata or {}).get("real_test_metrics")
    tested = test_words(result, dataset)
    columns = st.columns(3)
    never = _("Measured on {tested}, never trained on.").format(tested=tested)
    columns[0].metric(_("Test accuracy"), pct(result.test_accuracy), help=never)
    columns[0].caption(_("Of 100 test pictures, it got {n} right.").format(n=of_hundred(result.test_accuracy)))
    if real and not tests_on_real(dataset):
        kept = _("{count} digits MNIST's makers kept apart.").format(count=count(real["images"]))
        columns[1].metric(_("Real MNIST test set"), pct(real["accuracy"]), help=kept)
        right = _("Of 100 real MNIST test digits, it got {n} right.").format(n=of_hundred(real["accuracy"]))
        columns[1].caption(right)
    lower = _("How wrong it is on average, on {tested}: lower is better.").format(tested=tested)
    columns[2].metric(_("Test loss"), f"{result.test_loss:.3f}", help=lower)
    columns[2].caption(_("How wrong it is on average: 0 would be right and sure every time."))
    st.caption(_("Tested on {tested}, never trained on.").format(tested=plain(tested)))
    history = result.history or []
    last = history[-1] if history else {}
    reason = why_they_differ(last.get("accuracy"), last.get("val_accuracy"), result.test_accuracy)
    if reason:
        figures = _("Training accuracy {train} · validation {validation} · test {test}.").format(
            train=pct(last.get("accuracy")), validation=pct(last.get("val_accuracy")), test=pct(result.test_accuracy)
        )
        st.markdown(f"{figures} {reason}")
    examples = result.examples
    if examples is None:
        return
    captions = [
        f"{answer}, {pct(confidence)}"
        if answer == truth
        else _("wrong: said {answer}, really {truth}").format(answer=answer, truth=truth)
        for answer, truth, confidence in zip(examples.predicted, examples.true_labels, examples.confidences, strict=True)
    ]
    heading = _("**Some test pictures and the model's answers** ({shown} of {count})")
    st.markdown(heading.format(shown=len(captions), count=count(result.test_count)))
    row = st.container(horizontal=True, wrap=True)  # as many a line as the screen has room for
    for image, caption in zip(examples.images, captions, strict=True):
        row.image(preprocess.for_display(image, EXAMPLE_SIDE), caption=plain(caption), alt=caption, width=EXAMPLE_SIDE)
