"""The Train page through Streamlit's AppTest. AppTest fires no timers: each run() renders the next state."""

import re
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from PIL import Image, ImageDraw

from tests.helpers.apptest import assert_page_works, open_page
from tests.helpers.files import make_zip, png
from views.keys import Keys


def shown(value):
    """What a Markdown text shows: ``plain()``'s backslash escapes taken off."""
    return re.sub(r"\\(.)", r"\1", value)


def open_train(query=None):
    at = open_page("train", query=query, timeout=120)
    assert_page_works(at, "train")
    return at


def progress_text(at):
    texts = [element.proto.text for element in at.get("progress")]
    return texts[0] if texts else ""


def start_button(at):
    return next(button for button in at.button if "Start training" in button.label)


def run_until(at, words, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.5)
        at.run()
        assert not at.exception, at.exception
        text = progress_text(at)
        if any(word in text for word in words) and "Measuring" not in text:  # ended, and its results are in
            return text
    raise AssertionError(f"no {words} within {timeout} s; last status: {progress_text(at)!r}")


def choose_shapes(at, epochs):
    at.radio(key="train_task_mode").set_value("Circle vs square").run()
    at.selectbox(key="setting_preset").set_value("tiny-cnn").run()
    at.number_input(key="setting_epochs").set_value(epochs).run()


def test_a_real_run_trains_charts_and_saves(models_folder):
    at = open_train()
    choose_shapes(at, epochs=2)
    assert at.text_input(key="setting_conv").value == "8"  # the preset filled the fields
    start_button(at).click().run()
    assert run_until(at, ["Finished"]).startswith(":material/check_circle:")
    assert len(at.get("vega_lite_chart")) >= 2  # loss and accuracy
    accuracy = next(m for m in at.metric if m.label == "Test accuracy")
    assert float(accuracy.value.rstrip("%")) > 60  # two epochs of circles vs squares beats guessing
    for bad_name in ("../../x", "/etc/passwd", "", "x" * 500, "ünïcode name"):
        at.text_input(key="train_save_name").set_value(bad_name).run()
        next(b for b in at.button if "Save model" in b.label).click().run()
        assert at.error, f"no message for the name {bad_name!r}"
    assert sorted(p.name for p in models_folder.iterdir()) == []
    at.text_input(key="train_save_name").set_value("class-demo").run()
    next(b for b in at.button if "Save model" in b.label).click().run()
    assert (models_folder / "class-demo.keras").is_file()
    assert any("Saved as 'class-demo'" in shown(s.value) for s in at.success)
    assert "class-demo" in at.sidebar.selectbox[0].options
    assert at.dataframe  # the run history table


def test_stop_mid_run_keeps_a_usable_model():
    at = open_train()
    choose_shapes(at, epochs=300)
    start_button(at).click().run()
    run_until(at, ["Training…"])
    next(b for b in at.button if "Stop" in b.label).click().run()
    assert "Stopped early" in run_until(at, ["Stopped"])
    assert any(m.label == "Test accuracy" for m in at.metric)
    assert any("Save model" in b.label for b in at.button)


def test_a_huge_learning_rate_ends_in_a_clear_failure():
    at = open_train({"lr": "100", "epochs": "2"})
    start_button(at).click().run()
    run_until(at, ["Failed"])
    # The advice quotes the run's own learning rate, never a fixed example.
    assert any(
        "Your learning rate is 100: each step was too big" in shown(e.value) and "Try 10 or 1." in shown(e.value)
        for e in at.error
    )
    row = next(d.value for d in at.dataframe if "test acc" in d.value.columns).iloc[0]
    assert row["state"] == "failed" and row["test acc"] == "—"


