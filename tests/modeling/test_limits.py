import pytest

from core.modeling import config, limits


def test_every_preset_fits_the_default_limit():
    for chosen in config.PRESETS.values():
        assert limits.check_size(chosen).parameters <= limits.MAX_PARAMETERS


def test_twenty_thousand_dense_units_are_refused_with_their_size():
    # The walk-through's case: 1,600 features into 20,000 units is 32 million weights.
    parameters = (9 * 1 + 1) * 32 + (9 * 32 + 1) * 64 + (1600 + 1) * 20_000 + (20_000 + 1) * 1
    assert parameters == 32_058_817 and 16 * parameters == 512_941_072  # weights, gradients, Adam's two slots
    with pytest.raises(ValueError) as refused:
        limits.check_size(config.preset("cnn", dense_units=(20_000,)))
    assert str(refused.value) == (
        "This network would have 32,058,817 parameters (about 513 MB while training); "
        "the limit is 5,000,000 — use fewer dense units or filters."
    )


def test_a_hundred_million_units_are_refused_without_building_anything():
    assert (784 + 1) * 100_000_000 + (100_000_000 + 1) == 78_600_000_001
    with pytest.raises(ValueError, match=r"78,600,000,001 parameters \(about 1.3 TB while training\)"):
        limits.check_size(config.preset("dense", dense_units=(100_000_000,)))


def test_the_advice_fits_where_the_parameters_are():
    with pytest.raises(ValueError, match="use fewer filters"):
        limits.check_size(config.preset("cnn", conv_filters=(512, 2048), padding="same"))
    with pytest.raises(ValueError, match="turn pooling on"):
        limits.check_size(config.preset("cnn", pooling=False, dense_units=(512,)))


def test_the_limit_is_an_argument():
    tiny = config.PRESETS["tiny-cnn"]
    assert limits.check_size(tiny, max_parameters=15_781).parameters == 15_781
    with pytest.raises(ValueError, match="the limit is 15,780"):
        limits.check_size(tiny, max_parameters=15_780)
