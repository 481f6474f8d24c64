"""Engine: where model work runs, so the web server never imports TensorFlow.

Training, prediction, evaluation and every look inside a model run in worker processes. The
views (and the command line, when asked) hold only light handles:

- :class:`~core.engine.jobs.JobHandle`: start, snapshot, stop, wait, result of a training run;
- :class:`~core.engine.model_handle.ModelHandle`: a saved model's metadata, MNIST-faithful
  preparation (numpy, in the caller's process) and remote predict / evaluate / inspect.

Two engines offer that one interface (:class:`~core.engine.engine.Engine`):

- ``local`` (default): Python's own spawned worker processes on this machine
  (:mod:`core.engine.local`), ``SIGMOID_LAB_TRAINING_SLOTS`` of them for training plus one that
  keeps models warm for answers;
- ``ray`` (``SIGMOID_LAB_RAY=local``, ``auto`` or ``ray://host:10001``): the same jobs as Ray
  actors, one CPU each, so Ray's scheduler places them anywhere in a cluster
  (:mod:`core.engine.ray_engine`).

This package may import ``core.i18n`` (a task's sentences come back in the asking session's language),
``core.data``, ``core.training`` (settings and progress, not the Keras
callback), ``core.storage`` metadata helpers and ``core.prediction.preprocess``. Only
:mod:`core.engine.servant` (which runs inside workers) imports Keras, and only in its functions.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.engine.engine import Engine

RAY_ENV = "SIGMOID_LAB_RAY"
_engine: Engine | None = None
_engine_lock = threading.Lock()


def get_engine() -> Engine:
    """The process-wide engine, started on first use (``SIGMOID_LAB_RAY`` picks Ray).

    Raises:
        RuntimeError: If ``SIGMOID_LAB_RAY`` is set but Ray is not installed or cannot connect.

    """
    global _engine
    with _engine_lock:
        if _engine is None:
            address = os.environ.get(RAY_ENV, "").strip()
            if address:
                from core.engine.ray_engine import RayEngine

                _engine = RayEngine(address)
            else:
                from core.engine.local import LocalEngine

                _engine = LocalEngine()
        return _engine


def set_engine(engine: Engine | None) -> Engine | None:
    """Replaces the process-wide engine (tests, benchmarks); returns the previous one, not shut down."""
    global _engine
    with _engine_lock:
        previous, _engine = _engine, engine
        return previous
