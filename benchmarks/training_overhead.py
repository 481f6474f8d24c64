"""What live progress costs: a TrainingJob (per-batch callback, thread, snapshots) against bare model.fit.

Both train the seed CNN on the same 7-vs-8 offline digits with the same seed, alternating,
in one process; the script prints each median and their ratio (target: at most 1.05). Wall
time on a shared 2-core machine swings by 10-20 % between identical runs, so the CPU time of
this process (all its threads) is reported too: it hardly moves with other people's load.

    python benchmarks/training_overhead.py [--epochs 5] [--repeats 5]
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

from core.data import datasets as data
from core.modeling import models
from core.training.job import TrainConfig, TrainingJob


def bare_fit(dataset: data.Dataset, config: TrainConfig) -> tuple[float, float]:
    cpu = time.process_time()  # CPU time covers building the model too, as it does for the job
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
    return time.perf_counter() - started, time.process_time() - cpu


def job_fit(dataset: data.Dataset, config: TrainConfig) -> tuple[float, float]:
    cpu = time.process_time()
    job = TrainingJob(config, dataset).start()
    polling = threading.Event()

    def poll() -> None:  # a page asking for a snapshot every second, as the Train page does
        while not polling.wait(1.0):
            job.snapshot()

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    job.wait()
    polling.set()
    return job.result.seconds, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    dataset = data.load_dataset("7-vs-8", data="sample")
    config = TrainConfig(task="7-vs-8", model=models.PRESETS["cnn"], epochs=args.epochs, batch_size=32)
    bare_fit(dataset, config)  # warm-up: first traces and allocations
    bare, job = [], []
    for _ in range(args.repeats):
        bare.append(bare_fit(dataset, config))
        job.append(job_fit(dataset, config))
    batches = args.epochs * -(-len(dataset.x_train) // config.batch_size)
    print(f"data: {len(dataset.x_train)} training images, {batches} batches per run, {args.repeats} runs each, alternating")
    for index, what in ((0, "wall"), (1, "CPU")):
        bare_median = statistics.median(t[index] for t in bare)
        job_median = statistics.median(t[index] for t in job)
        print(
            f"{what:>4}: bare model.fit median {bare_median:.3f} s, TrainingJob median {job_median:.3f} s, ratio {job_median / bare_median:.3f}"
        )
    print("target: ratio <= 1.05")


if __name__ == "__main__":
    main()
