"""core.sweeps.asha: ASHA's stopping rule on made-up curves (no training), and the same decisions as Ray Tune's ASHAScheduler."""

import random

import pytest

from core.sweeps.asha import SuccessiveHalving


def test_rungs_double_from_the_grace_period_below_the_budget():
    assert SuccessiveHalving(3).rungs == [1, 2]
    assert SuccessiveHalving(9, grace_epochs=1, reduction=3).rungs == [1, 3, 9]
    assert SuccessiveHalving(10, grace_epochs=2, reduction=2).rungs == [2, 4, 8]


def test_a_trial_behind_the_best_half_at_a_rung_is_stopped_with_the_reason():
    rule = SuccessiveHalving(3)
    assert rule.on_result("good", 1, 0.90).keep  # the first at a rung has nothing to beat
    decision = rule.on_result("bad", 1, 0.55)  # the cutoff is the median of [0.90]
    assert not decision.keep
    assert "after 1 epoch(s)" in decision.reason and "55.0%" in decision.reason and "90.0%" in decision.reason
    assert rule.on_result("better", 1, 0.95).keep  # median of [0.90, 0.55] is 0.725
    assert rule.on_result("middling", 1, 0.70).keep is False


def test_a_trial_is_judged_once_per_rung_and_never_at_its_last_epoch():
    rule = SuccessiveHalving(4)  # rungs 1, 2 (and 4, the budget)
    assert rule.on_result("a", 1, 0.9).keep and rule.on_result("a", 2, 0.95).keep
    assert rule.on_result("b", 1, 0.95).keep
    assert rule.on_result("b", 1, 0.10).keep  # the same rung again: already judged
    assert not rule.on_result("c", 2, 0.5).keep  # reaches rung 2 first (no result at rung 1): compared there
    assert rule.on_result("d", 4, 0.0).keep  # its budget is spent: stopping saves nothing


def test_a_missing_validation_accuracy_is_never_a_reason_to_stop():
    rule = SuccessiveHalving(3)
    assert rule.on_result("a", 1, float("nan")).keep
    assert rule.on_result("b", 1, 0.2).keep  # NaN is ignored in the cutoff: nothing to beat yet


@pytest.mark.parametrize(("epochs", "grace", "reduction", "seed"), [(3, 1, 2, 0), (8, 1, 2, 1), (9, 1, 3, 2), (12, 2, 2, 3)])
def test_the_same_decisions_as_ray_tunes_asha_scheduler_on_random_asynchronous_curves(epochs, grace, reduction, seed):
    pytest.importorskip("ray", reason="Ray is in requirements-cluster.txt (installed by the dev requirements and CI)")
    from ray.tune.schedulers import ASHAScheduler, TrialScheduler

    class FakeTrial:
        def __init__(self, trial_id):
            self.trial_id = trial_id

    tune_rule = ASHAScheduler(
        time_attr="epoch", metric="val_accuracy", mode="max", max_t=epochs, grace_period=grace, reduction_factor=reduction
    )
    ours = SuccessiveHalving(epochs, grace, reduction)
    rng = random.Random(seed)
    trials = [FakeTrial(str(i)) for i in range(30)]
    for trial in trials:
        tune_rule.on_trial_add(None, trial)
    # Each trial learns at its own pace; results arrive interleaved, as from parallel workers.
    rates = {t.trial_id: rng.uniform(0.01, 0.3) for t in trials}
    epoch_of = {t.trial_id: 0 for t in trials}
    live = list(trials)
    stopped_by_both = 0
    while live:
        trial = rng.choice(live[:4])  # about four trials train at once
        epoch_of[trial.trial_id] += 1
        epoch = epoch_of[trial.trial_id]
        accuracy = min(1.0, 0.5 + rates[trial.trial_id] * epoch + rng.uniform(-0.05, 0.05))
        if epoch >= epochs:
            live.remove(trial)
            continue
        theirs = tune_rule.on_trial_result(None, trial, {"epoch": epoch, "val_accuracy": accuracy})
        mine = ours.on_result(trial.trial_id, epoch, accuracy)
        assert mine.keep == (theirs == TrialScheduler.CONTINUE), (trial.trial_id, epoch, accuracy)
        if not mine.keep:
            stopped_by_both += 1
            live.remove(trial)
    assert stopped_by_both >= 5  # the curves really exercised the rule
