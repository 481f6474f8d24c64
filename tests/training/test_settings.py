import pytest

from core.modeling.config import PRESETS
from core.training import settings, settings_link


def test_defaults_build_the_seed_cnn_for_seven_vs_eight():
    config = settings.to_config(settings.DEFAULTS)
    assert config.task == "7-vs-8" and config.model == PRESETS["cnn"]
    assert settings_link.to_query(settings.DEFAULTS) == {}


def test_a_ten_class_task_gets_ten_outputs():
    assert settings.to_config(settings.DEFAULTS | {"task": "digits"}).model.num_classes == 10


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


def test_divergence_advice_comes_from_the_runs_own_learning_rate():
    assert settings.divergence_advice(5).endswith("Try 0.5 or 0.05.")
    assert "Your learning rate is 0.03" in settings.divergence_advice(0.03)
    assert settings.divergence_advice(0.001).endswith("Try 0.0001 or 0.00001.")


def test_the_default_run_has_enough_epochs_for_a_readable_curve():
    assert settings.DEFAULTS["epochs"] >= 8  # one validation point per epoch
