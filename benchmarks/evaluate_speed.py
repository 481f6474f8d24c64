"""Images per second when evaluating the 10,000 t10k digits with the shipped CNN.

Run: ``python benchmarks/evaluate_speed.py [--model mnist-7-vs-8] [--repeats 3]``.
Compares ``core.prediction.predict.output_probabilities`` (``predict_on_batch`` in chunks) at several
chunk sizes, a ``tf.function`` with a fixed batch signature, and ``model.predict``.
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

from core.data import mnist
from core.inspection import evaluation
from core.prediction import predict
from core.storage import registry

SHARED_MNIST = Path(__file__).resolve().parent.parent.parent / "shared" / "mnist"


def test_images() -> np.ndarray:
    if SHARED_MNIST.is_dir():
        _, _, x, _ = mnist.load_idx_folder(SHARED_MNIST)
    else:  # the offline sample's hold-out, repeated to 10,000
        x = mnist.load_offline_sample().x_test
        x = np.resize(x, (10_000, 28, 28))
    return x[..., None]


def best_rate(run: Callable[[], np.ndarray], count: int, repeats: int) -> tuple[float, float]:
    """Best images per wall-clock second, and images per CPU second of this process.

    The machine is shared: the CPU-second figure hardly moves with other people's load,
    so it compares the methods fairly; the wall-clock one is what a student waits.
    """
    run()  # warm-up: builds the compiled function
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return count / min(walls), count / min(cpus)


def fixed_signature(model, images: np.ndarray, batch: int) -> Callable[[], np.ndarray]:
    import tensorflow as tf

    shape = (batch, *images.shape[1:])

    @tf.function(input_signature=[tf.TensorSpec(shape, tf.uint8)], reduce_retracing=True)
    def forward(x):
        return model(tf.cast(x, tf.float32), training=False)

    def run() -> np.ndarray:
        padded = images
        if len(images) % batch:
            padded = np.concatenate([images, np.zeros((batch - len(images) % batch, *images.shape[1:]), images.dtype)])
        outputs = [forward(padded[i : i + batch]).numpy() for i in range(0, len(padded), batch)]
        return np.concatenate(outputs)[: len(images)]

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="mnist-7-vs-8")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    classifier = registry.load(args.model)
    model = classifier.model
    images = test_images()
    labels = np.zeros(len(images), int)  # the speed does not depend on the labels
    count = len(images)
    print(f"{count:,} images {images.shape[1:]} with {args.model} ({model.count_params():,} parameters)")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (others' work slows every figure)")
    runs = {"model.predict (batch 256)": lambda: model.predict(images, batch_size=256, verbose=0)}
    for chunk in (1024, 2048, 4096):
        runs[f"output_probabilities, chunks of {chunk}"] = lambda chunk=chunk: predict.output_probabilities(model, images, chunk)
    runs["tf.function, fixed batch 2000"] = fixed_signature(model, images, 2000)
    runs[f"core.inspection.evaluation.evaluate (chunks of {predict.EVAL_BATCH})"] = lambda: (
        evaluation.evaluate(classifier, images, labels, task_labels=True).outputs
    )
    print(f"{'method':45s} {'images/s':>10s} {'vs predict':>10s} {'images/CPU-s':>13s} {'vs predict':>10s}")
    base_wall = base_cpu = 0.0
    for name, run in runs.items():
        wall, cpu = best_rate(run, count, args.repeats)
        base_wall, base_cpu = base_wall or wall, base_cpu or cpu
        print(f"{name:45s} {wall:10,.0f} {wall / base_wall:9.2f}× {cpu:13,.0f} {cpu / base_cpu:9.2f}×")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
