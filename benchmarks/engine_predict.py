"""A drawing's answer through the engine's serving worker vs the same path inside one process.

Before issue 15 the web server ran the model itself: a 280×280 canvas → MNIST preprocessing →
one compiled model call, ~1.5–2 ms. Now preprocessing stays in the server and only the 28×28
input crosses a pipe to the worker. Both paths are timed here, in one run, on the same drawings.

Target: the engine's median within 1.5× of the in-process median. Exits 1 when missed.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGMOID_LAB_OFFLINE", "1")
TARGET = 1.5
ROUNDS = 400


def canvases(count: int) -> list[np.ndarray]:
    """RGBA canvases with a 7 drawn at varying places, as the Draw page receives them."""
    rng = np.random.default_rng(0)
    drawn = []
    for _ in range(count):
        image = Image.new("RGBA", (280, 280), (0, 0, 0, 255))
        dx, dy = rng.integers(-40, 40, size=2)
        ImageDraw.Draw(image).line([(80 + dx, 60 + dy), (200 + dx, 60 + dy), (120 + dx, 230 + dy)], fill="white", width=18)
        drawn.append(np.asarray(image))
    return drawn


def median_ms(predict, drawings: list[np.ndarray]) -> tuple[float, float]:
    for drawing in drawings[:20]:
        predict(drawing)  # warm both paths
    times = []
    for i in range(ROUNDS):
        started = time.perf_counter()
        predict(drawings[i % len(drawings)])
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * len(times))]


def main() -> int:
    from core.engine import get_engine
    from core.engine.model_handle import ModelHandle
    from core.storage import registry

    drawings = canvases(50)
    path = ROOT / "models" / "mnist-7-vs-8.keras"
    handle = ModelHandle(path)
    # The engine first, while this process holds no TensorFlow (as the web server never does).
    engine_median, engine_p95 = median_ms(lambda d: handle.predict_inputs(handle.prepare(d).input[None]), drawings)
    local = registry.load(path)
    local_median, local_p95 = median_ms(lambda d: local.predict_inputs(local.prepare(d).input[None]), drawings)
    ratio = engine_median / local_median
    print(f"in one process (the old web server): median {local_median:.2f} ms, p95 {local_p95:.2f} ms")
    print(f"through the serving worker:          median {engine_median:.2f} ms, p95 {engine_p95:.2f} ms")
    print(f"ratio {ratio:.2f}× (target ≤ {TARGET}×)")
    get_engine().shutdown()
    if ratio > TARGET:
        print("MISSED the target")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
