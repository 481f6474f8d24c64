"""Guessing codes: a growing wait per name and per session, a log for the teacher, and no hint of who exists."""

import datetime as dt

import pytest

from core.classroom import guessing, identity
from core.classroom.identity import NO_MATCH, IdentityError
from core.classroom.permissions import PermissionRefused

START = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock(monkeypatch):
    """The guard's clock, moved on by hand instead of sleeping."""
    moment = [START]
    monkeypatch.setattr(guessing, "now", lambda: moment[0])

    def move(seconds: float) -> None:
        moment[0] += dt.timedelta(seconds=seconds)

    return move


def _wrong(code: str) -> str:
    return "otter-maple-10" if code != "otter-maple-10" else "otter-maple-11"


def _refusal(call) -> str:
    with pytest.raises(IdentityError) as refused:
        call()
    return str(refused.value)


def test_the_wait_grows_per_name_and_a_right_code_then_clears_it(db, clock):
    _, code = identity.join(db, "Ada")
    for _ in range(guessing.FREE_TRIES):  # typos cost nothing
        assert _refusal(lambda: identity.come_back(db, "Ada", _wrong(code))) == NO_MATCH
    waits = []
    for _ in range(5):
        early = _refusal(lambda: identity.come_back(db, "Ada", code))  # even the right code waits
        waits.append(early)
        clock(int(early.split(" in ")[1].split()[0]))
        assert _refusal(lambda: identity.come_back(db, "Ada", _wrong(code))) == NO_MATCH
    assert waits == [f"Too many wrong codes for now: try again in {s} seconds." for s in (5, 10, 20, 40, 80)]
    clock(160)
    clock(-1)
    assert _refusal(lambda: identity.come_back(db, "ada", code)).startswith("Too many wrong codes")  # any spelling
    clock(1)
    assert identity.come_back(db, "Ada", code).name == "Ada"
    assert _refusal(lambda: identity.come_back(db, "Ada", _wrong(code))) == NO_MATCH  # counted afresh


def test_the_longest_wait_is_five_minutes_and_an_hour_forgets(db, clock):
    identity.join(db, "Ada")
    for _ in range(20):
        guessing.record_failure(db, "code", "Ada")
    assert guessing.refusal(db, "code", "Ada") == "Too many wrong codes for now: try again in 5 minutes."
    clock(300)
    assert guessing.refusal(db, "code", "Ada") is None
    guessing.record_failure(db, "code", "Ada")
    assert guessing.refusal(db, "code", "Ada") is not None
    clock(guessing.WINDOW.total_seconds())  # an hour later only the last one counts: no wait
    assert guessing.refusal(db, "code", "Ada") is None
    assert guessing.in_words(61) == "61 seconds" and guessing.in_words(1) == "1 second"


def test_the_message_is_the_same_for_an_existing_and_a_missing_name(db, clock):
    _, code = identity.join(db, "Ada")
    for name in ("Ada", "Grace"):
        outcomes = [_refusal(lambda n=name: identity.come_back(db, n, _wrong(code))) for _ in range(3)]
        outcomes.append(_refusal(lambda n=name: identity.come_back(db, n, code if n == "Ada" else _wrong(code))))
        assert outcomes == [NO_MATCH] * 3 + ["Too many wrong codes for now: try again in 5 seconds."], name


def test_one_session_trying_many_names_waits_too(db, clock):
    for name in ("Ada", "Ben", "Cleo"):
        identity.join(db, name)
    for name in ("Ada", "Ben", "Cleo"):  # one wrong code each: no name is over its free tries
        assert _refusal(lambda n=name: identity.come_back(db, n, "fox-oak-10", session_key="tab-1")) == NO_MATCH
    assert _refusal(lambda: identity.come_back(db, "Eve", "fox-oak-10", session_key="tab-1")).startswith("Too many")
    assert _refusal(lambda: identity.come_back(db, "Eve", "fox-oak-10", session_key="tab-2")) == NO_MATCH  # another tab


def test_wrong_teacher_passcodes_wait_too_and_are_logged_for_the_teacher(db, clock):
    for _ in range(3):
        assert _refusal(lambda: identity.unlock_teacher(db, "guess", "s3cret", session_key="tab-9")) == (
            "That is not the teacher passcode."
        )
    assert _refusal(lambda: identity.unlock_teacher(db, "s3cret", "s3cret")) == (
        "Too many wrong passcodes for now: try again in 5 seconds."
    )
    ada, _ = identity.join(db, "Ada")
    with pytest.raises(IdentityError):
        identity.come_back(db, "Grace", "fox-oak-10")
    with pytest.raises(PermissionRefused, match="Only the teacher can see the wrong codes"):
        guessing.log(db, ada.role)
    clock(5)
    teacher = identity.unlock_teacher(db, "s3cret", "s3cret")
    logged = guessing.log(db, teacher.role)
    assert [(f.kind, f.name, f.session, f.cleared) for f in logged] == [("code", "Grace", "", False)] + [
        ("passcode", "Teacher", "tab-9", True)
    ] * 3
    assert logged[-1].at == START
