"""Eight settings of the seed CNN one by one against as one sweep, on the local engine and on a local Ray.

    python benchmarks/sweep_speed.py [--epochs 3] [--cpus 2]

The eight configurations are learning rate (0.0005, 0.001, 0.002, 0.004) × batch size (32, 64) of
the ``cnn`` preset on the offline 7-vs-8 digits, 3 epochs each. On each engine, in one run:

- one by one: each configuration as one training job, the next started when the last has ended
  (a student pressing Start eight times);
- as a sweep: :func:`core.sweeps.start_sweep` (the engine's jobs, ``--cpus`` at a time, on the
  local engine; Ray Tune with one CPU per trial on Ray).

The local engine's workers are warmed first (TensorFlow imported); Ray starts cold both times,
as a class would meet it. Every run must finish with a test accuracy of at least 0.95.

Target: one by one / sweep ≥ 1.6 on each engine. Also printed: Ray's sweep against the local
one-by-one, and how many cores the local workers got on average (a sweep cannot beat one run at
a time by more than the cores it is given: on a machine busy with other work it gets about one).
Exits 1 when a target is missed. Takes about two to three minutes on 2 free cores.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SIGMOID_LAB_OFFLINE", "1")

from core.engine.engine import Engine
from core.engine.local import LocalEngine
from core.sweeps import start_sweep
from core.sweeps.spec import Axis, SweepSpec
from core.training import settings

TARGET = 1.6
MIN_ACCURACY = 0.95


def one_by_one(engine: Engine, trials: list[dict]) -> float:
    """Wall seconds to train every trial as a job, one after the other."""
    started = time.perf_counter()
    for trial in trials:
        job = engine.start_training(settings.to_config(trial))
        progress = job.wait()
        if progress.state != "finished" or job.result is None or job.result.test_accuracy < MIN_ACCURACY:
            raise RuntimeError(f"a one-by-one run ended {progress.state} {progress.error}")
    return time.perf_counter() - started


def as_sweep(engine: Engine, spec: SweepSpec, base: dict) -> float:
    """Wall seconds to run the plan as one sweep on ``engine``."""
    started = time.perf_counter()
    snapshot = start_sweep(spec, base, engine).wait()
    seconds = time.perf_counter() - started
    bad = [t for t in snapshot.trials if t.state != "finished" or (t.test_accuracy or 0) < MIN_ACCURACY]
    if bad:
        raise RuntimeError(f"sweep trials did not finish well: {[(t.label, t.state, t.error) for t in bad]}")
    return seconds


def worker_cpu_seconds(engine: LocalEngine) -> float:
    """CPU seconds the engine's worker processes have used so far (Linux: from /proc)."""
    total = 0.0
    for worker in engine.workers():
        fields = Path(f"/proc/{worker.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return total


def local_engine(spec: SweepSpec, base: dict, trials: list[dict], cpus: int) -> tuple[float, float]:
    engine = LocalEngine(slots=cpus)
    try:
        warm = [engine.start_training(settings.to_config(base | {"epochs": 1})) for _ in range(cpus)]
        for job in warm:  # TensorFlow imported in every training worker before timing
            job.wait()
        figures = []
        for run in (lambda: one_by_one(engine, trials), lambda: as_sweep(engine, spec, base)):
            cpu, own = worker_cpu_seconds(engine), time.process_time()
            figures.append(run())
            used, own = worker_cpu_seconds(engine) - cpu, time.process_time() - own
            print(
                f"local workers: {used:.1f} CPU-s in {figures[-1]:.1f} s, {used / figures[-1]:.2f} cores on average; "
                f"this process (the server's part) {own:.1f} CPU-s"
            )
        return figures[0], figures[1]
    finally:
        engine.shutdown()


def ray_engine(spec: SweepSpec, base: dict, trials: list[dict], cpus: int) -> tuple[float, float]:
    import ray

    from core.engine.ray_engine import RayEngine

    ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False)
    try:
        engine = RayEngine("local")
        try:
            return one_by_one(engine, trials), as_sweep(engine, spec, base)
        finally:
            engine.shutdown()
    finally:
        ray.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--cpus", type=int, default=2, help="training slots / Ray CPUs")
    args = parser.parse_args()
    base = settings.DEFAULTS | {"task": "7-vs-8", "preset": "cnn"}
    spec = SweepSpec((Axis("lr", ("0.0005", "0.001", "0.002", "0.004")), Axis("batch", ("32", "64"))), epochs=args.epochs)
    trials = spec.validate(base)
    print(f"{len(trials)} configurations of the seed CNN, {args.epochs} epochs each, 7 vs 8 offline; load {os.getloadavg()}")
    figures = {"local": local_engine(spec, base, trials, args.cpus), "ray": ray_engine(spec, base, trials, args.cpus)}
    met = True
    for name, (single, sweep) in figures.items():
        ratio = single / sweep
        met &= ratio >= TARGET
        print(f"{name:>5}: one by one {single:6.1f} s, as a sweep {sweep:6.1f} s: {ratio:.2f}× (target ≥ {TARGET})")
    print(f"Ray's sweep against the local one by one: {figures['local'][0] / figures['ray'][1]:.2f}×")
    print(f"load afterwards {os.getloadavg()}; target {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
