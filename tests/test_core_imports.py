"""What importing core pulls in: never Streamlit, and no TensorFlow for what the web server uses."""

import pkgutil
import subprocess
import sys

import core
from tests.helpers.cli import ROOT

# Keras and TensorFlow are imported inside the functions that need them; only the training callback
# (a keras.callbacks.Callback) and the job that uses it import Keras when imported.
LIGHT_PACKAGES = ("data", "modeling", "storage", "prediction", "inspection")
LIGHT_TRAINING = ("train_config", "settings", "progress", "curves", "run_history", "job_queue")


def _modules(prefix: str = "core.") -> list[str]:
    found = [m.name for m in pkgutil.walk_packages(core.__path__, prefix) if not m.name.endswith("__main__")]
    return [name for name in found if ".migrations" not in name]  # Alembic's env.py runs only under Alembic


def _imported_after(modules: list[str], names: tuple[str, ...]) -> list[str]:
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    code += f"print(','.join(n for n in {names!r} if n in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return [name for name in result.stdout.strip().split(",") if name]


def test_core_never_imports_streamlit():
    modules = _modules()
    assert len(modules) >= 40 and "core.modeling.layers" in modules
    assert _imported_after(modules, ("streamlit",)) == []


def test_what_the_web_server_uses_imports_no_tensorflow():
    light = [m for m in _modules() if m.split(".")[1] in LIGHT_PACKAGES]
    light += [f"core.training.{name}" for name in LIGHT_TRAINING] + ["core.cli", "core.cli_commands"]
    assert "core.modeling.build" in light and "core.storage.registry" in light and "core.inspection.inside" in light
    assert _imported_after(light, ("tensorflow", "keras")) == []
