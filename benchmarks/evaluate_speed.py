"""Images per second when evaluating the 10,000 t10k digits with the shipped CNN.

Run: ``PYTHONPATH=. python benchmarks/evaluate_speed.py [--model mnist-7-vs-8] [--repeats 3]``.
Compares ``core.predict.output_probabilities`` (``predict_on_batch`` in chunks) at several
chunk sizes, a ``tf.function`` with a fixed batch signature, and ``model.predict``.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from core import evaluation, mnist, predict, registry

SHARED_MNIST = Path(__file__).resolve().parent.parent.parent / "shared" / "mnist"


def test_images() -> np.ndarray:
    if SHARED_MNIST.is_dir():
        _, _, x, _ = mnist.load_idx_folder(SHARED_MNIST)
    else:  # the offline sample's hold-out, repeated to 10,000
        x = mnist.load_offline_sample().x_test
        x = np.resize(x, (10_000, 28, 28))
    return x[..., None]


def best_rate(run: Callable[[], np.ndarray], count: int, repeats: int) -> float:
    run()  # warm-up: builds the compiled function
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return count / min(times)


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
    baseline = best_rate(lambda: model.predict(images, batch_size=256, verbose=0), count, args.repeats)
    print(f"model.predict (batch 256):                 {baseline:10,.0f} images/s")
    for chunk in (1024, 2048, 4096):
        rate = best_rate(lambda chunk=chunk: predict.output_probabilities(model, images, chunk), count, args.repeats)
        print(f"output_probabilities, chunks of {chunk:5d}:   {rate:10,.0f} images/s  ({rate / baseline:.1f}× model.predict)")
    for batch in (2000,):
        rate = best_rate(fixed_signature(model, images, batch), count, args.repeats)
        print(f"tf.function, fixed batch {batch:5d}:        {rate:10,.0f} images/s  ({rate / baseline:.1f}× model.predict)")
    rate = best_rate(lambda: evaluation.evaluate(classifier, images, labels, task_labels=True).outputs, count, args.repeats)
    print(
        f"core.evaluation.evaluate (chunks of {evaluation.EVAL_CHUNK}): {rate:10,.0f} images/s  ({rate / baseline:.1f}× model.predict)"
    )


if __name__ == "__main__":
    main()
