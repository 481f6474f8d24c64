"""The Train page through Streamlit's AppTest. AppTest fires no timers: each run() renders the next state."""

import time

import pytest

from tests.helpers.apptest import assert_page_works, open_page


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
        if any(word in progress_text(at) for word in words):
            return progress_text(at)
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
    assert any("Saved as 'class-demo'" in s.value for s in at.success)
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
    assert any("learning rate is probably too high" in e.value for e in at.error)


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


def test_a_batch_larger_than_the_data_disables_start_with_a_sentence():
    at = open_train()
    choose_shapes(at, epochs=1)
    at.number_input(key="setting_batch").set_value(8000).run()
    assert any("larger than the 1800 training images" in e.value for e in at.error)
    assert start_button(at).disabled
