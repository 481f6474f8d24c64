"""The Sweep page under Streamlit's AppTest, through app.py: a linked grid runs, fills the table and heatmap, saves, and is kept."""

import time

import pytest

from core.classroom import identity, sweep_records
from core.classroom.db import open_database
from core.training.run_state import RunState
from tests.helpers.apptest import assert_page_ok, open_page

pytestmark = pytest.mark.slow
LINK = {
    "task": "7-vs-8",
    "preset": "dense",
    "conv": "",
    "dense": "128,64",
    "vary_lr": "0.001;0.003",
    "vary_batch": "32;64",
    "sweep_epochs": "1",
}


@pytest.fixture
def engine():
    """Workers spawned before the page runs: a process spawned during an AppTest run would re-run the test's script."""
    from core.engine import set_engine
    from core.engine.local import LocalEngine

    engine = LocalEngine(slots=2)
    deadline = time.monotonic() + 120
    while len(engine.workers()) < 3 and time.monotonic() < deadline:  # two trainers and the serving worker
        time.sleep(0.2)
    previous = set_engine(engine)
    yield engine
    set_engine(previous)
    engine.shutdown()


def open_sweep():
    return open_page("sweep", query=LINK, timeout=120)


def assert_ok(at):
    assert_page_ok(at, lambda at: any(b.label == "Start sweep" for b in at.button), "its Start sweep button")


def test_a_linked_grid_sweep_runs_shows_its_heatmap_and_saves_the_best_trial(engine, models_folder):
    at = open_sweep()
    assert_ok(at)
    assert any(c.value.endswith("4 trials.") for c in at.caption), [c.value for c in at.caption]
    assert at.multiselect(key="sweep_varied").value == ["lr", "batch"]
    next(b for b in at.button if b.label == "Start sweep").click().run()
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and not any(
        m.value.startswith("**Sweep on this computer: finished**") for m in at.markdown
    ):
        time.sleep(1)
        at.run()
        assert_ok(at)
    at.run()  # the run after the end shows the results
    status = next(m.value for m in at.markdown if m.value.startswith("**Sweep on this computer"))
    assert "on this computer: finished** · 4 finished ·" in status, status  # plain words, not "local engine"
    # the live table and the kept sweep's, and each chart's numbers; 2 curves, parallel coordinates, heatmap
    assert len(at.dataframe) == 2 + 4 and len(at.get("vega_lite_chart")) == 4
    best = next(m for m in at.metric if m.label.startswith("Best trial"))
    assert float(best.value.rstrip("%")) >= 90
    at.text_input(key="sweep_save_name").set_value("swept-best").run()
    next(b for b in at.button if b.label == "Save as model").click().run()
    assert_ok(at)
    assert any("Saved trial" in s.value for s in at.success) and (models_folder / "swept-best.keras").exists()
    db = open_database(models_folder=models_folder)
    [(kept, trial_runs)] = sweep_records.sweeps_of(db, identity.personal(db))  # the sweep is kept in the database
    assert kept.state == RunState.FINISHED and [r.state for r in trial_runs] == ["done"] * 4
    assert [r.model_name for r in trial_runs].count("swept-best") == 1
    assert any(e.label.startswith("Your sweeps (1 kept)") for e in at.expander)
