"""One drawing's whole path to an answer through ``core``, against ``model.predict`` on the ready input.

Run: ``python benchmarks/predict_speed.py [--model mnist-7-vs-8] [--rounds 8]``.

The core path starts from what the canvas returns (a 280×280 RGBA array, white on black) and
ends with a :class:`core.prediction.predict.Prediction`: preprocessing plus one call of the model's
compiled forward pass (:func:`core.prediction.predict.compiled_forward`). The
baseline is ``model.predict`` alone on the already prepared 28×28 input, so it gets the
preprocessing for free and still loses. The issue's target is a ratio of at least 30.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.prediction.predict import output_probabilities
from core.storage import registry

TARGET_RATIO = 30.0


def canvas_seven(transparent: bool = False) -> np.ndarray:
    """A 280×280 RGBA canvas with a white 7 drawn with a 24-pixel pen, as the Draw page gets it.

    Args:
        transparent: A transparent background (ink in alpha) instead of the page's opaque black.

    """
    mask = Image.new("L", (280, 280), 0)
    ImageDraw.Draw(mask).line([(80, 60), (200, 60), (120, 230)], fill=255, width=24, joint="curve")
    ink = np.asarray(mask)
    canvas = np.zeros((280, 280, 4), np.uint8)
    if transparent:
        canvas[..., :3], canvas[..., 3] = 255, ink
    else:
        canvas[..., :3], canvas[..., 3] = ink[..., None], 255
    return canvas


def interleaved_ms(runs: dict[str, tuple[Callable[[], object], int]], rounds: int) -> dict[str, float]:
    """Median milliseconds per call of each function, measured in alternating rounds.

    Alternating shares any background load fairly between the contenders.
    """
    times: dict[str, list[float]] = {name: [] for name in runs}
    for run, _ in runs.values():
        run()  # warm-up: the first call builds the compiled function
    for _ in range(rounds):
        for name, (run, calls) in runs.items():
            for _ in range(calls):
                start = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="mnist-7-vs-8")
    parser.add_argument("--rounds", type=int, default=8, help="alternating rounds (50 core calls, 2 model.predict each)")
    args = parser.parse_args()

    classifier = registry.load(args.model)
    canvas = canvas_seven()
    ready = classifier.prepare(canvas).input[None]

    def core_path() -> object:
        return classifier.predict(canvas)[0]

    def keras_predict() -> object:
        return classifier.model.predict(ready, verbose=0)

    answer = core_path()
    timings = interleaved_ms(
        {
            "core": (core_path, 50),
            "prepare": (lambda: classifier.prepare(canvas), 20),
            "model call": (lambda: output_probabilities(classifier.model, ready), 20),
            "model.predict": (keras_predict, 2),
        },
        args.rounds,
    )
    fast, slow = timings["core"], timings["model.predict"]
    ratio = slow / fast
    print(f"model: {args.model}  answer: {answer.label} ({answer.confidence:.4f})")
    print(
        f"core, 280×280 RGBA → answer : {fast:8.2f} ms  (preprocessing alone {timings['prepare']:.2f} ms, "
        f"compiled model call alone {timings['model call']:.2f} ms)"
    )
    print(f"model.predict on ready input: {slow:8.2f} ms")
    print(f"ratio: {ratio:.1f}× faster (target ≥ {TARGET_RATIO:.0f}×) → {'met' if ratio >= TARGET_RATIO else 'NOT met'}")


if __name__ == "__main__":
    main()
