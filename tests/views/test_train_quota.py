"""views/train/quota.py through app.py: a run whose start was interrupted by another click is still the page's run."""

from core.engine import get_engine
from core.training import settings
from tests.views.test_train_page import open_train, run_until
from views.keys import Keys


def test_a_start_interrupted_before_the_page_took_its_job_is_adopted_on_the_next_run():
    at = open_train()
    assert not any(m.value.startswith("**Run 1**") for m in at.markdown)
    # What start_run leaves when Streamlit stops the script right after it (a click on another page at once):
    # the job started and handed to the session's list, never stored as the page's run.
    job = get_engine().start_training(
        settings.to_config(settings.DEFAULTS | {"task": "shapes", "preset": "tiny-cnn", "epochs": 1})
    )
    at.session_state[Keys.STARTED_JOBS] = [job]
    at.run()
    assert any(m.value.startswith("**Run 1**") for m in at.markdown), [m.value for m in at.markdown]
    assert at.session_state[Keys.JOB].id == job.id
    assert "Finished" in run_until(at, ["Finished"])
    assert any("Save model" in b.label for b in at.button)
