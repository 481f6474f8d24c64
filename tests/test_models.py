import pytest

from core.modeling import models


def _layers(model):
    """(kind, key settings) of each trainable-shape layer, as in the seed scripts."""
    described = []
    for layer in model.layers:
        kind = type(layer).__name__
        if kind == "Conv2D":
            described.append((kind, layer.filters, layer.kernel_size, layer.padding, layer.activation.__name__))
        elif kind == "MaxPooling2D":
            described.append((kind, layer.pool_size))
        elif kind == "Dense":
            described.append((kind, layer.units, layer.activation.__name__))
        elif kind == "Dropout":
            described.append((kind, layer.rate))
        elif kind == "Flatten":
            described.append((kind,))
    return described


SEEDS = {
    "cnn": [
        ("Conv2D", 32, (3, 3), "valid", "relu"),
        ("MaxPooling2D", (2, 2)),
        ("Conv2D", 64, (3, 3), "valid", "relu"),
        ("MaxPooling2D", (2, 2)),
        ("Flatten",),
        ("Dropout", 0.5),
        ("Dense", 1, "sigmoid"),
    ],
    "tiny-cnn": [
        ("Conv2D", 8, (3, 3), "same", "relu"),
        ("MaxPooling2D", (2, 2)),
        ("Flatten",),
        ("Dense", 10, "relu"),
        ("Dense", 1, "sigmoid"),
    ],
    "dense": [("Flatten",), ("Dense", 128, "relu"), ("Dense", 64, "relu"), ("Dense", 1, "sigmoid")],
    "wide-dense": [("Flatten",), ("Dense", 512, "relu"), ("Dense", 128, "relu"), ("Dropout", 0.2), ("Dense", 1, "sigmoid")],
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_presets_reproduce_the_seeds_layer_for_layer(name):
    model = models.build_model(models.PRESETS[name])
    assert _layers(model) == SEEDS[name]
    assert type(model.layers[0]).__name__ == "Rescaling"  # raw 0-255 pixels go in


def test_ten_classes_end_in_softmax_and_sparse_categorical_loss():
    model = models.build_model(models.preset("wide-dense", num_classes=10))
    assert _layers(model)[-1] == ("Dense", 10, "softmax")
    models.compile_model(model, 10)
    assert model.loss == "sparse_categorical_crossentropy"


def test_augmentation_layers_come_first_and_only_when_asked():
    plain = [type(layer).__name__ for layer in models.build_model(models.PRESETS["cnn"]).layers]
    augmented = [type(layer).__name__ for layer in models.build_model(models.PRESETS["cnn"].with_augmentation()).layers]
    assert "RandomTranslation" not in plain
    assert augmented[:4] == ["RandomTranslation", "RandomRotation", "RandomZoom", "Rescaling"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"conv_filters": (8, 8, 8, 8)}, "nothing would be left"),
        ({"conv_filters": (0,)}, "at least one filter"),
        ({"kernel_size": 30}, "does not fit"),
        ({"dense_units": (0,)}, "at least one unit"),
        ({"dropout": 1.0}, "below 1"),
        ({"activation": "magic"}, "Unknown activation"),
        ({"padding": "mirror"}, "Padding must be"),
        ({"stride": 0}, "at least 1"),
        ({"rotation": 0.9}, "between 0 and 0.5"),
    ],
)
def test_impossible_configs_explain_themselves(changes, message):
    with pytest.raises(ValueError, match=message):
        models.build_model(models.preset("cnn", **changes))


def test_same_padding_and_stride_one_allow_deeper_stacks():
    models.validate(models.preset("cnn", conv_filters=(8, 8, 8, 8), padding="same"))
    sizes = models.feature_map_sizes(models.PRESETS["cnn"])
    assert sizes == [("convolution 1", 26, 26), ("pooling 1", 13, 13), ("convolution 2", 11, 11), ("pooling 2", 5, 5)]


def test_config_round_trips_through_a_plain_dict():
    config = models.preset("tiny-cnn", dense_units=(32, 16)).with_augmentation()
    assert models.ModelConfig.from_dict(config.to_dict()) == config
    assert models.ModelConfig.from_dict({**config.to_dict(), "unknown": 1}) == config


@pytest.mark.parametrize(("optimizer", "rate", "message"), [("adamw", 0.001, "Unknown optimizer"), ("adam", 0.0, "above 0")])
def test_compile_refuses_bad_optimizer_settings(optimizer, rate, message):
    with pytest.raises(ValueError, match=message):
        models.compile_model(models.build_model(models.PRESETS["dense"]), 2, optimizer, rate)


def test_layer_table_explains_each_layer():
    rows = models.layer_table(models.build_model(models.PRESETS["cnn"]))
    assert [r.output_shape for r in rows][:3] == ["28×28×1", "26×26×32", "13×13×32"]
    assert sum(r.parameters for r in rows) == 20417
    assert "sigmoid" in rows[-1].explanation and all(r.explanation for r in rows)
