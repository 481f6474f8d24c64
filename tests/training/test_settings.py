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
    ("query", "key", "words"),
    [
        ({"epochs": "-3"}, "epochs", "number of epochs '-3' is refused: it must be from 1 to 500"),
        ({"epochs": "100000"}, "epochs", "number of epochs '100000' is refused: it must be from 1 to 500"),
        ({"batch": "100000"}, "batch", "batch size '100000' is refused: it must be from 1 to 8,192"),
        ({"lr": "5000"}, "lr", "learning rate '5000' is refused: it must be from 0.000001 to 1,000"),
        ({"val": "0.9"}, "val", "validation split '0.9' is refused: it must be from 0 to 0.5"),
        ({"lr": "nan"}, "lr", "learning rate 'nan' is refused"),
        ({"lr": "inf"}, "lr", "learning rate 'inf' is refused"),
    ],
)
def test_a_links_number_out_of_range_is_refused_with_the_limit_named(query, key, words):
    restored, notes = settings.from_query(query)
    assert restored[key] == settings.DEFAULTS[key]  # never quietly changed to the nearest allowed value
    assert len(notes) == 1 and words in notes[0] and "stays at" in notes[0]
    assert hold_in_range(restored, settings.DEFAULTS) == (restored, [])


def test_divergence_advice_comes_from_the_runs_own_learning_rate():
    assert settings.divergence_advice(5).endswith("Try 0.5 or 0.05.")
    assert "Your learning rate is 0.03" in settings.divergence_advice(0.03)
    assert settings.divergence_advice(0.001).endswith("Try 0.0001 or 0.00001.")


def test_the_default_run_has_enough_epochs_for_a_readable_curve():
    assert settings.DEFAULTS["epochs"] >= 8  # one validation point per epoch


@pytest.mark.parametrize(
    ("query", "key"), [({"kernel": "6"}, "kernel"), ({"stride": "9"}, "stride"), ({"pool_size": "1"}, "pool_size")]
)
def test_values_no_slider_can_show_fall_back_to_the_default(query, key):
    restored, warnings = settings.from_query(query)
    assert restored[key] == settings.DEFAULTS[key] and "refused" in warnings[0]
