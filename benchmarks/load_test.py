"""Eight classroom sessions at once: each trains its own small model and keeps predicting drawings.

Every "session" is a thread doing what the Train and Draw pages do for one student: start a
TrainingJob through the shared training queue, poll its snapshot once a second, and predict a
canvas-sized drawing every 0.2 s with the shipped 7-vs-8 model. The script reports queue waits,
prediction latency under load against an idle baseline measured first in the same run, and
checks that every job finished with its own result (its own seed and learning rate, its own
weights). It stops by itself; nothing leaves this process.

    python benchmarks/load_test.py [--sessions 8] [--epochs 3] [--slots 2]
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SIGMOID_LAB_OFFLINE", "1")

import numpy as np

from core.data import datasets as data
from core.modeling import models
from core.storage import registry
from core.training.job import TrainConfig, TrainingJob
from core.training.job_queue import TrainingQueue


def drawing(seed: int) -> np.ndarray:
    """A 280×280 RGBA canvas with a white stroke, like the Draw page sends."""
    rng = np.random.default_rng(seed)
    canvas = np.zeros((280, 280, 4), np.uint8)
    column = int(rng.integers(100, 180))
    canvas[40:240, column - 10 : column + 10] = 255
    canvas[40:60, 60:220] = 255
    return canvas


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--slots", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    classifier = registry.load("mnist-7-vs-8")
    classifier.predict(drawing(0))  # warm-up
    idle = []
    for i in range(50):
        started = time.perf_counter()
        classifier.predict(drawing(i))
        idle.append((time.perf_counter() - started) * 1000)

    dataset = data.load_dataset("shapes", shapes_count=1500)
    queue = TrainingQueue(args.slots)
    results: dict[int, dict] = {}
    latencies: list[float] = []
    latency_lock = threading.Lock()
    training_over = threading.Event()

    def session(number: int) -> None:
        config = TrainConfig(
            task="shapes",
            model=models.PRESETS["tiny-cnn"],
            epochs=args.epochs,
            batch_size=32,
            seed=number,
            learning_rate=0.001 * (1 + number % 3),
        )
        submitted = time.perf_counter()
        job = TrainingJob(config, dataset, queue=queue).start()
        waited = None
        while True:
            progress = job.snapshot()  # the page's once-a-second poll
            if waited is None and progress.state not in ("queued",):
                waited = time.perf_counter() - submitted
            if progress.done:
                break
            time.sleep(1.0)
        results[number] = {"job": job, "waited": waited or 0.0, "total": time.perf_counter() - submitted, "state": progress.state}

    def predictor(number: int) -> None:
        i = 0
        while not training_over.is_set():
            started = time.perf_counter()
            prediction = classifier.predict(drawing(number * 1000 + i))[0]
            elapsed = (time.perf_counter() - started) * 1000
            assert 0.5 <= prediction.confidence <= 1.0
            with latency_lock:
                latencies.append(elapsed)
            i += 1
            time.sleep(0.2)

    started = time.perf_counter()
    sessions = [threading.Thread(target=session, args=(n,)) for n in range(args.sessions)]
    predictors = [threading.Thread(target=predictor, args=(n,), daemon=True) for n in range(args.sessions)]
    for thread in sessions + predictors:
        thread.start()
    for thread in sessions:
        thread.join(timeout=1800)
    training_over.set()
    for thread in predictors:
        thread.join(timeout=10)
    wall = time.perf_counter() - started

    print(
        f"{args.sessions} sessions, {args.slots} training slots, {args.epochs} epochs of tiny-cnn on {len(dataset.x_train)} shapes each"
    )
    print(f"wall time {wall:.1f} s")
    print("session  state     queue wait  total    seed  learning rate  test accuracy")
    weights = []
    for number in sorted(results):
        record = results[number]
        job = record["job"]
        result = job.result
        assert record["state"] == "finished", f"session {number}: {record['state']} {job.snapshot().error}"
        assert result.config.seed == number, "a session got another session's result"
        weights.append(np.concatenate([w.ravel() for w in result.model.get_weights()]))
        print(
            f"{number:>7}  {record['state']:<8}  {record['waited']:>8.1f} s  {record['total']:>5.1f} s  {result.config.seed:>4}"
            f"  {result.config.learning_rate:>13g}  {result.test_accuracy:>13.2%}"
        )
    distinct = len({w.tobytes() for w in weights})
    print(f"distinct trained models: {distinct} of {len(weights)} (each session has its own)")
    print(
        f"prediction latency idle:       median {statistics.median(idle):6.2f} ms  p95 {percentile(idle, 95):6.2f} ms  ({len(idle)} calls)"
    )
    print(
        f"prediction latency under load: median {statistics.median(latencies):6.2f} ms  p95 {percentile(latencies, 95):6.2f} ms"
        f"  max {max(latencies):6.2f} ms  ({len(latencies)} calls)"
    )
    print(f"ratio under load / idle (median): {statistics.median(latencies) / statistics.median(idle):.2f}")
    waits = [r["waited"] for r in results.values()]
    print(f"queue wait: median {statistics.median(waits):.1f} s, longest {max(waits):.1f} s")
    assert distinct == len(weights) == args.sessions


if __name__ == "__main__":
    main()
