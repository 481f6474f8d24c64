import pkgutil
import subprocess
import sys

from conftest import ROOT


def test_core_never_imports_streamlit():
    import core

    modules = [f"core.{m.name}" for m in pkgutil.iter_modules(core.__path__) if m.name != "__main__"]
    assert len(modules) >= 10
    code = (
        "import importlib, sys\n"
        + "".join(f"importlib.import_module({m!r})\n" for m in modules)
        + "print('streamlit' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
