"""core.sweeps.spec and core.sweeps.link: what a sweep tries, every refusal in words, and the shareable link."""

import re

import pytest

from core.sweeps import link
from core.sweeps.spec import MAX_TRIALS, Axis, SweepSpec
from core.training import settings

BASE = settings.DEFAULTS | {"task": "7-vs-8", "preset": "dense", "conv": "", "dense": "128,64", "dropout": 0.0}


def test_a_grid_tries_every_combination_with_the_budgets_epochs():
    spec = SweepSpec((Axis("lr", ("0.001", "0.01")), Axis("batch", ("32", "64", "128"))), epochs=2)
    trials = spec.validate(BASE)
    assert [(t["lr"], t["batch"]) for t in trials] == [(a, b) for a in (0.001, 0.01) for b in (32, 64, 128)]
    assert all(t["epochs"] == 2 and t["preset"] == "dense" and t["dense"] == "128,64" for t in trials)
    assert settings.to_config(trials[-1]).learning_rate == 0.01


def test_a_random_search_samples_the_same_trials_for_the_same_seed_within_the_ranges():
    spec = SweepSpec(
        (Axis("lr", low=1e-4, high=1e-1), Axis("batch", low=16, high=256), Axis("optimizer", ("adam", "sgd"))),
        search="random",
        trials=12,
        seed=7,
    )
    trials = spec.validate(BASE)
    assert trials == spec.validate(BASE) and len(trials) == 12
    assert all(1e-4 <= t["lr"] <= 1e-1 and 16 <= t["batch"] <= 256 and isinstance(t["batch"], int) for t in trials)
    assert {t["optimizer"] for t in trials} == {"adam", "sgd"}
    # Log-uniform: about as many learning rates below 0.003 as above it.
    assert 3 <= sum(t["lr"] < 0.00316 for t in trials) <= 9
    assert SweepSpec(spec.axes, search="random", trials=12, seed=8).validate(BASE) != trials


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: SweepSpec(()), "Pick at least one hyperparameter"),
        (lambda: SweepSpec(tuple(Axis(k, ("1",)) for k in ("kernel", "stride", "pool_size", "seed", "batch"))), "at most 4"),
        (lambda: SweepSpec((Axis("lr", ("0.1",)), Axis("lr", ("0.2",)))), "only once"),
        (lambda: SweepSpec((Axis("epochs", ("1", "2")),)), "cannot vary 'epochs'"),
        (lambda: SweepSpec((Axis("lr", ("fast",)),)), "'fast' is not a learning rate value"),
        (lambda: SweepSpec((Axis("lr", ("0.1", "0.1")),)), "names a value twice"),
        (lambda: SweepSpec((Axis("batch", ("0",)),)), "batch size of 0 is outside"),
        (lambda: SweepSpec((Axis("optimizer", ("adagrad",)),)), "choose from adam"),
        (lambda: SweepSpec((Axis("lr", low=0.001, high=0.1),)), "A grid needs a list of learning rate values"),
        (lambda: SweepSpec((Axis("lr", low=0.1, high=0.01),), search="random"), "from a smaller number to a bigger one"),
        (lambda: SweepSpec((Axis("optimizer", low=1, high=2),), search="random"), "has no range"),
        (
            lambda: SweepSpec((Axis("lr", low=0.0, high=0.1),), search="random"),
            "learning rate of 0 is outside",
        ),  # number_text: 0, not 0.0
        (lambda: SweepSpec((Axis("lr", ("0.1",)),), search="random", trials=20, max_trials=10), "from 1 to 10 trials"),
        (lambda: SweepSpec((Axis("lr", ("0.1",)),), max_trials=MAX_TRIALS + 1), f"from 1 to {MAX_TRIALS} trials"),
        (lambda: SweepSpec((Axis("lr", ("0.1",)),), epochs=0), "1 to 50 epochs"),
        (
            lambda: SweepSpec(
                (Axis("lr", tuple(str(i / 100) for i in range(1, 6))), Axis("batch", ("16", "32", "64", "128"))), max_trials=16
            ),
            "makes 20 trials but the budget allows 16",
        ),
        (lambda: SweepSpec((Axis("lr", ("0.1",)),), early_stopping=True, epochs=1), "no trial can be stopped early"),
        (lambda: SweepSpec((Axis("lr", ("0.1",)),), early_stopping=True, reduction=1), "reduction 2 or more"),
        (lambda: SweepSpec((Axis("val", ("0", "0.1")),), early_stopping=True), "needs a validation split above 0"),
        (
            lambda: SweepSpec((Axis("conv", ("32,64", "0,8")),)),
            "Trial 2 (conv=0,8) cannot run: Every convolution block needs at least one filter",
        ),
    ],
)
def test_a_plan_that_cannot_run_is_refused_with_a_sentence(make, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        make().validate(BASE)


def test_a_grid_link_round_trips_with_its_starting_settings():
    spec = SweepSpec(
        (Axis("lr", ("0.0003", "0.003", "0.03")), Axis("conv", ("16,32", "32,64")), Axis("augment", ("0", "1"))),
        max_trials=12,
        epochs=4,
        early_stopping=True,
        grace_epochs=2,
        reduction=3,
    )
    base = settings.DEFAULTS | {"task": "3-vs-rest", "dropout": 0.25}
    query = link.to_query(spec, base)
    assert query["vary_conv"] == "16,32;32,64" and query["task"] == "3-vs-rest" and "epochs" not in query
    again, settings_again, warnings = link.from_query(query)
    assert again == spec and warnings == []
    assert settings_again == base | {"epochs": settings.DEFAULTS["epochs"]}


def test_a_random_search_link_round_trips():
    spec = SweepSpec((Axis("lr", low=1e-05, high=0.1), Axis("dropout", ("0.0", "0.5"))), search="random", trials=6, seed=3)
    query = link.to_query(spec, settings.DEFAULTS)
    assert query == {
        "vary_lr": "1e-05..0.1",
        "vary_dropout": "0.0;0.5",
        "sweep_search": "random",
        "sweep_trials": "6",
        "sweep_seed": "3",
    }
    assert link.from_query(query)[0] == spec


def test_a_link_with_bad_parts_drops_them_with_warnings():
    spec, base, warnings = link.from_query(
        {"vary_lr": "0.01;abc", "vary_batch": "32;64", "vary_colour": "red", "sweep_trials": "many", "lr": "x"}
    )
    assert spec.keys == ("batch",) and spec.trials == SweepSpec((Axis("lr", ("0.1",)),)).trials
    assert base["lr"] == settings.DEFAULTS["lr"]
    assert len(warnings) == 4
    assert any("'abc' is not a learning rate value" in w for w in warnings)
    assert any("cannot vary 'colour'" in w for w in warnings)


def test_typed_values_split_on_semicolons_and_commas_except_layer_sizes():
    assert link.split_values("lr", "0.001, 0.01;0.1 ") == ("0.001", "0.01", "0.1")
    assert link.split_values("conv", "16,32; 32,64") == ("16,32", "32,64")
    assert link.split_values("dense", "64;") == ("64", "")  # 64 units, and no dense layer
    assert link.split_values("lr", "") == ()
    axis = Axis("conv", link.split_values("conv", "16,32; 32,64"))
    assert link.split_values("conv", link.values_text(axis)) == ("16,32", "32,64")
