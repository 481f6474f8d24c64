import pytest

from core.modeling.config import PRESETS, preset
from core.training.train_config import TrainConfig


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"epochs": 0}, "at least 1 epoch"),
        ({"batch_size": 0}, "at least 1"),
        ({"learning_rate": -1.0}, "above 0"),
        ({"task": "cats"}, "Unknown task"),
        ({"validation_split": 1.0}, "fraction"),
        ({"early_stopping": -1}, "cannot be negative"),
        ({"model": preset("cnn", kernel_size=30)}, "does not fit"),
    ],
)
def test_bad_settings_are_refused_with_a_sentence(changes, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**changes).validate()


def test_a_network_over_the_limit_is_refused_before_anything_is_built():
    too_big = TrainConfig(model=preset("cnn", dense_units=(20_000,)))
    with pytest.raises(ValueError, match=r"32,058,817 parameters .* the limit is 5,000,000"):
        too_big.validate()
    with pytest.raises(ValueError, match="the limit is 10,000"):
        TrainConfig().validate(max_parameters=10_000)
    TrainConfig().validate()


def test_config_round_trips_through_a_dict():
    config = TrainConfig(seed=3, early_stopping=2, model=PRESETS["cnn"].with_augmentation(), test_data="../shared/mnist")
    assert TrainConfig.from_dict(config.to_dict()) == config
    assert TrainConfig.from_dict({**config.to_dict(), "unknown": 1}) == config


def test_summary_names_the_settings_that_tell_runs_apart():
    assert TrainConfig().summary == "7-vs-8 · conv 32-64 · lr 0.001 · batch 64"
    assert TrainConfig(task="3-vs-rest", model=PRESETS["dense"], learning_rate=0.01).summary == (
        "3-vs-rest · dense 128-64 · lr 0.01 · batch 64"
    )
