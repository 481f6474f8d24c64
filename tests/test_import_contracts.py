"""The layers hold: import-linter's contracts in pyproject.toml (core never imports Streamlit or views, views never
TensorFlow or Keras, the class records never the engine, no page another page) are all kept."""

import shutil
import subprocess

from tests.helpers.cli import ROOT


def test_every_import_contract_is_kept():
    command = shutil.which("lint-imports")
    assert command, "lint-imports is missing: pip install -r requirements-dev.txt"
    result = subprocess.run([command], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "5 kept, 0 broken" in result.stdout


def test_a_broken_contract_is_caught(tmp_path):
    """The check can fail: a views module importing keras directly breaks a contract."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        (ROOT / "pyproject.toml").read_text().split("[tool.importlinter]")[0]
        + '[tool.importlinter]\nroot_packages = ["views", "tests"]\ninclude_external_packages = true\n'
        + '[[tool.importlinter.contracts]]\nname = "tests never import Keras"\ntype = "forbidden"\n'
        + 'source_modules = ["tests"]\nforbidden_modules = ["keras"]\nallow_indirect_imports = true\n'
    )
    result = subprocess.run(
        [shutil.which("lint-imports"), "--config", str(config)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode != 0 and "BROKEN" in result.stdout  # tests import keras directly in places
