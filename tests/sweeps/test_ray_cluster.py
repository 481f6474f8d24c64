"""A sweep on a two-node Ray cluster on this machine (``ray start --head`` plus a second ``ray start --address``).

Both nodes have one CPU, so two trials at once must use both; each trial records the node it trained on. The driver
is a separate process, like the web server, and must not have imported TensorFlow. Every Ray process started here is
ended by its process group, never by ``ray stop`` (which would also end other Ray instances on a shared machine).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("ray", reason="Ray is in requirements-cluster.txt (installed by the dev requirements and CI)")
pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
DRIVER = """
import json, sys, time
import ray
from core.sweeps.ray_tune import RaySweep
from core.sweeps.spec import Axis, SweepSpec
from core.training import settings

ray.init(address=sys.argv[1], log_to_driver=False)
deadline = time.monotonic() + 180
while len([n for n in ray.nodes() if n["Alive"]]) < 2 and time.monotonic() < deadline:
    time.sleep(1)
nodes = sorted(n["NodeID"] for n in ray.nodes() if n["Alive"])
base = settings.DEFAULTS | {"task": "7-vs-8", "preset": "dense", "conv": "", "dense": "128,64", "dropout": 0.0}
spec = SweepSpec((Axis("lr", ("0.001", "0.002", "0.003", "0.004")),), epochs=2)
snapshot = RaySweep(spec, base).start().wait(900)
trials = [{"state": t.state, "node": t.node, "test_accuracy": t.test_accuracy, "error": t.error} for t in snapshot.trials]
tensorflow = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras"))
print(json.dumps({"nodes": nodes, "trials": trials, "tensorflow": tensorflow}))
ray.shutdown()
"""


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ray_start(args, env, log):
    command = ["ray", "start", "--block", "--num-cpus=1", "--disable-usage-stats", *args]
    command += [f"--dashboard-agent-listen-port={_free_port()}", f"--metrics-export-port={_free_port()}"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _end(process):
    """Ends one ``ray start --block`` and everything it started (its own process group)."""
    for sig, wait in ((signal.SIGTERM, 60), (signal.SIGKILL, 15)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(wait)
            os.killpg(process.pid, signal.SIGKILL)  # anything of the group still running
        except (subprocess.TimeoutExpired, ProcessLookupError):
            continue
        return


def test_a_sweep_runs_its_trials_on_both_nodes_of_a_cluster():
    scratch = Path(tempfile.mkdtemp(prefix="ray-"))  # short: Ray's socket paths live below it
    env = dict(os.environ, PYTHONPATH=str(ROOT), SIGMOID_LAB_OFFLINE="1", RAY_AUTH_MODE="disabled", RAY_USAGE_STATS_ENABLED="0")
    port = _free_port()
    nodes = []
    try:
        with open(scratch / "head.log", "w") as head_log, open(scratch / "worker.log", "w") as worker_log:
            nodes.append(
                _ray_start(
                    [
                        "--head",
                        f"--port={port}",
                        f"--temp-dir={scratch}",
                        "--include-dashboard=false",
                        f"--ray-client-server-port={_free_port()}",
                    ],
                    env,
                    head_log,
                )
            )
            nodes.append(_ray_start([f"--address=127.0.0.1:{port}", f"--temp-dir={scratch}"], env, worker_log))
            run = subprocess.run(
                [sys.executable, "-c", DRIVER, f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=1200,
            )
        assert run.returncode == 0, run.stderr[-3000:]
        report = json.loads(run.stdout.strip().splitlines()[-1])
        assert len(report["nodes"]) == 2, (scratch / "worker.log").read_text()[-2000:]
        assert [t["state"] for t in report["trials"]] == ["done"] * 4, report["trials"]  # RunState.FINISHED, as JSON
        assert all(t["test_accuracy"] >= 0.95 for t in report["trials"])
        assert {t["node"] for t in report["trials"]} == set(report["nodes"])  # trials ran on both nodes
        assert report["tensorflow"] == []
    finally:
        for node in reversed(nodes):
            _end(node)
        shutil.rmtree(scratch, ignore_errors=True)
