import pytest

from core.modeling import config


def test_config_round_trips_through_a_plain_dict():
    chosen = config.preset("tiny-cnn", dense_units=(32, 16)).with_augmentation()
    values = chosen.to_dict()
    assert values["dense_units"] == [32, 16] and values["input_shape"] == [28, 28, 1]  # JSON-ready lists
    assert config.ModelConfig.from_dict(values) == chosen
    assert config.ModelConfig.from_dict({**values, "unknown": 1}) == chosen


def test_augmentation_is_off_in_every_preset_until_asked():
    assert not any(p.augmented for p in config.PRESETS.values())
    augmented = config.PRESETS["cnn"].with_augmentation()
    assert augmented.augmented and (augmented.translation, augmented.rotation, augmented.zoom) == (0.1, 0.05, 0.1)


def test_preset_changes_fields_and_refuses_unknown_names():
    assert config.preset("cnn", dropout=0.2).dropout == 0.2 and config.PRESETS["cnn"].dropout == 0.5
    with pytest.raises(ValueError, match="Unknown preset 'resnet'; choose one of cnn, tiny-cnn, dense, wide-dense"):
        config.preset("resnet")
