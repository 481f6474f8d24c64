"""What one student session leaves in the web server's memory: RSS growth per session against a baseline (issue 24.7).

`streamlit run app.py` in class mode (as ``class_challenge_load.py`` runs it); Chromium (Debian's) opens sessions a
few at a time, each in its own browser context. First a warm-up lesson (the models, datasets and pages' shared
caches load once per server, not per session), then the **baseline**: N sessions that only open Home and leave;
then N **lessons**: join the class, open Draw and draw a few digits (the server answers each one), open Evaluate
and Inside, open Train, and leave (``--train``: also train the default run for 1 epoch first). After each phase the
sessions are closed and the server's disconnected-session TTL (set to a few seconds here; Streamlit's default keeps a
closed tab's session 2 minutes for a reconnect) has passed, so what is left is what the server keeps for good.

Reported: the server's resident memory (VmRSS) after the warm-up, after the baseline and after the lessons, the
growth per session of each phase, and per lesson beyond the baseline; also the peak while the lessons were open.
Target, exit 1 when missed: a lesson leaves ≤ 3 MB in the server beyond a Home-only session (the class benchmark
measured about 10 MB per student before; the session's own data, a drawing and an answer, is a few hundred kB and
must go with the session).

The server runs as the README starts a class server, with ``MALLOC_ARENA_MAX=2`` (glibc's malloc arenas: Streamlit
runs each script run in a thread of its own, and a server started without it held 15 arenas before its first page
ran, which keep freed memory: +2.6 to +5 MB per lesson, the Python objects themselves not growing);
``--default-malloc`` leaves glibc's default to compare.

``--trace`` runs the server under ``tracemalloc`` (slower) and prints the allocation sites that grew most from the
end of the baseline to the end of the lessons: where to look when the target is missed.

Usage: ``python benchmarks/session_memory.py [sessions] [at_once] [--train] [--trace] [--default-malloc]`` (default 20 and 3; about
5 minutes at load 4).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.class_challenge_load import rss_mb  # noqa: E402

PASSCODE = "bench-teacher-1"
DRAWINGS = (7, 8, 7)
SESSION_TTL_S = 5  # server.disconnectedSessionTTL for this run (Streamlit's default is 120 s)
TARGET_MB = 3.0
TRACE_HOOK = """
import os, signal, tracemalloc
_folder = os.environ.pop("SESSION_MEMORY_TRACE", None)  # popped: the engine's workers must not trace (nor inherit it)
if _folder:
    tracemalloc.start(int(os.environ.get("SESSION_MEMORY_FRAMES", "12")))
    _count = [0]
    def _dump(signum, frame):
        _count[0] += 1
        path = os.path.join(_folder, f"snapshot-{_count[0]}.pickle")
        tracemalloc.take_snapshot().dump(path + ".part")
        os.replace(path + ".part", path)  # whole, or not there yet
    signal.signal(signal.SIGUSR1, _dump)
"""


def settled_rss(server, url: str, browser) -> float:
    """The server's RSS once closed sessions have outlived their TTL (a short visit makes Streamlit drop them)."""
    from tests.helpers import class_browser as cb

    time.sleep(SESSION_TTL_S + 2)
    page = cb.open_tab(browser, url)  # a connection makes the session store forget expired sessions
    page.context.close()
    time.sleep(SESSION_TTL_S + 2)
    page = cb.open_tab(browser, url)
    page.context.close()
    time.sleep(3)
    return rss_mb(server.process.pid)


def home_only(browser, url: str, index: int) -> object:
    """A session that opens Home (the class's welcome page) and does nothing else."""
    from tests.helpers import class_browser as cb

    return cb.open_tab(browser, url)


def lesson(browser, url: str, index: int, train: bool) -> object:
    """A student's short lesson: join, (train,) draw a few digits, open Evaluate, Inside and Train."""
    from tests.helpers import class_browser as cb

    page = cb.open_tab(browser, url)
    cb.join(page, f"Student {index:02d}")
    if train:
        cb.go(page, "Train")
        cb.start_training(page)
        cb.wait_trained(page)
    cb.go(page, "Draw")
    redraws: list[str] = []
    for digit in DRAWINGS:
        cb.draw_until_answered(page, cb.STROKES[digit], redraws)
        cb.clear(page)
    for title in ("Evaluate", "Inside", "Train"):
        cb.go(page, title)
    return page


def phase(browser, url: str, sessions: int, at_once: int, visit, pid: int) -> float:
    """Runs ``sessions`` visits, ``at_once`` tabs open together; returns the peak RSS seen while they were open."""
    peak = 0.0
    for start in range(0, sessions, at_once):
        pages = [visit(browser, url, i + 1) for i in range(start, min(start + at_once, sessions))]
        peak = max(peak, rss_mb(pid))
        for page in pages:
            page.context.close()
        print(f"  {min(start + at_once, sessions)}/{sessions} sessions, server {rss_mb(pid):.0f} MB", flush=True)
    return peak


