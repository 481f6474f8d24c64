"""Two, eight and thirty students press Start at once: does every run finish, how long, and can others still draw?

Each "student" starts the default Train-page run (7 vs 8, seed CNN, 3 epochs) through the
engine with its own seed; a page-like poller reads every job's snapshot once a second, and one
more "student" keeps drawing (a prepared digit through the serving worker every 0.2 s) to measure
answer latency meanwhile. Reported per class size: wall time against one run alone × runs / slots,
queue waits, answer latency p50/p95, and whether every job finished with its own model.

Target: wall time ≤ 1.5 × (one run alone × runs / slots) for every class size. Exits 1 when missed.
Usage: ``python benchmarks/class_load.py [sizes...]`` (default: 2 8 30).
"""

from __future__ import annotations

import hashlib
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGMOID_LAB_OFFLINE", "1")
TARGET = 1.5


def default_config(seed: int):
    from core.training import settings

    return settings.to_config(settings.DEFAULTS | {"seed": seed})


def timed_run(engine, seed: int) -> float:
    started = time.perf_counter()
    job = engine.start_training(default_config(seed))
    assert job.wait().state == "done", job.snapshot().error  # RunState.FINISHED
    return time.perf_counter() - started


def class_of(engine, size: int, handle) -> dict:
    """``size`` runs at once, polled like pages, while one more student draws."""
    latencies: list[float] = []
    drawing = np.zeros((1, 28, 28, 1), np.uint8)
    drawing[0, 6:22, 12:16] = 255
    done = threading.Event()

    def draw() -> None:
        while not done.is_set():
            started = time.perf_counter()
            handle.predict_inputs(drawing)
            latencies.append((time.perf_counter() - started) * 1000)
            time.sleep(0.2)

    drawer = threading.Thread(target=draw, daemon=True)
    started = time.perf_counter()
    jobs = [engine.start_training(default_config(seed)) for seed in range(size)]
    drawer.start()
    waits: dict[int, float] = {}
    while not all(job.snapshot().done for job in jobs):
        now = time.perf_counter() - started
        for job in jobs:  # what each student's page does once a second
            if job.id not in waits and job.snapshot().state not in ("queued",):
                waits[job.id] = now
        time.sleep(1.0)
    wall = time.perf_counter() - started
    done.set()
    drawer.join()
    states = [job.snapshot().state for job in jobs]
    models = {hashlib.sha256(job.result.model_bytes).hexdigest() for job in jobs if job.result}
    latencies.sort()
    return {
        "wall": wall,
        "finished": states.count("finished"),
        "distinct_models": len(models),
        "max_wait": max(waits.values(), default=0.0),
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p95": latencies[int(0.95 * len(latencies))] if latencies else float("nan"),
    }


def main(sizes: list[int]) -> int:
    from core.engine import get_engine
    from core.engine.model_handle import ModelHandle

    engine = get_engine()
    handle = ModelHandle(ROOT / "models" / "mnist-7-vs-8.keras")
    timed_run(engine, 99)  # workers warm, data cached
    alone = statistics.median(timed_run(engine, 100 + i) for i in range(2))
    slots = engine.queue.slots
    print(f"one run alone: {alone:.1f} s; training slots: {slots}")
    failed = False
    for size in sizes:
        report = class_of(engine, size, handle)
        expected = alone * size / slots
        ratio = report["wall"] / expected
        ok = ratio <= TARGET and report["finished"] == size and report["distinct_models"] == size
        failed |= not ok
        print(
            f"{size:>2} students: {report['finished']}/{size} finished, {report['distinct_models']} distinct models, "
            f"wall {report['wall']:.0f} s vs {expected:.0f} s ideal = {ratio:.2f}× (target ≤ {TARGET}×), "
            f"longest queue wait {report['max_wait']:.0f} s, answers p50 {report['p50']:.1f} ms / p95 {report['p95']:.1f} ms"
            + ("" if ok else "  <- MISSED")
        )
    engine.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [2, 8, 30]))
