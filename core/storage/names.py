"""Model names: which are safe as file names, which are the lab's own, and where a name's files are.

Names are one name whatever their capitals: ``MNIST-7-VS-8`` is refused beside ``mnist-7-vs-8``
(:func:`refuse_case_twin`), so no one saves a look-alike of someone else's model, and the folder
works the same on a case-insensitive disk.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from core.i18n import _

MODELS_ENV = "SIGMOID_LAB_MODELS"
DEFAULT_MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
SHIPPED_MODELS = ("mnist-7-vs-8", "mnist-3-vs-rest", "shapes-circle-vs-square", "mnist-digits")
MAX_NAME_LENGTH = 64
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class ModelFileError(ValueError):
    """A model file is missing, damaged, unsafe or does not fit its metadata."""


def models_dir() -> Path:
    """The folder models are saved in (``SIGMOID_LAB_MODELS`` overrides ``models/``)."""
    return Path(os.environ.get(MODELS_ENV) or DEFAULT_MODELS_DIR)


def check_name(name: str) -> str:
    """Returns the name, stripped, if it is safe as a file name.

    Raises:
        ValueError: For empty, over-long, path-like or oddly charactered names.

    """
    name = (name or "").strip()
    if not name:
        raise ValueError(_("Give the model a name, e.g. my-7-vs-8."))
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(
            _("That name is {length} characters long; use at most {most}.").format(length=len(name), most=MAX_NAME_LENGTH)
        )
    if not _NAME.match(name) or ".." in name or name.lower().endswith((".keras", ".json")):
        raise ValueError(
            _(
                "Use only letters, digits, dots, dashes and underscores in a model name, starting "
                "with a letter or digit (no slashes, no '..', no file extension)."
            )
        )
    return name


def check_name_quietly(name: str) -> bool:
    """True if ``name`` passes :func:`check_name`."""
    try:
        check_name(name)
    except ValueError:
        return False
    return True


def refuse_shipped(name: str, instead: str) -> None:
    """Refuses one of the lab's default models' names for something only students' models may do.

    Args:
        name: The checked model name.
        instead: What to tell the student, e.g. ``"save under another name"``.

    Raises:
        ValueError: If ``name`` is one of :data:`SHIPPED_MODELS`.

    """
    if name in SHIPPED_MODELS:
        raise ValueError(_("{name} is one of the lab's default models; {instead}.").format(name=repr(name), instead=instead))


def case_twin(name: str, folder: Path | None = None) -> str | None:
    """The saved (or default) model whose name differs from ``name`` only in capitals, if any."""
    wanted = name.casefold()
    saved = [path.stem for path in (folder or models_dir()).glob("*.keras")]
    for other in (*SHIPPED_MODELS, *saved):
        if other != name and other.casefold() == wanted:
            return other
    return None


def refuse_case_twin(name: str, folder: Path | None = None) -> None:
    """Refuses a new name that only the capitals tell apart from a saved model's.

    Raises:
        ValueError: Naming the model already saved, e.g. for ``MNIST-7-VS-8`` beside ``mnist-7-vs-8``.

    """
    twin = case_twin(name, folder)
    if twin is not None:
        raise ValueError(
            _(
                "{name} is already taken as {twin}: model names are the same whatever their capitals, so pick another name."
            ).format(name=name, twin=twin)
        )


def resolve(name_or_path: str | Path, folder: Path | None = None) -> Path:
    """The ``.keras`` path for a saved model's name or a file path.

    Args:
        name_or_path: A saved model's name, or the path of any ``.keras`` file.
        folder: Where saved models are (default :func:`models_dir`).

    Returns:
        The path of an existing ``.keras`` file.

    Raises:
        ModelFileError: If no such model exists.

    """
    candidate = Path(name_or_path)
    if candidate.suffix == ".keras" and candidate.is_file():
        return candidate
    if check_name_quietly(str(name_or_path)):
        path = (folder or models_dir()) / f"{name_or_path}.keras"
        if path.is_file():
            return path
    raise ModelFileError(f"No model named {str(name_or_path)!r}; see `python -m core models` for the saved ones.")