def snapshot(pid: int, folder: Path, number: int):
    """The server's tracemalloc snapshot ``number`` (asked for with SIGUSR1)."""
    import tracemalloc

    os.kill(pid, signal.SIGUSR1)
    path = folder / f"snapshot-{number}.pickle"
    for _ in range(240):
        time.sleep(0.5)
        if path.exists():
            return tracemalloc.Snapshot.load(str(path))
    raise RuntimeError("the server wrote no tracemalloc snapshot")


def print_growth(before, after) -> None:
    """The allocation sites that grew most between two snapshots, with their innermost project frames."""
    import tracemalloc

    keep = [tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, "<frozen importlib._bootstrap*>")]
    before, after = before.filter_traces(keep), after.filter_traces(keep)
    print("\nGrowth by line (baseline end -> lessons end):")
    for stat in after.compare_to(before, "lineno")[:15]:
        print(f"  {stat.size_diff / 1e6:+7.2f} MB {stat.count_diff:+7d} blocks  {stat.traceback[0]}")
    print("\nGrowth by call stack (project frames):")
    for stat in after.compare_to(before, "traceback")[:10]:
        frames = [f for f in stat.traceback if str(ROOT) in f.filename] or list(stat.traceback)[-3:]
        print(f"  {stat.size_diff / 1e6:+7.2f} MB {stat.count_diff:+7d} blocks")
        for frame in frames[-6:]:
            print(
                f"      {Path(frame.filename).relative_to(ROOT) if str(ROOT) in frame.filename else frame.filename}:{frame.lineno}"
            )


def main(sessions: int = 20, at_once: int = 3, train: bool = False, trace: bool = False, default_malloc: bool = False) -> int:
    """Runs the benchmark; returns the exit status (0 when the target is met)."""
    from tests.helpers.browser import chromium, running_app

    scratch = Path(tempfile.mkdtemp(prefix="session-memory-"))
    folder = scratch / "models"
    shutil.copytree(ROOT / "models", folder, ignore=shutil.ignore_patterns(".*", "*.db*"))
    env = {"SIGMOID_LAB_MODELS": str(folder), "SIGMOID_LAB_TEACHER_PASSCODE": PASSCODE}
    env["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"
    env["STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"] = str(SESSION_TTL_S)
    if not default_malloc:
        env["MALLOC_ARENA_MAX"] = "2"  # as the README starts a class server
    if trace:
        (scratch / "hook").mkdir()
        (scratch / "hook" / "sitecustomize.py").write_text(TRACE_HOOK)
        env |= {"PYTHONPATH": f"{scratch / 'hook'}:{ROOT}", "SESSION_MEMORY_TRACE": str(scratch)}
    started = time.perf_counter()
    with running_app(scratch, **env) as server, chromium() as browser:
        pid, url = server.process.pid, server.url
        print("warm-up lesson (shared caches fill once per server)", flush=True)
        phase(browser, url, 1, 1, lambda b, u, i: lesson(b, u, 99, train), pid)
        warm = settled_rss(server, url, browser)
        print(f"after the warm-up: server {warm:.0f} MB\nbaseline: {sessions} sessions open Home only", flush=True)
        phase(browser, url, sessions, at_once, home_only, pid)
        base = settled_rss(server, url, browser)
        before = snapshot(pid, scratch, 1) if trace else None
        print(f"after the baseline: server {base:.0f} MB\nlessons: {sessions} sessions", flush=True)
        peak = phase(browser, url, sessions, at_once, lambda b, u, i: lesson(b, u, i, train), pid)
        end = settled_rss(server, url, browser)
        after = snapshot(pid, scratch, 2) if trace else None
    wall = time.perf_counter() - started
    per_home = (base - warm) / sessions
    per_lesson = (end - base) / sessions
    beyond = per_lesson - per_home
    print(f"\nserver RSS: warm {warm:.0f} MB -> baseline {base:.0f} MB -> lessons {end:.0f} MB (peak while open {peak:.0f} MB)")
    print(f"per Home-only session {per_home:+.2f} MB; per lesson {per_lesson:+.2f} MB; beyond the baseline {beyond:+.2f} MB")
    print(
        f"target: a lesson leaves <= {TARGET_MB:.1f} MB beyond a Home-only session: {'met' if beyond <= TARGET_MB else 'MISSED'}"
    )
    malloc = "glibc's default" if default_malloc else "MALLOC_ARENA_MAX=2"
    print(
        f"wall {wall / 60:.1f} min, {sessions} + {sessions} sessions, {at_once} at a time, training {'on' if train else 'off'}, {malloc}"
    )
    if trace:
        print_growth(before, after)
    shutil.rmtree(scratch, ignore_errors=True)
    return 0 if beyond <= TARGET_MB else 1


if __name__ == "__main__":
    flags = {a for a in sys.argv[1:] if a.startswith("--")}
    numbers = [int(a) for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(*numbers, train="--train" in flags, trace="--trace" in flags, default_malloc="--default-malloc" in flags))
