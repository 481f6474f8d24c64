"""Images per second when the app evaluates a model on the 10,000 real MNIST test digits (t10k).

Run: ``python benchmarks/evaluate_speed.py [--model mnist-7-vs-8] [--repeats 3]``.

Measures :func:`core.inspection.evaluation.evaluate` (the Evaluate page's and the CLI's path:
the model's compiled forward pass in chunks of ``predict.EVAL_BATCH``, chunks side by side) against
``model.predict`` (the seed scripts' way), and shows other chunk sizes and a fixed-signature
``tf.function`` for comparison. The real test set in ``../shared/mnist`` is required: without it
the script fails instead of timing a repeated sample.

Targets (exit 1 when missed):

- per CPU-second, ``evaluate`` is at least as fast as ``model.predict`` (this hardly moves with
  other people's load on a shared machine);
- wall clock: all 10,000 digits in at most 3 s (what a student waits).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.data.test_sets import SHARED_MNIST, mnist_test_set
from core.inspection import evaluation
from core.prediction import predict
from core.storage.loading import load

TARGET_CPU_VS_PREDICT = 1.0
TARGET_WALL_S = 3.0


def best_rate(run: Callable[[], np.ndarray], count: int, repeats: int) -> tuple[float, float]:
    """Best images per wall-clock second, and images per CPU second of this process (all threads)."""
    run()  # warm-up: builds the compiled function
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return count / min(walls), count / min(cpus)


def fixed_signature(model, images: np.ndarray, batch: int) -> Callable[[], np.ndarray]:
    """A ``tf.function`` with one fixed batch shape, the last batch padded."""
    import tensorflow as tf

    @tf.function(input_signature=[tf.TensorSpec((batch, *images.shape[1:]), tf.uint8)], reduce_retracing=True)
    def forward(x):
        return model(tf.cast(x, tf.float32), training=False)

    def run() -> np.ndarray:
        padded = images
        if len(images) % batch:
            padded = np.concatenate([images, np.zeros((batch - len(images) % batch, *images.shape[1:]), images.dtype)])
        return np.concatenate([forward(padded[i : i + batch]).numpy() for i in range(0, len(padded), batch)])[: len(images)]

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="mnist-7-vs-8")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    real = mnist_test_set()
    if real is None:
        print(f"The real MNIST test set is missing: expected t10k IDX files in {SHARED_MNIST}.", file=sys.stderr)
        return 1
    classifier = load(args.model)
    model = classifier.model
    images = real[0][..., None]
    labels = np.zeros(len(images), int)  # all 10,000 as if of one class: the time does not depend on the labels
    count = len(images)
    print(f"{count:,} t10k images with {args.model} ({model.count_params():,} parameters)")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (others' work slows wall-clock figures)")
    runs = {
        "model.predict (batch 256)": lambda: model.predict(images, batch_size=256, verbose=0),
        f"core evaluate (chunks of {predict.EVAL_BATCH})": lambda: (
            evaluation.evaluate(classifier, images, labels, task_labels=True).outputs
        ),
    }
    for chunk in (1024, 4096):
        runs[f"output_probabilities, chunks of {chunk}"] = lambda chunk=chunk: predict.output_probabilities(model, images, chunk)
    runs["tf.function, fixed batch 2000"] = fixed_signature(model, images, 2000)
    print(f"{'method':45s} {'images/s':>10s} {'vs predict':>10s} {'images/CPU-s':>13s} {'vs predict':>10s}")
    rates = {}
    for name, run in runs.items():
        rates[name] = best_rate(run, count, args.repeats)
        base_wall, base_cpu = rates["model.predict (batch 256)"]
        wall, cpu = rates[name]
        print(f"{name:45s} {wall:10,.0f} {wall / base_wall:9.2f}× {cpu:13,.0f} {cpu / base_cpu:9.2f}×")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    predict_cpu = rates["model.predict (batch 256)"][1]
    core_wall, core_cpu = rates[f"core evaluate (chunks of {predict.EVAL_BATCH})"]
    seconds = count / core_wall
    print(f"evaluate per CPU-second vs model.predict: {core_cpu / predict_cpu:.2f}× (target ≥ {TARGET_CPU_VS_PREDICT}×)")
    print(f"evaluate, all {count:,} digits: {seconds:.2f} s wall (target ≤ {TARGET_WALL_S} s)")
    met = core_cpu / predict_cpu >= TARGET_CPU_VS_PREDICT and seconds <= TARGET_WALL_S
    print("targets met" if met else "TARGET MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
