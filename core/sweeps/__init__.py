"""Sweeps: many training runs of one plan at a time, laid out so the pattern is visible.

A :class:`~core.sweeps.spec.SweepSpec` varies one to four of the Train page's settings (a grid of
value lists, or random search over ranges) within a budget, optionally stopping bad trials early
with ASHA's rule (:mod:`core.sweeps.asha`). :func:`start_sweep` runs it in a background thread:

- on the engine's own training jobs (:mod:`core.sweeps.local`; local worker processes), or
- on Ray Tune when the engine is Ray (:mod:`core.sweeps.ray_tune`; ``tune.Tuner`` with ASHA).

Either way the sweep is a :class:`~core.training.background.BackgroundRun`: the page polls
:meth:`~core.sweeps.sweep.Sweep.snapshot` (trials, curves, the best
trial and its model bytes) and may :meth:`~core.sweeps.sweep.Sweep.stop` it. The plan travels as a
query string (:mod:`core.sweeps.link`).

This package may import ``core.training`` (settings), ``core.modeling`` (config names),
``core.engine`` (job handles and the training task) and, in :mod:`core.sweeps.ray_tune` and
:mod:`core.sweeps.tune_trainable` only, Ray. It never imports Streamlit, and TensorFlow only
inside Tune's workers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.engine.engine import Engine
    from core.sweeps.spec import SweepSpec
    from core.sweeps.sweep import Sweep
    from core.training.observer import RunObserver


def start_sweep(
    spec: SweepSpec,
    base: Mapping[str, Any],
    engine: Engine | None = None,
    watched: Callable[[], bool] | None = None,
    owner: str | None = None,
    parallel: int | None = None,
    observers: Sequence[RunObserver] = (),
) -> Sweep:
    """Validates and starts a sweep on the engine in use: Ray Tune for the Ray engine, its jobs otherwise.

    Args:
        spec: The plan.
        base: The Train page's settings the trials start from.
        engine: Default :func:`core.engine.get_engine`.
        watched: Says whether anyone still follows the sweep; once nobody has for a minute, it stops.
        owner: Whose trials they are: each job's ``owner`` on the local engine, each Tune trial's on Ray
            (in its config and on its live handle in ``engine.book``); the teacher's table shows them and can stop them.
        parallel: Most trials at once (default: as many as the engine can train).
        observers: Follow the sweep to its end (e.g. ``core.classroom.recorders.SweepRecorder``).

    Raises:
        ValueError: With a sentence if the plan cannot run.

    """
    from core.engine import get_engine
    from core.engine.ray_engine import RayEngine

    engine = engine or get_engine()
    if isinstance(engine, RayEngine):
        from core.sweeps.ray_tune import RaySweep

        return RaySweep(
            spec, base, max_concurrent=parallel, watched=watched, owner=owner, book=engine.book, observers=observers
        ).start()
    from core.sweeps.local import LocalSweep

    return LocalSweep(spec, base, engine, parallel, watched, owner, observers).start()
