import pytest

from core.modeling.config import PRESETS
from core.training import settings
from core.training.form_limits import hold_in_range


def test_defaults_build_the_seed_cnn_for_seven_vs_eight():
    config = settings.to_config(settings.DEFAULTS)
    assert config.task == "7-vs-8" and config.model == PRESETS["cnn"]
    assert settings.to_query(settings.DEFAULTS) == {}


def test_a_ten_class_task_gets_ten_outputs():
    assert settings.to_config(settings.DEFAULTS | {"task": "digits"}).model.num_classes == 10


def test_a_share_link_round_trips():
    chosen = (
        settings.DEFAULTS | settings.preset_settings("tiny-cnn") | {"task": "shapes", "lr": 0.01, "epochs": 5, "augment": True}
    )
    query = settings.to_query(chosen)
    assert query["preset"] == "tiny-cnn" and query["augment"] == "1" and query["lr"] == "0.01"
    restored, warnings = settings.from_query(query)
    assert warnings == [] and restored == chosen
    config = settings.to_config(restored)
    assert config.model.augmented and config.model.padding == "same" and config.learning_rate == 0.01


@pytest.mark.parametrize(
    ("query", "key"),
    [({"batch": "many"}, "batch"), ({"task": "cats"}, "task"), ({"optimizer": "adamw"}, "optimizer"), ({"conv": "32,x"}, "conv")],
)
def test_bad_link_values_fall_back_with_a_warning(query, key):
    restored, warnings = settings.from_query(query)
    assert restored[key] == settings.DEFAULTS[key] and key in warnings[0]


def test_unknown_keys_are_ignored_and_presets_fill_the_architecture():
    restored, warnings = settings.from_query({"preset": "wide-dense", "utm_source": "mail"})
    assert warnings == [] and restored["dense"] == "512,128" and restored["conv"] == ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"conv": "8,8,8,8,8"}, "nothing would be left"),
        ({"conv": "a"}, "whole numbers"),
        ({"epochs": 0}, "at least 1 epoch"),
        ({"lr": 0}, "above 0"),
        ({"dense": "20000"}, "32,058,817 parameters"),
    ],
)
def test_impossible_settings_explain_themselves(changes, message):
    with pytest.raises(ValueError, match=message):
        settings.to_config(settings.DEFAULTS | changes)


def test_model_config_is_the_unchecked_network_and_to_config_takes_a_limit():
    huge = settings.DEFAULTS | {"dense": "20000"}
    assert settings.model_config(huge) == settings.to_config(huge, max_parameters=40_000_000).model
    assert settings.model_config(huge).dense_units == (20000,)
    with pytest.raises(ValueError, match="the limit is 1,000"):
        settings.to_config(settings.DEFAULTS, max_parameters=1_000)


@pytest.mark.parametrize(
    ("query", "key", "kept", "words"),
    [
        ({"epochs": "-3"}, "epochs", 1, "epochs -3, but the smallest allowed is 1, so the field shows 1"),
        ({"batch": "100000"}, "batch", 8192, "batch size 100000, but the largest allowed is 8192"),
        ({"lr": "5000"}, "lr", 1000.0, "learning rate 5000, but the largest allowed is 1000"),
        ({"val": "0.9"}, "val", 0.5, "validation split 0.9"),
        ({"lr": "nan"}, "lr", 0.001, "learning rate nan is not a number; using 0.001"),
    ],
)
def test_a_links_number_out_of_range_is_clamped_and_said(query, key, kept, words):
    held, notes = hold_in_range(settings.from_query(query)[0], settings.DEFAULTS)
    assert held[key] == kept and type(held[key]) is type(settings.DEFAULTS[key])
    assert len(notes) == 1 and words in notes[0]
    settings.to_config(held)  # the value it shows trains
    assert hold_in_range(held, settings.DEFAULTS) == (held, [])


@pytest.mark.parametrize(
    ("query", "key"), [({"kernel": "6"}, "kernel"), ({"stride": "9"}, "stride"), ({"pool_size": "1"}, "pool_size")]
)
def test_values_no_slider_can_show_fall_back_to_the_default(query, key):
    restored, warnings = settings.from_query(query)
    assert restored[key] == settings.DEFAULTS[key] and "not valid" in warnings[0]