def test_settings_come_from_and_go_to_the_query_string():
    query = {"task": "3-vs-rest", "preset": "dense", "lr": "0.01", "epochs": "7", "augment": "1", "batch": "oops"}
    at = open_train(query)
    assert at.radio(key="train_task_mode").value == "A vs rest" and at.selectbox(key="train_digit_rest").value == 3
    assert at.selectbox(key="setting_preset").value == "dense" and at.text_input(key="setting_dense").value == "128,64"
    assert at.number_input(key="setting_lr").value == pytest.approx(0.01)
    assert at.number_input(key="setting_epochs").value == 7 and at.checkbox(key="setting_augment").value
    assert at.number_input(key="setting_batch").value == 64  # the bad value fell back to the default
    shared = dict(at.query_params)
    assert shared["task"] == "3-vs-rest" and shared["lr"] == "0.01" and shared["preset"] == "dense"
    assert "batch" not in shared  # defaults stay out of the link
    again = open_train(shared)
    assert again.number_input(key="setting_epochs").value == 7 and again.text_input(key="setting_dense").value == "128,64"


def test_an_impossible_network_disables_start_with_the_reason():
    at = open_train()
    at.text_input(key="setting_conv").set_value("8,8,8,8,8").run()
    assert any("nothing would be left" in e.value for e in at.error)
    assert start_button(at).disabled
    at.text_input(key="setting_conv").set_value("32,x").run()
    assert any("whole numbers" in e.value for e in at.error)


def test_sessions_never_see_each_others_jobs():
    alice, bob = open_train(), open_train()
    choose_shapes(alice, epochs=300)
    start_button(alice).click().run()
    run_until(alice, ["Training…"])
    bob.run()
    assert not bob.get("progress") and not any("Stop" in b.label for b in bob.button)
    assert not start_button(bob).disabled  # Bob may start his own run meanwhile
    next(b for b in alice.button if "Stop" in b.label).click().run()
    assert "Stopped" in run_until(alice, ["Stopped"])


def test_a_batch_larger_than_the_data_becomes_one_that_fits_with_a_sentence():
    at = open_train()
    choose_shapes(at, epochs=1)
    at.number_input(key="setting_batch").set_value(8000).run()
    assert not at.error and not start_button(at).disabled
    assert any(
        "1,800 training pictures, fewer than one batch of 8,000, so this run uses batches of 256" in shown(i.value)
        for i in at.info
    )


def shapes_zip(per_class=30, side=32):
    """A .zip of two class folders, as a student would make: white circles and squares on black, placed at random."""
    rng = np.random.default_rng(0)
    entries = {}
    for name in ("circle", "square"):
        for index in range(per_class):
            image = Image.new("L", (side, side), 0)
            size = int(rng.integers(10, 18))
            x, y = (int(v) for v in rng.integers(2, side - size - 2, size=2))
            draw = ImageDraw.Draw(image).ellipse if name == "circle" else ImageDraw.Draw(image).rectangle
            draw([x, y, x + size, y + size], fill=255)
            entries[f"pictures/{name}/{index}.png"] = png(np.asarray(image))
    return make_zip(entries)


def visit(at, page):
    at.session_state[Keys.OPEN_PAGE] = page
    return at.run()


def upload(at, per_class):
    at.radio(key="train_task_mode").set_value("Your own two classes").run()
    assert start_button(at).disabled  # nothing uploaded yet
    return at.file_uploader(key="train_folder_zip").set_value(("my-shapes.zip", shapes_zip(per_class), "application/zip")).run()


def test_thirty_pictures_a_class_train_with_a_batch_that_fits():
    at = upload(open_train(), per_class=30)
    assert_page_works(at, "train")
    assert any("training pictures, fewer than one batch of 64, so this run uses batches of 8" in shown(i.value) for i in at.info)


def test_an_uploaded_zip_stays_with_the_session_after_another_page():
    at = upload(open_train(), per_class=60)
    assert_page_works(at, "train")
    visit(at, "draw")
    visit(at, "train")  # the file uploader has forgotten its file by now; the page has not
    assert at.radio(key="train_task_mode").value == "Your own two classes"
    assert_page_works(at, "train")  # the data is there, so Start is enabled
    assert any(
        "Using your upload **my-shapes.zip** (120 pictures); upload another to replace it." in shown(c.value) for c in at.caption
    )


