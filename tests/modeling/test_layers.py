"""The layer table worked out by arithmetic must be exactly what Keras builds."""

import pytest

from core.modeling import build, config, layers

CONFIGS = {
    **{f"preset {name}": chosen for name, chosen in config.PRESETS.items()},
    "ten classes, augmented": config.preset("cnn", num_classes=10).with_augmentation(),
    "colour 32×32, stride 2, kernel 5": config.preset("tiny-cnn", input_shape=(32, 32, 3), stride=2, kernel_size=5),
    "three blocks, same padding, no pooling": config.preset("cnn", conv_filters=(4, 8, 16), padding="same", pooling=False),
    "odd sizes, pool 3, tanh": config.preset("cnn", input_shape=(45, 37, 1), pool_size=3, activation="tanh", dense_units=(7, 5)),
    "wide dense layer": config.preset("dense", dense_units=(3000,)),
}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_planned_layers_match_keras_layer_for_layer(name):
    chosen = CONFIGS[name]
    model = build.build_model(chosen)
    planned = layers.planned_layers(chosen)
    assert planned == layers.layer_table(model)  # names, kinds, output shapes, parameters, explanations
    assert [row.output_shape for row in planned] == ["×".join(str(s) for s in layer.output.shape[1:]) for layer in model.layers]
    assert sum(row.parameters for row in planned) == model.count_params()


def test_the_seed_cnn_table_reads_as_a_student_expects():
    rows = layers.planned_layers(config.PRESETS["cnn"])
    assert [(r.name, r.output_shape, r.parameters) for r in rows] == [
        ("scale_0_1", "28×28×1", 0),
        ("conv_1", "26×26×32", 320),
        ("pool_1", "13×13×32", 0),
        ("conv_2", "11×11×64", 18_496),
        ("pool_2", "5×5×64", 0),
        ("flatten", "1600", 0),
        ("dropout", "1600", 0),
        ("output", "1", 1_601),
    ]
    assert "sigmoid" in rows[-1].explanation and all(r.explanation for r in rows)
    assert "softmax" in layers.planned_layers(config.preset("cnn", num_classes=10))[-1].explanation


def test_feature_map_sizes_show_how_the_image_shrinks():
    sizes = layers.feature_map_sizes(config.PRESETS["cnn"])
    assert sizes == [("convolution 1", 26, 26), ("pooling 1", 13, 13), ("convolution 2", 11, 11), ("pooling 2", 5, 5)]
    assert layers.feature_map_sizes(config.PRESETS["dense"]) == []
