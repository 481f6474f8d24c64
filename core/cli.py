"""The command line: ``python -m core train | predict | evaluate | models``.

Every error a user can cause ends in one readable line on stderr and a non-zero exit
status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from core import cli_commands
from core.modeling.config import OPTIMIZERS, PRESETS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description="Sigmoid Lab: train and use small image classifiers.")
    commands = parser.add_subparsers(dest="command", required=True)

    train = commands.add_parser("train", help="train a model and save it into models/")
    train.add_argument("--task", default="7-vs-8", help="A-vs-B, A-vs-rest, digits, shapes or folder")
    train.add_argument("--data", default="auto", help="auto, full, sample, an mnist.npz, an IDX folder, or a class folder")
    train.add_argument("--test-data", help="IDX folder or .npz used only as the test set (e.g. ../shared/mnist)")
    train.add_argument("--preset", default="cnn", choices=sorted(PRESETS))
    train.add_argument("--epochs", type=int, default=3)
    train.add_argument("--batch-size", type=int, default=64)
    train.add_argument("--learning-rate", type=float, default=1e-3)
    train.add_argument("--optimizer", default="adam", choices=OPTIMIZERS)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the CLI; returns the exit status (0 ok, 1 error, 2 some images unreadable)."""
    args = _parser().parse_args(argv)
    handlers = {
        "train": cli_commands.train,
        "predict": cli_commands.predict,
        "evaluate": cli_commands.evaluate,
        "models": cli_commands.models,
    }
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
