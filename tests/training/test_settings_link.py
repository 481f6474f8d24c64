import pytest

from core.training import settings, settings_link
from core.training.form_limits import hold_in_range


def test_a_share_link_round_trips():
    chosen = (
        settings.DEFAULTS | settings.preset_settings("tiny-cnn") | {"task": "shapes", "lr": 0.01, "epochs": 5, "augment": True}
    )
    query = settings_link.to_query(chosen)
    assert query["preset"] == "tiny-cnn" and query["augment"] == "1" and query["lr"] == "0.01"
    restored, warnings = settings_link.from_query(query)
    assert warnings == [] and restored == chosen
    config = settings.to_config(restored)
    assert config.model.augmented and config.model.padding == "same" and config.learning_rate == 0.01


@pytest.mark.parametrize(
    ("query", "key"),
    [({"batch": "many"}, "batch"), ({"task": "cats"}, "task"), ({"optimizer": "adamw"}, "optimizer"), ({"conv": "32,x"}, "conv")],
)
def test_bad_link_values_fall_back_with_a_warning(query, key):
    restored, warnings = settings_link.from_query(query)
    assert restored[key] == settings.DEFAULTS[key] and key in warnings[0]


def test_unknown_keys_are_ignored_and_presets_fill_the_architecture():
    restored, warnings = settings_link.from_query({"preset": "wide-dense", "utm_source": "mail"})
    assert warnings == [] and restored["dense"] == "512,128" and restored["conv"] == ""


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
    restored, notes = settings_link.from_query(query)
    assert restored[key] == settings.DEFAULTS[key]  # never quietly changed to the nearest allowed value
    assert len(notes) == 1 and words in notes[0] and "stays at" in notes[0]
    assert hold_in_range(restored, settings.DEFAULTS) == (restored, [])


@pytest.mark.parametrize(
    ("query", "key"), [({"kernel": "6"}, "kernel"), ({"stride": "9"}, "stride"), ({"pool_size": "1"}, "pool_size")]
)
def test_values_no_slider_can_show_fall_back_to_the_default(query, key):
    restored, warnings = settings_link.from_query(query)
    assert restored[key] == settings.DEFAULTS[key] and "refused" in warnings[0]