def test_a_link_with_epochs_below_one_is_refused_with_the_range_named():
    at = open_train({"epochs": "-3"})
    assert at.number_input(key="setting_epochs").value == 8  # the default, never a quietly changed 1
    assert any("number of epochs '-3' is refused: it must be from 1 to 500" in shown(w.value) for w in at.warning)


def test_ten_digits_with_equal_classes_say_how_many_each():
    at = open_train()
    at.radio(key="train_task_mode").set_value("All ten digits").run()
    assert_page_works(at, "train")
    counts = [c.value for c in at.caption if c.value.startswith("…and 7 more classes")]
    assert counts and "–" not in counts[0] and ("images each." in counts[0])


def chart_data(chart):
    """The rows an Altair chart in AppTest plots (its Arrow datasets, concatenated)."""
    frames = [pa.ipc.open_stream(d.data.data).read_pandas() for d in chart.proto.datasets]
    return pd.concat(frames) if frames else pd.DataFrame()


def test_runs_are_numbered_per_session_and_compared_by_what_differs():
    others = open_train()  # another student's run takes the server's first run id
    choose_shapes(others, epochs=1)
    start_button(others).click().run()
    run_until(others, ["Finished"])
    at = open_train()
    choose_shapes(at, epochs=2)
    start_button(at).click().run()
    run_until(at, ["Finished"])
    assert any(m.value.startswith("**Run 1** · shapes · conv 8") for m in at.markdown)
    assert at.text_input(key="train_save_name").value == "my-shapes-1"
    at.number_input(key="setting_lr").set_value(0.01).run()
    start_button(at).click().run()
    run_until(at, ["Finished"])
    assert any(m.value.startswith("**Run 2** · shapes") for m in at.markdown)
    table = next(d.value for d in at.dataframe if "tested on" in d.value.columns)
    assert table["run"].tolist() == [1, 2] and all(t.endswith("generated shapes") for t in table["tested on"])
    compared = pd.concat([chart_data(c) for c in at.get("vega_lite_chart") if "Validation" in c.proto.spec])
    assert set(compared.metric) == {"validation loss", "validation accuracy"}
    assert set(compared.run) == {"run 1 · learning rate 0.001", "run 2 · learning rate 0.01"}


def test_a_digits_run_names_both_test_sets_and_their_sizes():
    at = open_train({"preset": "tiny-cnn", "epochs": "2"})
    start_button(at).click().run()
    run_until(at, ["Finished"])
    assert_page_works(at, "train")
    own = next(m for m in at.metric if m.label == "Test accuracy")
    assert float(own.value.rstrip("%")) > 80  # two short epochs on 7 vs 8 already beat guessing by far
    assert re.fullmatch(r"\d{1,3}(\.\d)?%|>99\.9%", own.value)  # a percentage, one decimal at most, never 0.9900
    words = " ".join(shown(c.value) for c in at.caption)
    # The test images are the real MNIST test set when it is here: all 2,002 sevens and eights, named as such.
    assert "Tested on 2,002 digits of the real MNIST test set, never trained on." in words
    assert f"Of 100 test pictures, it got {round(float(own.value.rstrip('%')))} right." in words
    assert not any(m.label == "Real MNIST test set" for m in at.metric)  # the same set is not shown twice
    table = next(d.value for d in at.dataframe if "tested on" in d.value.columns)
    assert table["tested on"].tolist() == ["2,002 digits of the real MNIST test set"]
    assert table["test acc"].tolist() == [own.value] and table["real MNIST test images"].tolist() == ["2,002"]


def in_page_order(at):
    """Every element of the page's main area, top to bottom (a phone stacks columns in this order)."""

    def walk(node):
        for index in sorted(getattr(node, "children", {}) or {}):
            child = node.children[index]
            yield child
            yield from walk(child)

    return list(walk(at.main))


