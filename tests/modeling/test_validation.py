import pytest

from core.modeling import config, validation


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"conv_filters": (8, 8, 8, 8)}, r"after convolution 4 nothing would be left \(0×0 pixels\)"),
        ({"conv_filters": (0,)}, "at least one filter"),
        ({"kernel_size": 30}, "A 30×30 kernel does not fit in a 28×28 image"),
        ({"dense_units": (0,)}, "at least one unit"),
        ({"dropout": 1.0}, "below 1"),
        ({"activation": "magic"}, "Unknown activation"),
        ({"padding": "mirror"}, "Padding must be"),
        ({"stride": 0}, "at least 1"),
        ({"rotation": 0.9}, "between 0 and 0.5"),
        ({"num_classes": 3}, "two-class"),
        ({"input_shape": (0, 28, 1)}, "at least 1×1"),
    ],
)
def test_impossible_configs_explain_themselves(changes, message):
    with pytest.raises(ValueError, match=message):
        validation.validate(config.preset("cnn", **changes))


def test_same_padding_and_stride_one_allow_deeper_stacks():
    validation.validate(config.preset("cnn", conv_filters=(8, 8, 8, 8), padding="same"))
    for chosen in config.PRESETS.values():
        validation.validate(chosen)


@pytest.mark.parametrize(("optimizer", "rate", "message"), [("adamw", 0.001, "Unknown optimizer"), ("adam", 0.0, "above 0")])
def test_bad_optimizer_settings_are_refused(optimizer, rate, message):
    with pytest.raises(ValueError, match=message):
        validation.check_optimizer(optimizer, rate)
    validation.check_optimizer("sgd", 0.01)
