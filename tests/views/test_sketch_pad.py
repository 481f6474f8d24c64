"""views/sketch_pad.py in a real browser: a change the server never acknowledges is sent again; an acknowledged one is not.

A busy server can drop a fragment's rerun; a Clear lost that way left an empty pad beside the old answer
(benchmarks/class_challenge_load.py saw it once in 600 Clears). The pad numbers its changes, each run hands
back the newest number it received, and an unacknowledged change is re-sent after a few seconds.
"""

import pytest

from tests.helpers import class_browser as cb
from tests.helpers.browser import chromium, require_browser, running_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def runs_with_a_stroke(page) -> int:
    return int(page.locator("h3", has_text="Runs with a stroke:").first.inner_text().rsplit(":", 1)[1])


def test_an_unacknowledged_change_is_sent_again_and_an_acknowledged_one_is_not(tmp_path):
    require_browser()
    with running_app(tmp_path, "tests/helpers/pad_app.py") as server, chromium() as browser:
        heard, deaf = cb.open_tab(browser, server.url), cb.open_tab(browser, f"{server.url}/?deaf=1")
        for page in (heard, deaf):
            cb.draw(page, cb.STROKES[1])
            cb.wait_until(lambda page=page: runs_with_a_stroke(page) >= 1, "a run with the stroke", 60, 0.2)
        deaf.wait_for_timeout(7000)  # the first re-send comes 4 s after the stroke
        assert runs_with_a_stroke(heard) == 1  # acknowledged: sent once
        assert runs_with_a_stroke(deaf) >= 2  # never acknowledged: sent again
