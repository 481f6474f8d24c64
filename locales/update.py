"""Refreshes the catalogs after the code's texts changed: pybabel extract → update → compile (run from the repository).

    python locales/update.py          # extract core/ views/ app.py into locales/sigmoid_lab.pot, update and compile every language

Then translate the new or changed entries in ``locales/<lang>/LC_MESSAGES/sigmoid_lab.po`` (an
untranslated entry has ``msgstr ""``; a changed one is marked ``#, fuzzy``) and run it again.
A new language: ``pybabel init -i locales/sigmoid_lab.pot -d locales -D sigmoid_lab -l fr`` and add it
to ``core.i18n.LANGUAGES``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POT = ROOT / "locales" / "sigmoid_lab.pot"
KEYWORDS = ["-k", "_", "-k", "ngettext:1,2", "-k", "N_"]


def pybabel(*args: str) -> None:
    """Runs ``pybabel`` with this interpreter, from the repository's root."""
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT, check=True)


def extract(output: Path = POT) -> None:
    """Every marked text of core/, views/ and app.py into a template, without line numbers (they move)."""
    pybabel("extract", "-F", "babel.cfg", *KEYWORDS, "--no-location", "--sort-output", "--omit-header", "-o", str(output), ".")


def main() -> None:
    """Extract, update every language's catalog, compile them."""
    extract()
    pybabel("update", "-i", str(POT), "-d", "locales", "-D", "sigmoid_lab", "--no-wrap", "--ignore-obsolete")
    pybabel("compile", "-d", "locales", "-D", "sigmoid_lab", "--use-fuzzy" if "--use-fuzzy" in sys.argv else "--statistics")


if __name__ == "__main__":
    main()