def test_the_default_run_shows_learning_on_the_real_test_set():
    from core.data.test_sets import SHARED_MNIST

    at = open_train()
    assert at.number_input(key="setting_epochs").value >= 8
    start_button(at).click().run()
    started = time.monotonic()
    assert run_until(at, ["Finished"], timeout=300).startswith(":material/check_circle:")
    seconds = time.monotonic() - started
    numbers = next(d.value for d in at.dataframe if "validation accuracy" in d.value.columns and "epoch" in d.value.columns)
    assert len(numbers) >= 8 and all(v.endswith("%") for v in numbers["validation accuracy"])  # ≥ 8 validation points
    accuracy = float(next(m for m in at.metric if m.label == "Test accuracy").value.strip("%>"))
    assert accuracy >= 95, accuracy  # a real accuracy: the default network learns 7 vs 8
    if SHARED_MNIST.is_dir():
        assert any("Tested on 2,002 digits of the real MNIST test set" in shown(c.value) for c in at.caption)
    print(f"default run: {seconds:.1f} s from Start to results (AppTest, this machine's load)")


def test_charts_have_titled_axes_a_summary_and_come_before_the_settings():
    at = open_train()
    choose_shapes(at, epochs=2)
    start_button(at).click().run()
    run_until(at, ["Finished"])
    specs = [c.proto.spec for c in at.get("vega_lite_chart")]
    live = [s for s in specs if "passes over the training pictures" in s]
    assert any('"accuracy (%)"' in s and '"domain": [0, 100]' in s.replace("[0,100]", "[0, 100]") for s in live), live[:1]
    assert any("loss (how wrong" in s for s in live)
    assert any(shown(c.value).startswith("After epoch 2 of 2: training loss ") for c in at.caption)
    order = in_page_order(at)
    charts = at.get("vega_lite_chart")
    heading = next(h for h in at.subheader if h.value == "Settings (hyperparameters)")
    first_chart = next(i for i, e in enumerate(order) if any(e is c for c in charts))
    settings = next(i for i, e in enumerate(order) if e is heading)
    assert first_chart < settings  # on a phone the columns stack: the charts still come first
    live_regions = [h.proto.body for h in at.get("html")]
    assert any('role="status"' in body and "Epoch 2 of 2" in body for body in live_regions), live_regions


def test_the_live_region_reads_the_epoch_and_validation_accuracy_in_the_students_language():
    from core import i18n
    from core.training.progress import Progress
    from views.train import charts

    progress = Progress(epochs=8, epoch=3, epoch_history=[{"loss": 0.3, "accuracy": 0.9, "val_accuracy": 0.96}] * 3)
    assert charts.status(progress) == "Epoch 3 of 8, validation accuracy 96%."
    token = i18n._language.set("es")
    try:
        assert charts.status(progress) == "Época 3 de 8, acierto de validación 96%."
        assert "Tras la época 3 de 8" in charts.summary(progress)
    finally:
        i18n._language.reset(token)


def test_a_diverged_run_is_drawn_beside_good_ones_clipped_with_a_marker():
    import math

    from views.train.history import comparison_chart

    frame = pd.DataFrame(
        {
            "epoch": [1, 2, 1, 2],
            "value": [0.3, 0.2, 5e6, math.inf],
            "metric": ["validation loss"] * 4,
            "run": ["run 1 · learning rate 0.01"] * 2 + ["run 2 · learning rate 10"] * 2,
        }
    )
    spec = comparison_chart(frame, "validation loss", legend=True).to_dict()
    lines, marks = spec["layer"]
    assert lines["encoding"]["y"]["scale"] == {"type": "symlog"}  # the good runs are not flattened
    assert marks["mark"]["shape"] == "triangle-up"
    marked = spec["datasets"][marks["data"]["name"]]
    assert [(row["run"], row["shown"]) for row in marked] == [("run 2 · learning rate 10", 5e6)]  # at the top, marked
