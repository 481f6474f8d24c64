"""What each ``python -m core`` command does; :mod:`core.cli` reads the arguments and calls one.

Commands print for people (or JSON with ``--json``) and return the exit status; a user's mistake
raises ``ValueError`` (or ``ConnectionError``/``OSError``), which :func:`core.cli.main` prints as one line.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys

from core.classroom import ownership
from core.classroom.operator import open_class
from core.data import datasets, idx, tasks
from core.modeling.config import preset
from core.prediction.image_io import ImageReadError
from core.prediction.ink import BlankImageError
from core.storage.describe import classes_text
from core.storage.loading import load
from core.storage.names import check_name, models_dir
from core.storage.test_sets import describe_accuracies
from core.training.train_config import TrainConfig


def train(args: argparse.Namespace) -> int:
    """``train``: trains in a background job, printing each epoch, then saves the model.

    Returns:
        0 when saved, 1 when training failed.

    Raises:
        ValueError: For settings or data a user got wrong.

    """
    from core.training.job import TrainingJob  # Keras: only for the command that trains
    from core.training.result import metadata_for

    changes = {} if args.dropout is None else {"dropout": args.dropout}
    model_config = preset(args.preset, **changes)
    if args.augment:
        model_config = model_config.with_augmentation()
    check_name(args.name)
    db, who, limits = open_class()
    ownership.check_save(db, who, args.name, limits)  # before training: a refused name wastes no run
    task = tasks.parse_task(args.task)
    dataset = None
    if not task.is_mnist and (args.test_data or args.balance):
        raise ValueError("--test-data and --balance apply to the MNIST tasks only.")
    if not task.is_mnist:
        dataset = datasets.load_dataset(
            task, args.data, args.validation_split, args.seed, shapes_count=args.shapes_count, image_size=args.image_size
        )
    config = TrainConfig(
        task=args.task,
        data=args.data,
        model=model_config,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        optimizer=args.optimizer,
        validation_split=args.validation_split,
        seed=args.seed,
        early_stopping=args.early_stopping,
        balance=args.balance,
        test_data=args.test_data,
        shapes_count=args.shapes_count,
    )
    job = TrainingJob(config, dataset).start()
    printed, announced = 0, False
    while True:
        progress = job.wait(timeout=0.5)
        if not announced and progress.state not in ("queued", "loading"):
            print(f"data: {job.dataset.source if job.dataset else config.data}", flush=True)
            if job.dataset and job.dataset.notice:
                print(f"note: {job.dataset.notice}", flush=True)
            announced = True
        for record in progress.epoch_history[printed:]:
            printed += 1
            metrics = "  ".join(f"{k} {v:.4f}" for k, v in record.items())
            print(f"epoch {printed}/{config.epochs}  {metrics}  ({progress.elapsed_s:.0f} s)", flush=True)
        if progress.done:
            break
    if progress.state == "failed" or job.result is None:
        print(f"error: {progress.error}", file=sys.stderr)
        return 1
    result = job.result
    command = "python -m core " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    path = ownership.save_model(db, who, result.model, args.name, metadata_for(result, command), limits)
    print(
        f"test loss {result.test_loss:.4f}  test accuracy {result.test_accuracy:.4f}  ({len(result.dataset.x_test):,} test images)"
    )
    print(f"saved {path}")
    return 0


def predict(args: argparse.Namespace) -> int:
    """``predict``: one line (or JSON object) per image; an unreadable image gets its error instead.

    Returns:
        0 if every image was predicted, 2 if some could not be read.

    Raises:
        ModelFileError: If the model cannot be loaded.

    """
    classifier = load(args.model)
    status = 0
    for image in args.images:
        try:
            (prediction,) = classifier.predict(image)
        except (ImageReadError, BlankImageError) as error:
            status = 2
            line = {"file": image, "error": str(error)}
            print(json.dumps(line) if args.json else f"{image}: error: {error}", flush=True)
            continue
        if args.json:
            print(
                json.dumps(
                    {
                        "file": image,
                        "label": prediction.label,
                        "confidence": round(prediction.confidence, 6),
                        "probability": round(prediction.probability, 6),
                    }
                )
            )
        else:
            print(f"{image}: {prediction.label} (confidence {prediction.confidence:.2%}, sigmoid {prediction.probability:.4f})")
    return status


def evaluate(args: argparse.Namespace) -> int:
    """``evaluate``: metrics and the confusion matrix on labelled digits.

    Returns:
        0.

    Raises:
        ValueError: If the data or the model cannot be read, or no image belongs to the task.

    """
    from core.inspection.evaluation import evaluate as run_evaluation

    x, y = idx.load_labelled_images(args.data)  # the cheaper check first
    classifier = load(args.model)
    result = run_evaluation(classifier, x, y)
    summary = result.summary()
    matrix = result.confusion()
    if args.json:
        print(
            json.dumps(
                {
                    "model": args.model,
                    "images": len(result.labels),
                    **summary,
                    "confusion_matrix": matrix.tolist(),
                    "class_names": list(result.class_names),
                }
            )
        )
        return 0
    print(f"{args.model} on {len(result.labels):,} images from {args.data}")
    for key, value in summary.items():
        print(f"  {key:<10} {value:.4f}")
    width = max(max(len(n) for n in result.class_names), len(str(matrix.max()))) + 2
    print("confusion matrix (rows: true, columns: predicted)")
    print(" " * width + "".join(f"{n:>{width}}" for n in result.class_names))
    for name, row in zip(result.class_names, matrix, strict=True):
        print(f"{name:>{width}}" + "".join(f"{v:>{width}}" for v in row))
    return 0


def models(_: argparse.Namespace) -> int:
    """``models``: one line per model the operator may see: task, classes, owner, sharing, each test accuracy and its set.

    Returns:
        0.

    """
    db, who, _limits = open_class()
    found = ownership.visible_models(db, who)
    if not found:
        print(f"no models in {models_dir()}")
    for metadata in found:
        task, names = metadata.get("task", "?"), classes_text(metadata)
        shared = {"shipped": "everyone", "class": "the class"}.get(metadata["visibility"], "only the owner")
        owner = f"by {metadata['owner']}, shared with {shared}"
        print(f"{metadata['name']:<28} {task:<10} {names:<20} {owner:<40} {describe_accuracies(metadata)}")
    return 0
