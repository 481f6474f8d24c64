"""Eight classroom sessions at once: each trains its own small model and keeps predicting drawings.

Every "session" is a thread doing what the Train and Draw pages do for one student: start a
TrainingJob through the shared training queue, poll its snapshot once a second, and predict a
canvas-sized drawing every 0.2 s with the shipped 7-vs-8 model. The script reports queue waits
and prediction latency under load against an idle baseline measured first in the same run. It
stops by itself; nothing leaves this process.

    python benchmarks/load_test.py [--sessions 8] [--epochs 3] [--slots 2]

Targets (exit 1 when one is missed):

- every job finishes with its own result (its own seed and learning rate, its own weights);
- every answer under load equals the idle answer for the same drawing;
- prediction latency under load, while every core trains: median at most 25 ms and 95th
  percentile at most 100 ms (a reply within 0.1 s feels immediate). The ratio to the idle latency
  is printed too; on 2 cores shared with training it cannot stay near 1.
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

from core.data.datasets import load_dataset
from core.modeling.config import PRESETS
from core.storage.loading import load
from core.training.job import TrainingJob
from core.training.job_queue import TrainingQueue
from core.training.train_config import TrainConfig

TARGET_MEDIAN_MS = 25.0
TARGET_P95_MS = 100.0
DRAWINGS = 50


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--slots", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    classifier = load("mnist-7-vs-8")
    drawings = [drawing(i) for i in range(DRAWINGS)]
    classifier.predict(drawings[0])  # warm-up
    idle, idle_answers = [], []
    for canvas in drawings:
        started = time.perf_counter()
        idle_answers.append(classifier.predict(canvas)[0])
        idle.append((time.perf_counter() - started) * 1000)

    dataset = load_dataset("shapes", shapes_count=1500)
    queue = TrainingQueue(args.slots)
    results: dict[int, dict] = {}
    latencies: list[float] = []
    latency_lock = threading.Lock()
    training_over = threading.Event()

    def session(number: int) -> None:
        config = TrainConfig(
            task="shapes",
            model=PRESETS["tiny-cnn"],
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

    wrong_answers: list[str] = []

    def predictor(number: int) -> None:
        i = number
        while not training_over.is_set():
            started = time.perf_counter()
            prediction = classifier.predict(drawings[i % DRAWINGS])[0]
            elapsed = (time.perf_counter() - started) * 1000
            expected = idle_answers[i % DRAWINGS]
            with latency_lock:
                latencies.append(elapsed)
                if prediction.label != expected.label or abs(prediction.probability - expected.probability) > 1e-5:
                    wrong_answers.append(f"drawing {i % DRAWINGS}: {prediction} under load, {expected} idle")
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
    weights, problems = [], []
    for number in sorted(results):
        record = results[number]
        job = record["job"]
        result = job.result
        if record["state"] != "finished" or result is None:
            problems.append(f"session {number}: {record['state']} {job.snapshot().error}")
            continue
        if result.config.seed != number:
            problems.append(f"session {number} got another session's result")
        weights.append(np.concatenate([w.ravel() for w in result.model.get_weights()]))
        print(
            f"{number:>7}  {record['state']:<8}  {record['waited']:>8.1f} s  {record['total']:>5.1f} s  {result.config.seed:>4}"
            f"  {result.config.learning_rate:>13g}  {result.test_accuracy:>13.2%}"
        )
    distinct = len({w.tobytes() for w in weights})
    print(f"distinct trained models: {distinct} of {args.sessions} (each session has its own)")
    idle_median, load_median = statistics.median(idle), statistics.median(latencies)
    print(f"prediction latency idle:       median {idle_median:6.2f} ms  p95 {percentile(idle, 95):6.2f} ms  ({len(idle)} calls)")
    print(
        f"prediction latency under load: median {load_median:6.2f} ms  p95 {percentile(latencies, 95):6.2f} ms"
        f"  max {max(latencies):6.2f} ms  ({len(latencies)} calls)"
    )
    print(f"ratio under load / idle (median): {load_median / idle_median:.2f}")
    waits = [r["waited"] for r in results.values()]
    print(f"queue wait: median {statistics.median(waits):.1f} s, longest {max(waits):.1f} s")
    if distinct != args.sessions:
        problems.append(f"only {distinct} distinct models for {args.sessions} sessions")
    problems += wrong_answers[:5]
    if load_median > TARGET_MEDIAN_MS or percentile(latencies, 95) > TARGET_P95_MS:
        problems.append(
            f"latency under load: median {load_median:.2f} ms, p95 {percentile(latencies, 95):.2f} ms "
            f"(targets ≤ {TARGET_MEDIAN_MS} ms and ≤ {TARGET_P95_MS} ms)"
        )
    for problem in problems:
        print(f"TARGET MISSED: {problem}")
    if not problems:
        print("targets met")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
