"""Shared by the sweep tests: quick starting settings and a way to stop a sweep once its first trial is done."""

import time

import pytest

from core.training import settings
from core.training.run_state import RunState


@pytest.fixture
def dense():
    """7-vs-8 with the small dense preset: a trial trains in seconds and still reaches a real accuracy."""
    return settings.DEFAULTS | {"task": "7-vs-8", "preset": "dense", "conv": "", "dense": "128,64", "dropout": 0.0}


@pytest.fixture
def stop_after_first_trial():
    """Stops a running sweep once its first trial has finished, and returns its final snapshot."""

    def stop(sweep, timeout=300):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and sweep.snapshot().trials[0].state != RunState.FINISHED:
            time.sleep(0.1)
        sweep.stop()
        return sweep.wait(120)

    return stop
