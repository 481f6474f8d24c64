"""The Ray Tune side of a sweep: what each trial runs in its Tune worker, and where its model goes.

:func:`train_trial` is a function trainable. It trains one trial's settings with the same code as
every other run (:func:`core.engine.training_task.train`, in a helper thread), and from its own
thread reports each finished epoch to Tune with ``tune.report``, so Tune's ASHA scheduler can stop
it. What a finished trial leaves (test accuracy, model bytes, metadata, or why it failed) goes to
an :class:`Outcomes` actor rather than into Tune's results, so no shared storage is needed between
the nodes of a cluster. The same actor carries a Stop for one trial (the teacher's, from the class
console): the trial asks it twice a second and, told to, stops at its next batch with its model so far.

Importing this module needs Ray; only :mod:`core.sweeps.ray_tune` and Tune's workers import it.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from concurrent.futures import Future
from typing import Any

import ray
from ray import tune

METRICS = ("loss", "accuracy", "val_loss", "val_accuracy")
HALT_POLL_S = 0.5  # how often a trial asks whether it was told to stop alone


@ray.remote(num_cpus=0)
class Outcomes:
    """Keeps what each trial sends home when it ends, until the sweep takes it, and which trials are to stop."""

    def __init__(self) -> None:
        self._outcomes: dict[int, dict[str, Any]] = {}
        self._halted: set[int] = set()

    def halt(self, index: int) -> None:
        """Tells trial ``index`` to stop (it asks with :meth:`halted`)."""
        self._halted.add(index)

    def halted(self, index: int) -> bool:
        """True once trial ``index`` was told to stop."""
        return index in self._halted

    def put(self, index: int, outcome: dict[str, Any]) -> None:
        """Stores trial ``index``'s outcome."""
        self._outcomes[index] = outcome

    def take(self, index: int) -> dict[str, Any] | None:
        """Trial ``index``'s outcome (once), or ``None`` if it sent none."""
        return self._outcomes.pop(index, None)


def _train_into(done: Future, context: Any, config: Any) -> None:
    from core.engine.training_task import train

    try:
        done.set_result(train(context, config))
    except BaseException as error:  # the trial's thread re-raises it
        done.set_exception(error)


def train_trial(config: dict[str, Any], trials: list[dict[str, Any]], outcomes: Any) -> None:
    """Trains trial ``config["trial"]`` of ``trials`` and reports every epoch to Tune.

    Args:
        config: Tune's sample: ``{"trial": index, "owner": whose trial it is (a person's id, or None)}``.
        trials: Every trial's full settings.
        outcomes: The sweep's :class:`Outcomes` actor.

    """
    import core  # noqa: F401  (TensorFlow's thread settings before it loads)
    from core.engine.base import TaskContext
    from core.engine.progress_sync import apply_delta
    from core.training.progress import Progress
    from core.training.run_state import RunState
    from core.training.settings import to_config

    index = config["trial"]
    node = ray.get_runtime_context().get_node_id()
    train_config = to_config(trials[index])
    deltas: queue.Queue = queue.Queue()
    context = TaskContext(emit=deltas.put)
    done: Future = Future()
    helper = threading.Thread(target=_train_into, args=(done, context, train_config), daemon=True)
    helper.start()
    progress, reported, next_ask = Progress(), 0, time.monotonic() + HALT_POLL_S

    def report(upto: int) -> None:
        nonlocal reported
        for record in progress.epoch_history[reported:upto]:
            reported += 1
            tune.report({"epoch": reported, "node": node} | {m: record.get(m, math.nan) for m in METRICS})

    try:
        while not (done.done() and deltas.empty()):
            if time.monotonic() >= next_ask and not context.stop.is_set():
                next_ask = time.monotonic() + HALT_POLL_S
                if ray.get(outcomes.halted.remote(index)):
                    context.stop.set()  # the run stops at its next batch and keeps its model so far
            try:
                apply_delta(progress, deltas.get(timeout=0.2))
            except queue.Empty:
                continue
            report(train_config.epochs - 1)  # Tune ends a trial at its last epoch's report: that one waits for the model
    finally:  # also when Tune ends the trial (its report raises): the run stops at its next batch
        context.stop.set()
        helper.join()
    result = done.result()
    if result is None:
        missing = "" if progress.state == RunState.STOPPED else "The trial ended without a model."  # stopped: as a job says
        outcome: dict[str, Any] = {"state": progress.state, "error": progress.error or missing}
    else:
        outcome = {
            "state": RunState.STOPPED if progress.state == RunState.STOPPED else RunState.FINISHED,
            "test_accuracy": result.test_accuracy,
            "model_bytes": result.model_bytes,
            "metadata": result.metadata,
            "seconds": result.seconds,
        }
    ray.get(outcomes.put.remote(index, outcome | {"node": node}))
    report(len(progress.epoch_history))
    if not reported:  # stopped or failed before an epoch: Tune wants its metric once (no "epoch": no curve point)
        tune.report({m: math.nan for m in METRICS})
