"""What live progress costs: a TrainingJob (per-batch callback, thread, snapshots) against bare model.fit.

Both train the seed CNN on the same 7-vs-8 offline digits with the same seed, alternating,
in one process; the script prints each median and their ratio (target: at most 1.05).

    python benchmarks/training_overhead.py [--epochs 3] [--repeats 3]
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

import keras

from core import data, models
from core.training import TrainConfig, TrainingJob


def bare_fit(dataset: data.Dataset, config: TrainConfig) -> float:
    keras.utils.set_random_seed(config.seed)
    model = models.compile_model(models.build_model(config.model), 2, config.optimizer, config.learning_rate)
    started = time.perf_counter()
    model.fit(
        dataset.x_train,
        dataset.y_train,
        validation_data=(dataset.x_val, dataset.y_val),
        epochs=config.epochs,
        batch_size=config.batch_size,
        verbose=0,
    )
    return time.perf_counter() - started


def job_fit(dataset: data.Dataset, config: TrainConfig) -> float:
    job = TrainingJob(config, dataset).start()
    polling = threading.Event()

    def poll() -> None:  # a page asking for a snapshot every second, as the Train page does
        while not polling.wait(1.0):
            job.snapshot()

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    job.wait()
    polling.set()
    return job.result.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    dataset = data.load_dataset("7-vs-8", data="sample")
    config = TrainConfig(task="7-vs-8", model=models.PRESETS["cnn"], epochs=args.epochs, batch_size=32)
    bare_fit(dataset, config)  # warm-up: first traces and allocations
    bare, job = [], []
    for _ in range(args.repeats):
        bare.append(bare_fit(dataset, config))
        job.append(job_fit(dataset, config))
    bare_median, job_median = statistics.median(bare), statistics.median(job)
    batches = args.epochs * -(-len(dataset.x_train) // config.batch_size)
    print(f"data: {len(dataset.x_train)} training images, {batches} batches per run, {args.repeats} runs each")
    print(f"bare model.fit     median {bare_median:.3f} s  (runs: {', '.join(f'{t:.3f}' for t in bare)})")
    print(f"TrainingJob        median {job_median:.3f} s  (runs: {', '.join(f'{t:.3f}' for t in job)})")
    print(f"ratio job / bare   {job_median / bare_median:.3f}  (target <= 1.05)")


if __name__ == "__main__":
    main()
