"""core.sweeps.local on real worker processes: four trials train, a diverging one fails alone, Stop keeps results, ASHA prunes."""

import platform

import numpy as np
import pytest

from core.engine.local import LocalEngine
from core.engine.model_handle import ModelHandle
from core.sweeps import start_sweep
from core.sweeps.local import LocalSweep
from core.sweeps.spec import Axis, SweepSpec
from core.sweeps.sweep import NOT_STARTED
from core.training.run_state import RunState

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def engine():
    engine = LocalEngine(slots=2)
    yield engine
    engine.shutdown()


def test_a_four_trial_sweep_finishes_with_four_models_and_the_best_is_usable(engine, models_folder, digit_images, dense):
    spec = SweepSpec((Axis("lr", ("0.001", "0.003")), Axis("batch", ("32", "64"))), epochs=2)
    sweep = start_sweep(spec, dense, engine)
    assert isinstance(sweep, LocalSweep) and sweep.parallel == 2
    snapshot = sweep.wait(600)
    assert snapshot.state == RunState.FINISHED, [t.error for t in snapshot.trials]
    assert len(snapshot.trials) == 4 and all(t.state == RunState.FINISHED for t in snapshot.trials)
    for trial in snapshot.trials:
        assert trial.test_accuracy >= 0.95 and trial.best_val_accuracy >= 0.9 and len(trial.history) == 2
        assert trial.model_bytes[:2] == b"PK" and trial.node == platform.node()
        assert trial.metadata["train_config"]["learning_rate"] == trial.values["lr"]
    best = snapshot.best()
    path = engine.call("save_model", best.model_bytes, "swept", best.metadata, str(models_folder))
    images = np.stack([digit_images[7], digit_images[8]])[..., None]
    assert [p.label for p in ModelHandle(path, engine).predict_inputs(images)] == ["7", "8"]


def test_a_diverging_trial_fails_alone(engine, dense):
    spec = SweepSpec((Axis("lr", ("0.003", "10")),), epochs=2)
    snapshot = LocalSweep(spec, dense, engine).start().wait(600)
    good, bad = snapshot.trials
    assert snapshot.state == RunState.FINISHED and good.state == RunState.FINISHED and good.test_accuracy >= 0.95
    assert bad.state == "failed" and "diverged" in bad.error and bad.model_bytes is None


def test_a_stopped_sweep_keeps_its_finished_trials(stop_after_first_trial, engine, dense):
    spec = SweepSpec((Axis("lr", ("0.001", "0.002", "0.003")),), epochs=3)
    sweep = LocalSweep(spec, dense, engine, parallel=1).start()
    snapshot = stop_after_first_trial(sweep)
    first, second, third = snapshot.trials
    assert snapshot.state == "stopped" and first.state == RunState.FINISHED and first.model_bytes[:2] == b"PK"
    assert first.test_accuracy >= 0.95 and second.state == "stopped"
    assert third.state == "stopped" and third.error == NOT_STARTED


def test_early_stopping_prunes_a_hopeless_trial(engine, dense):
    # Progress reaches the server a few times a second, so the stop lands an epoch or so after the decision.
    spec = SweepSpec((Axis("lr", ("0.003", "0.000001")),), epochs=8, early_stopping=True)
    snapshot = LocalSweep(spec, dense | {"batch": 16}, engine, parallel=1).start().wait(600)
    good, hopeless = snapshot.trials
    assert good.state == RunState.FINISHED and len(good.history) == 8
    assert hopeless.state == "pruned" and "Stopped early: after 1 epoch(s)" in hopeless.error
    assert len(hopeless.history) < 8 and hopeless.best_val_accuracy < good.history[0]["val_accuracy"]
