import pytest

from core.modeling import config, size


@pytest.mark.parametrize(
    ("name", "parameters"), [("cnn", 20_417), ("tiny-cnn", 15_781), ("dense", 108_801), ("wide-dense", 467_713)]
)
def test_presets_have_the_parameters_keras_counts(name, parameters):
    counted = size.model_size(config.PRESETS[name])
    assert counted.parameters == parameters
    assert counted.weight_bytes == 4 * parameters and counted.training_bytes == 16 * parameters


def test_the_largest_layer_is_found():
    assert size.model_size(config.preset("cnn", dense_units=(20_000,))).largest_layer.name == "dense_1"
    assert size.model_size(config.PRESETS["cnn"]).largest_layer.name == "conv_2"


def test_an_impossible_config_is_refused_before_counting():
    with pytest.raises(ValueError, match="nothing would be left"):
        size.model_size(config.preset("cnn", conv_filters=(8,) * 5))


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (512_000_000, "512 MB"),
        (1_500_000_000, "1.5 GB"),
        (80_000_000, "80 MB"),
        (1_257_600_000_016, "1.3 TB"),
        (12_500, "12 KB"),
        (999, "999 bytes"),
    ],
)
def test_bytes_read_as_people_say_them(count, text):
    assert size.describe_bytes(count) == text
