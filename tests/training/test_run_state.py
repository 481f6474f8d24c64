"""core.training.run_state: one state type whose values are the class database's strings."""

import pickle

import pytest

from core.training import run_state
from core.training.run_state import RunState


def test_the_values_are_what_the_database_has_always_stored():
    assert [s.value for s in RunState] == ["queued", "loading", "running", "stopping", "done", "pruned", "stopped", "failed"]
    assert RunState.FINISHED == "done" and f"{RunState.FINISHED}" == "done"  # a plain string in SQL and f-strings
    assert RunState("finished") is RunState.FINISHED  # how older sweeps were stored


def test_ended_and_active_split_the_states():
    assert {s for s in RunState if s.ended} == {RunState.FINISHED, RunState.PRUNED, RunState.STOPPED, RunState.FAILED}
    assert all(s.active != s.ended for s in RunState)


def test_words_for_tables_and_the_plain_word():
    assert RunState.FINISHED.word == "finished" and RunState.PRUNED.word == "pruned"
    assert run_state.words("done") == "finished" and run_state.words("pruned") == "stopped early"
    assert run_state.words("something new") == "something new" and run_state.words(None, "no run yet") == "no run yet"
    assert run_state.plain("finished") == run_state.plain("done") == "finished"
    assert run_state.parse("nonsense") is None


def test_a_state_crosses_a_process_boundary_as_itself():
    assert pickle.loads(pickle.dumps(RunState.STOPPING)) is RunState.STOPPING


def test_an_unknown_state_is_refused():
    with pytest.raises(ValueError):
        RunState("complete")
