"""The command line: ``python -m core train | predict | evaluate | models``.

Every error a user can cause ends in one readable line on stderr and a non-zero exit
status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence

import numpy as np

from core.data import datasets as data
from core.data import mnist, tasks
from core.modeling import models
from core.prediction.image_io import ImageReadError
from core.prediction.preprocess import BlankImageError
from core.storage import registry
from core.training.job import TrainConfig, TrainingJob, metadata_for


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description="Sigmoid Lab: train and use small image classifiers.")
    commands = parser.add_subparsers(dest="command", required=True)

    train = commands.add_parser("train", help="train a model and save it into models/")
    train.add_argument("--task", default="7-vs-8", help="A-vs-B, A-vs-rest, digits, shapes or folder")
    train.add_argument("--data", default="auto", help="auto, full, sample, an mnist.npz, an IDX folder, or a class folder")
    train.add_argument("--test-data", help="IDX folder or .npz used only as the test set (e.g. ../shared/mnist)")
    train.add_argument("--preset", default="cnn", choices=sorted(models.PRESETS))
    train.add_argument("--epochs", type=int, default=3)
    train.add_argument("--batch-size", type=int, default=64)
    train.add_argument("--learning-rate", type=float, default=1e-3)
    train.add_argument("--optimizer", default="adam", choices=models.OPTIMIZERS)
    train.add_argument("--validation-split", type=float, default=0.1)
    train.add_argument("--dropout", type=float, help="override the preset's dropout")
    train.add_argument("--augment", action="store_true", help="random shifts, rotations and zoom while training")
    train.add_argument("--balance", action="store_true", help="A-vs-rest: as many 'rest' digits as A digits")
    train.add_argument("--early-stopping", type=int, default=0, metavar="PATIENCE")
    train.add_argument("--image-size", type=int, default=28, help="shapes and folder tasks: image side in pixels")
    train.add_argument("--shapes-count", type=int, default=2000, help="shapes task: how many shapes to draw for training")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--name", required=True, help="save as models/NAME.keras")

    predict = commands.add_parser("predict", help="classify image files")
    predict.add_argument("--model", required=True, help="a saved model's name or a .keras path")
    predict.add_argument("--json", action="store_true", help="one JSON object per line")
    predict.add_argument("images", nargs="+")

    evaluate = commands.add_parser("evaluate", help="measure a model on labelled digits")
    evaluate.add_argument("--model", required=True)
    evaluate.add_argument("--data", required=True, help=".npz with x and y, or an IDX folder such as ../shared/mnist")
    evaluate.add_argument("--json", action="store_true")

    commands.add_parser("models", help="list saved models")
    return parser


def _train(args: argparse.Namespace) -> int:
    changes = {} if args.dropout is None else {"dropout": args.dropout}
    model_config = models.preset(args.preset, **changes)
    if args.augment:
        model_config = model_config.with_augmentation()
    registry.check_name(args.name)
    task = tasks.parse_task(args.task)
    dataset = None
    if not task.is_mnist and (args.test_data or args.balance):
        raise ValueError("--test-data and --balance apply to the MNIST tasks only.")
    if not task.is_mnist:
        dataset = data.load_dataset(
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
    path = registry.save(result.model, args.name, metadata_for(result, command))
    print(
        f"test loss {result.test_loss:.4f}  test accuracy {result.test_accuracy:.4f}  ({len(result.dataset.x_test):,} test images)"
    )
    print(f"saved {path}")
    return 0


def _predict(args: argparse.Namespace) -> int:
    classifier = registry.load(args.model)
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


def _evaluate(args: argparse.Namespace) -> int:
    from core.inspection.evaluation import evaluate

    x, y = mnist.load_labelled_images(args.data)  # the cheaper check first
    classifier = registry.load(args.model)
    result = evaluate(classifier, x, y)
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


def _models(_: argparse.Namespace) -> int:
    found = registry.list_models()
    if not found:
        print(f"no models in {registry.models_dir()}")
    for metadata in found:
        accuracy = metadata.get("test_metrics", {}).get("accuracy")
        accuracy_text = f"{accuracy:.2%}" if isinstance(accuracy, float) and np.isfinite(accuracy) else "n/a"
        names = " vs ".join(metadata.get("class_names", [])) if len(metadata.get("class_names", [])) == 2 else "10 digits"
        print(f"{metadata['name']:<28} {metadata.get('task', '?'):<10} {names:<20} test accuracy {accuracy_text}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the CLI; returns the exit status (0 ok, 1 error, 2 some images unreadable)."""
    args = _parser().parse_args(argv)
    handlers = {"train": _train, "predict": _predict, "evaluate": _evaluate, "models": _models}
    try:
        return handlers[args.command](args)
    except (ValueError, ConnectionError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
