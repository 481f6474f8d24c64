import pytest

from core.modeling import build, config


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
    model = build.build_model(config.PRESETS[name])
    assert _layers(model) == SEEDS[name]
    assert type(model.layers[0]).__name__ == "Rescaling"  # raw 0-255 pixels go in


def test_ten_classes_end_in_softmax_and_sparse_categorical_loss():
    model = build.build_model(config.preset("wide-dense", num_classes=10))
    assert _layers(model)[-1] == ("Dense", 10, "softmax")
    build.compile_model(model, 10)
    assert model.loss == "sparse_categorical_crossentropy"


def test_two_classes_compile_with_binary_cross_entropy_and_the_chosen_optimizer():
    model = build.compile_model(build.build_model(config.PRESETS["dense"]), 2, "sgd", 0.05)
    assert model.loss == "binary_crossentropy" and type(model.optimizer).__name__ == "SGD"
    assert float(model.optimizer.learning_rate) == pytest.approx(0.05)


def test_augmentation_layers_come_first_and_only_when_asked():
    plain = [type(layer).__name__ for layer in build.build_model(config.PRESETS["cnn"]).layers]
    augmented = [type(layer).__name__ for layer in build.build_model(config.PRESETS["cnn"].with_augmentation()).layers]
    assert "RandomTranslation" not in plain
    assert augmented[:4] == ["RandomTranslation", "RandomRotation", "RandomZoom", "Rescaling"]


def test_impossible_configs_are_refused_before_keras_builds_anything():
    with pytest.raises(ValueError, match="nothing would be left"):
        build.build_model(config.preset("cnn", conv_filters=(8, 8, 8, 8)))


@pytest.mark.parametrize(("optimizer", "rate", "message"), [("adamw", 0.001, "Unknown optimizer"), ("adam", 0.0, "above 0")])
def test_compile_refuses_bad_optimizer_settings(optimizer, rate, message):
    with pytest.raises(ValueError, match=message):
        build.compile_model(build.build_model(config.PRESETS["dense"]), 2, optimizer, rate)
