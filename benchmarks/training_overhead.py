"""What live progress costs: a TrainingJob (per-batch callback, thread, snapshots) against bare model.fit.

    python benchmarks/training_overhead.py [--epochs 5] [--repeats 5]

Both train the seed CNN on the same 7-vs-8 offline digits with the same seed, alternating, in one
process, and both get the same input pipeline: the job's ``tf.data`` dataset (shuffled with the
run's seed, batched), validation on the held-out digits, then one evaluation of the test split.
The job adds its progress callback, its thread and a page polling a snapshot every second.

Target: the job's CPU time (this process, all threads) at most 1.05× bare fit's — CPU time hardly
moves with other people's load, where wall time on a shared 2-core machine swings by 10–20 %
between identical runs (it is printed too). Exits 1 when the target is missed.
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
import tensorflow as tf

from core.data.datasets import Dataset, load_dataset
from core.modeling.build import build_model, compile_model
from core.modeling.config import PRESETS
from core.training.job import TrainingJob
from core.training.run_state import RunState
from core.training.train_config import TrainConfig

TARGET_CPU_RATIO = 1.05


def bare_fit(dataset: Dataset, config: TrainConfig) -> tuple[float, float]:
    """Seconds of ``fit`` (wall) and CPU seconds of the whole run, doing what the job does minus its extras."""
    cpu = time.process_time()
    keras.utils.set_random_seed(config.seed)
    model = compile_model(build_model(config.model), 2, config.optimizer, config.learning_rate)
    training_data = (
        tf.data.Dataset.from_tensor_slices((dataset.x_train, dataset.y_train))
        .shuffle(len(dataset.x_train), seed=config.seed, reshuffle_each_iteration=True)
        .batch(config.batch_size)
    )
    started = time.perf_counter()
    model.fit(
        training_data,
        validation_data=(dataset.x_val, dataset.y_val),
        validation_batch_size=config.batch_size,
        epochs=config.epochs,
        shuffle=False,
        verbose=0,
    )
    wall = time.perf_counter() - started
    model.evaluate(dataset.x_test, dataset.y_test, batch_size=1024, verbose=0)
    return wall, time.process_time() - cpu


def job_fit(dataset: Dataset, config: TrainConfig) -> tuple[float, float]:
    """The same run as a TrainingJob, with a page asking for a snapshot every second."""
    cpu = time.process_time()
    job = TrainingJob(config, dataset).start()
    polling = threading.Event()

    def poll() -> None:
        while not polling.wait(1.0):
            job.snapshot()

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    progress = job.wait()
    polling.set()
    if progress.state != RunState.FINISHED:
        raise RuntimeError(f"the job ended {progress.state}: {progress.error}")
    return job.result.seconds, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    dataset = load_dataset("7-vs-8", data="sample")
    config = TrainConfig(task="7-vs-8", model=PRESETS["cnn"], epochs=args.epochs, batch_size=32)
    bare_fit(dataset, config)  # warm-up: first traces and allocations
    bare, job = [], []
    for _ in range(args.repeats):
        bare.append(bare_fit(dataset, config))
        job.append(job_fit(dataset, config))
    batches = args.epochs * -(-len(dataset.x_train) // config.batch_size)
    print(f"data: {len(dataset.x_train)} training images, {batches} batches per run, {args.repeats} runs each, alternating")
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    ratios = {}
    for index, what in ((0, "wall (fit)"), (1, "CPU (run)")):
        bare_median = statistics.median(t[index] for t in bare)
        job_median = statistics.median(t[index] for t in job)
        ratios[what] = job_median / bare_median
        print(
            f"{what:>10}: bare model.fit median {bare_median:.3f} s, TrainingJob median {job_median:.3f} s, ratio {ratios[what]:.3f}"
        )
    met = ratios["CPU (run)"] <= TARGET_CPU_RATIO
    print(f"target: CPU ratio ≤ {TARGET_CPU_RATIO} → {'met' if met else 'TARGET MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
