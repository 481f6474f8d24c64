"""core.training.abandon: a run counts as abandoned only after its watcher has said no for the whole grace period."""

import time

from core.training.abandon import AbandonWatch


def test_nobody_asked_means_always_watched():
    assert not AbandonWatch(None, after_s=0).abandoned()


def test_abandoned_after_the_grace_period_of_no_and_final_from_then_on():
    answers = {"watched": False}
    watch = AbandonWatch(lambda: answers["watched"], after_s=0.2, what="sweep")
    assert not watch.abandoned()  # the first no starts the count
    time.sleep(0.25)
    assert watch.abandoned()
    answers["watched"] = True
    assert watch.abandoned()  # a stopped run stays stopped
    assert watch.message == "Nobody watched this sweep for 0 s (was the page closed?), so it was stopped."


def test_a_yes_in_between_starts_the_count_again():
    answers = iter([False, True, False])
    watch = AbandonWatch(lambda: next(answers), after_s=0.15)
    assert not watch.abandoned()
    time.sleep(0.1)
    assert not watch.abandoned()  # the page came back
    time.sleep(0.1)
    assert not watch.abandoned()  # 0.1 s of no since, not 0.2
