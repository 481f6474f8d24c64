"""Fifty trainings in a row: the server's and the workers' memory stays flat, and no run fails at its end.

Runs alternate between 7 vs 8 and all ten digits (before issue 15, 2 of 8 ten-digit runs in the
app ended as "Failed. too many values to unpack" when Keras' global state was cleared under
them). After each run the resident memory (RSS) of this process (the web server's role) and of
every worker is read from /proc. Workers are retired after ``SIGMOID_LAB_WORKER_RECYCLE`` runs
(default 20), so their memory cannot grow without bound.

Targets: every run finishes; the server grows by at most 50 MB from run 5 to run 50; the largest
worker in the last ten runs is at most 1.25× the largest in runs 5–14. Exits 1 when missed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGMOID_LAB_OFFLINE", "1")
RUNS = 50
SERVER_GROWTH_MB = 50
WORKER_GROWTH = 1.25


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    from core.engine.local import LocalEngine
    from core.training import settings
    from core.training.run_state import RunState

    engine = LocalEngine(slots=1)
    server, workers, failures = [], [], []
    for run in range(RUNS):
        task = "digits" if run % 2 else "7-vs-8"
        job = engine.start_training(settings.to_config(settings.DEFAULTS | {"task": task, "epochs": 1, "seed": run}))
        progress = job.wait()
        if progress.state != RunState.FINISHED or job.result is None:
            failures.append(f"run {run + 1} ({task}): {progress.state} {progress.error}")
        server.append(rss_mb(os.getpid()))
        workers.append(max(rss_mb(w.process.pid) for w in engine.workers()))
        if run % 10 == 9:
            print(f"after run {run + 1:>2}: server {server[-1]:.0f} MB, largest worker {workers[-1]:.0f} MB")
    engine.shutdown()
    growth = server[-1] - server[4]
    early, late = max(workers[4:14]), max(workers[-10:])
    print(f"{RUNS - len(failures)}/{RUNS} runs finished ({RUNS // 2} of them ten-digit runs)")
    print(f"server: {server[4]:.0f} → {server[-1]:.0f} MB (+{growth:.0f} MB; bound +{SERVER_GROWTH_MB} MB)")
    print(f"largest worker: runs 5–14 {early:.0f} MB, last ten {late:.0f} MB ({late / early:.2f}×; bound {WORKER_GROWTH}×)")
    for failure in failures:
        print("FAILED:", failure)
    missed = failures or growth > SERVER_GROWTH_MB or late > WORKER_GROWTH * early
    if missed:
        print("MISSED the target")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
