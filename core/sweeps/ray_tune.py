"""A sweep on Ray Tune: ``tune.Tuner`` with one CPU per trial and, for early stopping, ``ASHAScheduler``.

Tune's driver runs in the sweep's thread (in the web server's process: it imports Ray, never
TensorFlow); the trials run :func:`core.sweeps.tune_trainable.train_trial` wherever Ray places
them. Tune asks for everything it is given to be picklable, so its callback and stopper find the
live sweep by id in :data:`_LIVE`.

Each trial's Tune config carries the sweep's ``owner``; while it trains, a
:class:`~core.sweeps.live_trial.LiveTrial` made from that config is the owner's run in the engine's
job book, which the teacher's console reads (and stops: that trial alone, its model so far kept).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ray
from ray import tune
from ray.tune.schedulers import ASHAScheduler
from ray.tune.stopper import Stopper

from core.engine.jobs import JobBook
from core.engine.ray_engine import start_ray
from core.sweeps import tune_trainable
from core.sweeps.asha import SuccessiveHalving
from core.sweeps.live_trial import LiveTrial
from core.sweeps.spec import SweepSpec
from core.sweeps.sweep import Sweep
from core.sweeps.tune_trainable import METRICS
from core.training.observer import RunObserver
from core.training.run_state import RunState

os.environ.setdefault("RAY_AIR_NEW_OUTPUT", "0")  # with verbose=0, Tune then prints no tables into the server's log
_LIVE: weakref.WeakValueDictionary[int, RaySweep] = weakref.WeakValueDictionary()
UNEXPLAINED = "The trial's Ray worker failed without saying why (see the server's log)."


class RaySweep(Sweep):
    """A sweep whose trials are Ray Tune trials.

    Args:
        spec: The plan.
        base: The Train page's settings the trials start from.
        max_concurrent: Trials at once (default: as many as the cluster has CPUs for).
        watched: Says whether anyone still follows the sweep; once nobody has for a minute, it stops.
        owner: Whose trials they are (a person's id in class mode): in each trial's config and live handle.
        book: Where the live handles go while their trials train (the engine's ``book``); None: nowhere.
        observers: Told of the sweep's progress and of its end.

    Raises:
        ValueError: With a sentence if the plan cannot run.

    """

    engine = "ray"

    def __init__(
        self,
        spec: SweepSpec,
        base: Mapping[str, Any],
        max_concurrent: int | None = None,
        watched: Callable[[], bool] | None = None,
        owner: str | None = None,
        book: JobBook | None = None,
        observers: Sequence[RunObserver] = (),
    ) -> None:
        super().__init__(spec, base, watched, observers=observers)
        self.max_concurrent = max_concurrent
        self.owner, self._book = owner, book
        self._live: dict[int, LiveTrial] = {}  # held while the trial trains: the book holds them weakly
        self._halted: set[int] = set()
        self._mirror = SuccessiveHalving(spec.epochs, spec.grace_epochs, spec.reduction) if spec.early_stopping else None
        self._pruned: dict[int, str] = {}
        self._outcomes: Any = None
        _LIVE[self.id] = self

    def _execute(self) -> None:
        if not ray.is_initialized():
            start_ray(include_dashboard=False, log_to_driver=False)  # from a thread that outlives this sweep's
        self._outcomes = tune_trainable.Outcomes.remote()
        storage = tempfile.mkdtemp(prefix="sigmoid-lab-sweep-")
        spec = self.spec
        scheduler = (
            ASHAScheduler(time_attr="epoch", max_t=spec.epochs, grace_period=spec.grace_epochs, reduction_factor=spec.reduction)
            if spec.early_stopping
            else None
        )
        trainable = tune.with_parameters(
            tune_trainable.train_trial, trials=[t.settings for t in self.trials], outcomes=self._outcomes
        )
        tuner = tune.Tuner(
            tune.with_resources(trainable, {"cpu": 1}),
            param_space={"trial": tune.grid_search(list(range(len(self.trials)))), "owner": self.owner},
            tune_config=tune.TuneConfig(
                metric="val_accuracy",
                mode="max",
                scheduler=scheduler,
                reuse_actors=True,
                max_concurrent_trials=self.max_concurrent,
            ),
            run_config=tune.RunConfig(
                name=f"sweep-{self.id}", storage_path=storage, verbose=0, stop=_StopFlag(self.id), callbacks=[_Mirror(self.id)]
            ),
        )
        try:
            tuner.fit()
            for index, trial in enumerate(self.trials):  # a trial that ended as the sweep stopped gets no callback
                if not trial.done and trial.state != RunState.QUEUED:
                    self._trial_ended(index, None)
        finally:
            with self._lock:
                self._live.clear()
            ray.kill(self._outcomes)
            shutil.rmtree(storage, ignore_errors=True)

    def stop_trial(self, index: int) -> None:
        """Stops trial ``index`` alone at its next batch (its model so far is kept); the other trials go on."""
        with self._lock:
            if self.trials[index].done or self._outcomes is None:
                return
            self._halted.add(index)
        self._outcomes.halt.remote(index)  # the trial's worker asks twice a second

    def _trial_started(self, index: int, owner: str | None) -> None:
        handle = LiveTrial(self, index, owner)
        with self._lock:
            self.trials[index].state = RunState.RUNNING
            self._live[index] = handle
        if self._book is not None:
            self._book.add(handle)

    def _result(self, index: int, result: Mapping[str, Any]) -> None:
        epoch = int(result["epoch"])
        history = self.trials[index].history  # only Tune's driver thread writes trials
        record = {m: float(result[m]) for m in METRICS if m in result}
        self._update(
            index, state=RunState.RUNNING, epoch=epoch, history=[*history[: epoch - 1], record], node=str(result.get("node", ""))
        )
        if self._mirror is not None and index not in self._pruned:
            decision = self._mirror.on_result(index, epoch, record.get("val_accuracy", float("nan")))
            if not decision.keep:
                self._pruned[index] = decision.reason  # the same rule as Tune's ASHA: Tune stops it

    def _trial_ended(self, index: int, fallback_error: str | None) -> None:
        outcome = ray.get(self._outcomes.take.remote(index))
        if outcome is not None:
            self._update(index, **outcome)
        elif fallback_error is not None:
            self._update(index, state=RunState.FAILED, error=fallback_error)
        elif index in self._halted:
            self._update(index, state=RunState.STOPPED)
        elif self.stopping:
            self._update(index, state=RunState.STOPPED, error="Stopped with the sweep.")
        else:
            self._update(
                index, state=RunState.PRUNED, error=self._pruned.get(index, "Stopped early by Ray Tune's ASHA scheduler.")
            )
        with self._lock:
            self._live.pop(index, None)  # its handle leaves the book with it


def _live(sweep_id: int) -> RaySweep | None:
    return _LIVE.get(sweep_id)


class _StopFlag(Stopper):
    """Tune's stopper: ends the whole experiment once the sweep's Stop was pressed."""

    def __init__(self, sweep_id: int) -> None:
        self.sweep_id = sweep_id

    def __call__(self, trial_id: str, result: dict) -> bool:
        return False

    def stop_all(self) -> bool:
        sweep = _live(self.sweep_id)
        if sweep is not None:
            sweep._check_watched()  # Tune asks often, from the sweep's own thread: a closed tab ends the sweep here
        return sweep is None or sweep.stopping


class _Mirror(tune.Callback):
    """Tune's callback: each trial's start, per-epoch results and end, mirrored into the sweep."""

    def __init__(self, sweep_id: int) -> None:
        self.sweep_id = sweep_id

    def on_trial_start(self, iteration: int, trials: list, trial: Any, **info: Any) -> None:
        sweep = _live(self.sweep_id)
        if sweep is not None:
            sweep._trial_started(trial.config["trial"], trial.config.get("owner"))

    def on_trial_result(self, iteration: int, trials: list, trial: Any, result: dict, **info: Any) -> None:
        sweep = _live(self.sweep_id)
        if sweep is not None and "epoch" in result:
            sweep._result(trial.config["trial"], result)

    def on_trial_complete(self, iteration: int, trials: list, trial: Any, **info: Any) -> None:
        sweep = _live(self.sweep_id)
        if sweep is not None:
            sweep._trial_ended(trial.config["trial"], None)

    def on_trial_error(self, iteration: int, trials: list, trial: Any, **info: Any) -> None:
        sweep = _live(self.sweep_id)
        if sweep is not None:
            sweep._trial_ended(trial.config["trial"], UNEXPLAINED)
