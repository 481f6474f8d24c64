"""core.engine.ray_engine: the same runs and answers on a local Ray (ray.init(num_cpus=2))."""

from pathlib import Path

import numpy as np
import pytest

from core.engine.model_handle import ModelHandle
from core.training import settings
from core.training.run_state import RunState

ray = pytest.importorskip("ray", reason="Ray is in requirements-cluster.txt (installed by the dev requirements and CI)")
pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ray_engine():
    from core.engine.ray_engine import RayEngine

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    engine = RayEngine("local")
    yield engine
    engine.shutdown()
    ray.shutdown()


def test_a_run_trains_as_a_ray_actor_with_live_progress(ray_engine):
    config = settings.to_config(settings.DEFAULTS | {"task": "7-vs-8", "epochs": 3})
    job = ray_engine.start_training(config)
    progress = job.wait(300)
    assert progress.state == RunState.FINISHED, progress.error
    assert job.result.test_accuracy >= 0.95
    assert len(progress.batch_loss) == 3 * progress.batches


def test_answers_come_from_the_serving_actor(ray_engine, digit_images):
    handle = ModelHandle(ROOT / "models" / "mnist-7-vs-8.keras", ray_engine)
    images = np.stack([digit_images[7], digit_images[8]])[..., None]
    assert [p.label for p in handle.predict_inputs(images)] == ["7", "8"]


def test_an_error_in_a_ray_task_arrives_as_the_same_error(ray_engine):
    handle = ModelHandle(ROOT / "models" / "mnist-7-vs-8.keras", ray_engine)
    with pytest.raises(ValueError, match="Unknown look inside"):
        handle.inspect("no-such-look")


def test_without_ray_the_engine_says_how_to_install_it(monkeypatch):
    import builtins

    from core.engine import ray_engine

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray":
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(RuntimeError, match=r"requirements-cluster\.txt"):
        ray_engine.RayEngine("local")


RAY_FROM_A_PASSING_THREAD = """
import threading, time, ray
from core.engine.ray_engine import start_ray
from core.training.run_state import RunState

thread = threading.Thread(target=start_ray, kwargs={"num_cpus": 1, "include_dashboard": False, "log_to_driver": False})
thread.start()
thread.join()  # like a Streamlit script run: the thread that asked for Ray has ended
time.sleep(5)  # Ray's processes would have been killed with that thread by now
print(ray.get(ray.remote(lambda: 6 * 7).remote(), timeout=60))
"""


def test_a_ray_started_from_a_thread_that_ends_keeps_running():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", RAY_FROM_A_PASSING_THREAD], cwd=ROOT, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0 and done.stdout.strip().endswith("42"), done.stderr[-2000:]
