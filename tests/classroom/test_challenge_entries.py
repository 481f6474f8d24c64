"""Entering models into the class challenge on a real class database: the rules, the task, the owner, withdrawing."""

import pytest

from core.classroom import challenge, challenge_entries, identity, ownership
from core.classroom.challenge import ChallengeError
from core.classroom.limits import CLASS_DEFAULTS


@pytest.fixture
def people(db):
    teacher = identity.unlock_teacher(db, "pass", "pass")
    ada, _ = identity.join(db, "Ada")
    ben, _ = identity.join(db, "Ben")
    return teacher, ada, ben


def test_entries_keep_the_rules_the_task_and_their_owner(db, people, models_folder, fake_model):
    teacher, ada, ben = people
    info = challenge.open_challenge(db, teacher, "Best 7 vs 8", "7-vs-8", max_parameters=50_000, max_epochs=3)
    ownership.save_model(db, ada, fake_model, "ada-net", {"task": "7-vs-8"}, CLASS_DEFAULTS, models_folder)
    with pytest.raises(ChallengeError, match="ada-net is not one of your saved models"):
        challenge_entries.submit(db, ben, info, "ada-net", "7-vs-8", 20_000, 3)
    refusals = {
        ("3-vs-rest", 20_000, 3): "ada-net tells 3-vs-rest apart, but this challenge is 7-vs-8: enter a 7-vs-8 model.",
        ("7-vs-8", 60_000, 3): "ada-net has 60,000 parameters; this challenge allows at most 50,000.",
        ("7-vs-8", 20_000, 5): "ada-net trained for 5 epochs; this challenge allows at most 3.",
    }
    for (task, parameters, epochs), sentence in refusals.items():
        with pytest.raises(ChallengeError) as refused:
            challenge_entries.submit(db, ada, info, "ada-net", task, parameters, epochs)
        assert str(refused.value) == sentence
    entry = challenge_entries.submit(db, ada, info, "ada-net", "7-vs-8", 20_417, 3)
    with pytest.raises(ChallengeError, match="already in this challenge"):
        challenge_entries.submit(db, ada, info, "ada-net", "7-vs-8", 20_417, 3)
    assert challenge_entries.submit(db, teacher, info, "mnist-7-vs-8", "7-vs-8", 20_417, 3) > entry  # the teacher: a baseline
    with pytest.raises(ChallengeError, match="Only the teacher"):
        challenge_entries.withdraw(db, ben, entry)
    challenge.update(db, teacher, info.id, end_now=True)
    with pytest.raises(ChallengeError, match="has ended"):
        challenge_entries.submit(db, ada, challenge.latest(db), "ada-net", "7-vs-8", 20_417, 3)


def test_a_saved_models_epochs_come_from_its_run_then_its_history_then_its_settings():
    assert challenge_entries.epochs_of({"epochs_trained": 2, "history": [{}] * 5}) == 2
    assert challenge_entries.epochs_of({"history": [{}] * 4, "train_config": {"epochs": 30}}) == 4
    assert challenge_entries.epochs_of({"train_config": {"epochs": 30}}) == 30
    assert challenge_entries.epochs_of({}) is None
