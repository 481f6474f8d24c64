"""One drawing's whole path to an answer through ``core``, against the model's own cost.

Run: ``python benchmarks/predict_speed.py [--model mnist-7-vs-8] [--rounds 8]``.

The core path starts from what the canvas returns (a 280×280 RGBA array, white on black) and
ends with a :class:`core.prediction.predict.Prediction`: MNIST preprocessing plus one call of the
model's compiled forward pass. Two baselines, both on the already prepared 28×28 input:

- ``model.predict`` (the seed scripts' way): the core path must be at least 30× faster
  (the issue's target), although the baseline gets the preprocessing for free;
- the bare compiled call (:func:`core.prediction.predict.compiled_forward`, the model's own cost):
  the whole path may cost at most 1.5× preprocessing plus that call, i.e. the glue between
  them (checks, stacking, building the answer) stays small.

Exits 1 when either target is missed. Timings alternate between the contenders in rounds, so a
shared machine's background load falls on all of them alike.
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

from core.prediction.predict import compiled_forward
from core.storage.loading import load

TARGET_VS_PREDICT = 30.0  # the core path at least this many times faster than model.predict
TARGET_VS_PARTS = 1.5  # the core path at most this many times preprocessing + the bare compiled call


def canvas_seven() -> np.ndarray:
    """A 280×280 RGBA canvas with a white 7 drawn with a 24-pixel pen, as the Draw page gets it."""
    mask = Image.new("L", (280, 280), 0)
    ImageDraw.Draw(mask).line([(80, 60), (200, 60), (120, 230)], fill=255, width=24, joint="curve")
    canvas = np.zeros((280, 280, 4), np.uint8)
    canvas[..., :3], canvas[..., 3] = np.asarray(mask)[..., None], 255
    return canvas


def interleaved_ms(runs: dict[str, tuple[Callable[[], object], int]], rounds: int) -> dict[str, float]:
    """Median milliseconds per call of each function, measured in alternating rounds."""
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="mnist-7-vs-8")
    parser.add_argument("--rounds", type=int, default=8, help="alternating rounds (50 core calls, 2 model.predict each)")
    args = parser.parse_args()

    classifier = load(args.model)
    canvas = canvas_seven()
    ready = classifier.prepare(canvas).input[None]
    forward = compiled_forward(classifier.model)
    answer = classifier.predict(canvas)[0]
    timings = interleaved_ms(
        {
            "core path": (lambda: classifier.predict(canvas)[0], 50),
            "preprocessing": (lambda: classifier.prepare(canvas), 20),
            "bare compiled call": (lambda: forward(ready).numpy(), 20),
            "model.predict": (lambda: classifier.model.predict(ready, verbose=0), 2),
        },
        args.rounds,
    )
    path, parts = timings["core path"], timings["preprocessing"] + timings["bare compiled call"]
    vs_predict, vs_parts = timings["model.predict"] / path, path / parts
    print(f"model: {args.model}  answer: {answer.label} ({answer.confidence:.4f})")
    for name, value in timings.items():
        print(f"{name:<20} {value:8.2f} ms")
    print(f"core path vs model.predict: {vs_predict:.1f}× faster (target ≥ {TARGET_VS_PREDICT:.0f}×)")
    print(
        f"core path vs its parts (preprocessing + bare compiled call, {parts:.2f} ms): {vs_parts:.2f}× "
        f"(target ≤ {TARGET_VS_PARTS}×); the whole path takes {path / timings['bare compiled call']:.1f}× the bare call"
    )
    met = vs_predict >= TARGET_VS_PREDICT and vs_parts <= TARGET_VS_PARTS
    print("targets met" if met else "TARGET MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
