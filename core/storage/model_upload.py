"""Models uploaded through the app: checked without Keras, loaded with safe mode, then saved like any other.

The order matters: the metadata is checked against its schema (:mod:`core.storage.metadata_check`)
and the file from its zip directory and network description (:mod:`core.storage.model_check`)
before Keras opens it; nothing reaches the models folder until every check has passed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from core.data import tasks
from core.storage.loading import load_checked
from core.storage.metadata_check import MAX_NAME, clean_metadata
from core.storage.model_check import check_output, check_weights
from core.storage.names import ModelFileError, check_name, models_dir, refuse_shipped
from core.storage.saving import save

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
_LOCAL_METADATA = ("name", "path", "modified", "keras_sha256", "saved")


def upload_file_name(file_name: str | None, name: str) -> str:
    """The name an uploaded file is checked under, so messages name the file the student chose.

    Only the last part of the name is kept (never a folder), and ``.keras`` is added when missing,
    because Keras reads only files with that ending. Without a file name, the save-as ``name`` is used.
    """
    base = Path(str(file_name or "")).name.strip() or name
    return base if base.endswith(".keras") else f"{base}.keras"


def import_uploaded(
    data: bytes,
    name: str,
    task: str | None = None,
    class_names: list[str] | tuple[str, ...] | None = None,
    folder: Path | None = None,
    metadata: dict[str, Any] | None = None,
    file_name: str | None = None,
) -> Path:
    """Checks an uploaded ``.keras`` file (safe mode only) and saves it as a new model.

    The file is written to a temporary folder and loaded there with :func:`load_keras_model`,
    so a file with custom code never runs; only then is it saved under ``name``.

    Args:
        data: The bytes of the ``.keras`` file.
        name: The name to save it under (a new one; the default models' names are refused).
        task: Its task (``7-vs-8``, ``3-vs-rest``, ``digits``, ``shapes``, ``folder``); taken
            from ``metadata`` when missing.
        class_names: Names by label; the task's default names when missing.
        folder: Where models are saved (default :func:`models_dir`).
        metadata: The model's downloaded ``.json``, if uploaded with it.
        file_name: The uploaded file's own name, which messages about the file use (default: ``name``).

    Returns:
        The path of the saved ``.keras`` file.

    Raises:
        ModelFileError: For a file that is not a usable, safe Keras model, is too big, does not end in a
            sigmoid (or softmax) or has broken weights.
        core.storage.metadata_check.MetadataError: For metadata outside the schema's bounds.
        ValueError: For a bad or taken name, a missing or unknown task, or a model whose
            input or outputs do not fit the task and class names.

    """
    name = check_name(name)
    refuse_shipped(name, "upload under another name")
    target_folder = folder or models_dir()
    if (target_folder / f"{name}.keras").exists():
        raise ValueError(f"A model named {name!r} exists already; choose another name.")
    if not data:
        raise ModelFileError("The uploaded file is empty.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ModelFileError(
            f"The file is {len(data) / 1e6:.0f} MB; models up to {MAX_UPLOAD_BYTES // 1_000_000} MB are accepted."
        )
    record = {k: v for k, v in clean_metadata(metadata or {}).items() if k not in _LOCAL_METADATA}
    if isinstance(record.get("train_config"), dict):
        # Paths in an uploaded file name folders on someone else's machine, or on this server:
        # never let them steer what the server reads.
        record["train_config"] = {k: v for k, v in record["train_config"].items() if k not in ("data", "test_data")}
    task = task or record.get("task")
    if not task:
        raise ValueError("Say which task the model was trained for (e.g. 7-vs-8), so the lab knows its classes.")
    parsed = tasks.parse_task(task)
    with tempfile.TemporaryDirectory(prefix="sigmoid-lab-model-upload-") as temporary:
        path = Path(temporary) / upload_file_name(file_name, name)
        path.write_bytes(data)
        shown = path.name
        model, facts = load_checked(path, shown)
        input_shape = tuple(int(v) for v in facts.input_shape)
        outputs = int(facts.output_shape[-1]) if len(facts.output_shape) == 1 else 0
        if outputs != (1 if parsed.num_classes == 2 else parsed.num_classes):
            expected = "one sigmoid output" if parsed.num_classes == 2 else f"{parsed.num_classes} softmax outputs"
            raise ValueError(f"The task {parsed.spec} needs {expected}; the uploaded model has {outputs}.")
        check_output(facts, shown, parsed.num_classes)
        check_weights(model, shown)
        if parsed.is_mnist and input_shape != (28, 28, 1):
            raise ValueError(f"MNIST tasks take 28×28 grayscale images; the uploaded model takes {input_shape}.")
        names = tuple(str(n).strip() for n in (class_names or record.get("class_names") or parsed.default_class_names()))
        if len(names) != parsed.num_classes or not all(names) or len(set(names)) != len(names):
            raise ValueError(f"Give {parsed.num_classes} different class names, one per class.")
        if max(len(n) for n in names) > MAX_NAME:
            raise ValueError(f"Keep each class name to at most {MAX_NAME} characters.")
        style = record.get("input_style") or parsed.input_style
        record.update(
            task=parsed.spec,
            class_names=list(names),
            input_shape=list(input_shape),
            input_style=style,
            parameters=int(model.count_params()),
            uploaded=True,
        )
        if len(names) == 2:
            record["sigmoid_means"] = names[1]
        return save(model, name, record, folder=target_folder, overwrite=False, protect_shipped=True)
