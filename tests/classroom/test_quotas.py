"""Each quota with a typed value and with the same value arriving in a shared link."""

import datetime as dt

import pytest

from core.classroom import identity, limits, ownership, quotas, runs
from core.classroom.limits import CLASS_DEFAULTS, Limits
from core.classroom.quotas import QuotaError
from core.modeling.limits import MAX_PARAMETERS
from core.modeling.size import model_size
from core.training import settings as train_settings
from core.training import settings_link
from tests.classroom.replica import FakeModel

# Counted by hand: conv 4096 ×4 with 'same' padding and 2×2 pooling shrinks 28 → 14 → 7 → 3 → 1;
# conv 1 has (3·3·1+1)·4096, convs 2–4 (3·3·4096+1)·4096 each, the output (4096+1)·1.
HUGE_CONV = 40_960 + 3 * 150_999_040 + 4_097
# The seed CNN (32, 64 filters, 5×5×64 = 1,600 features) with a 1,000,000-unit dense layer.
HUGE_DENSE = 320 + 18_496 + 1_601 * 1_000_000 + 1_000_001


def typed(values):
    return {**train_settings.DEFAULTS, **values}


def from_link(values):
    parsed, warnings = settings_link.from_query({k: str(v) for k, v in values.items()})
    assert warnings == []
    return parsed


@pytest.mark.parametrize(("arrive", "epochs"), [(typed, 1_000_000), (from_link, 100)], ids=["typed", "url"])
def test_too_many_epochs_are_clamped_with_a_sentence(arrive, epochs):
    result, messages = quotas.clamp_settings(arrive({"epochs": epochs}), CLASS_DEFAULTS)
    assert result["epochs"] == 50
    assert messages == [f"Epochs {epochs:,} is over the limit of 50 epochs per run; using 50."]
    assert quotas.clamp_settings(result, CLASS_DEFAULTS) == (result, [])  # within the limit: untouched


def test_a_link_over_the_forms_limit_is_refused_before_the_class_quota():
    parsed, warnings = settings_link.from_query({"epochs": "1000000"})
    assert warnings == [
        "The link's number of epochs '1000000' is refused: it must be from 1 to 500. The number of epochs stays at 8."
    ]
    assert "epochs" not in parsed or parsed["epochs"] != 1_000_000  # never silently changed to a limit
    assert quotas.clamp_settings({**train_settings.DEFAULTS, **parsed}, CLASS_DEFAULTS)[1] == []


@pytest.mark.parametrize("value", [10_000_000, "10000000"], ids=["typed", "url"])
def test_too_many_training_images_are_clamped(value):
    result, messages = quotas.clamp_settings({"task": "shapes", "shapes_count": value}, CLASS_DEFAULTS)
    assert result["shapes_count"] == 60_000
    assert messages == ["Shapes count 10,000,000 is over the limit of 60,000 training images per run; using 60,000."]


@pytest.mark.parametrize("arrive", [typed, from_link], ids=["typed", "url"])
@pytest.mark.parametrize(
    ("values", "parameters"),
    [({"conv": "4096,4096,4096,4096", "padding": "same"}, HUGE_CONV), ({"dense": "1000000"}, HUGE_DENSE)],
    ids=["filters", "dense"],
)
def test_a_network_over_the_parameter_limit_is_refused_before_it_is_built(arrive, values, parameters):
    result, messages = quotas.clamp_settings(arrive(values), CLASS_DEFAULTS)
    assert len(messages) == 1
    assert messages[0].startswith(f"This network would have {parameters:,} parameters (about ")
    assert "the limit is 2,000,000" in messages[0] and messages[0].endswith("The 'cnn' preset's layers are used instead.")
    assert (result["conv"], result["dense"]) == ("32,64", "")
    assert model_size(train_settings.model_config(result)).parameters <= CLASS_DEFAULTS.parameters


def test_personal_mode_refuses_only_what_would_not_fit_in_memory(monkeypatch):
    generous = limits.personal_limits()
    result, messages = quotas.clamp_settings(typed({"epochs": 1_000_000, "dense": "1000"}), generous)
    assert result["epochs"] == 1000 and result["dense"] == "1000"  # a 1.6-million-parameter network is fine
    assert generous.parameters == MAX_PARAMETERS  # the lab's own limit, which the training job checks too
    monkeypatch.setattr(limits, "memory_bytes", lambda: 200 * 10**6)
    small = limits.personal_limits()
    assert small.parameters == 200 * 10**6 // 4 // 16
    _, messages = quotas.clamp_settings(typed({"conv": "4096,4096,4096,4096", "padding": "same"}), small)
    assert f"{HUGE_CONV:,} parameters (about 7.2 GB while training); the limit is {small.parameters:,}" in messages[0]


def test_the_teacher_sets_a_limit_that_every_replica_reads(db, database_url):
    from core.classroom.db import open_database

    limits.set_limit(db, "epochs", 5)
    other = open_database(database_url)
    assert limits.limits_for(other, "class") == Limits(epochs=5)
    _, messages = quotas.clamp_settings(typed({"epochs": 6}), limits.limits_for(other, "class"))
    assert messages == ["Epochs 6 is over the limit of 5 epochs per run; using 5."]
    assert limits.limits_for(other, "personal").epochs == 1000  # personal mode ignores class limits
    limits.set_limit(db, "epochs", None)
    assert limits.limits_for(other, "class") == CLASS_DEFAULTS
    other.close()
    with pytest.raises(ValueError, match="There is no limit called 'gpus'"):
        limits.set_limit(db, "gpus", 1)
    with pytest.raises(ValueError, match="must be at least 1"):
        limits.set_limit(db, "upload_mb", 0)


def test_runs_at_once_per_student(db):
    ada, _ = identity.join(db, "Ada")
    first = runs.start_run(db, ada, typed({}), CLASS_DEFAULTS)
    with pytest.raises(QuotaError) as refused:
        runs.start_run(db, ada, typed({}), CLASS_DEFAULTS)
    assert str(refused.value) == (
        "You already have 1 run going; the limit is 1 run at once per student. Wait for it to finish or stop it."
    )
    runs.update_run(db, first, state="done", metrics={"test_accuracy": 0.99})
    assert runs.start_run(db, ada, typed({}), CLASS_DEFAULTS) != first
    teacher = identity.unlock_teacher(db, "p", "p")
    assert len({runs.start_run(db, teacher, typed({}), CLASS_DEFAULTS) for _ in range(3)}) == 3  # not a student
    assert [run.state for run in runs.runs_of(db, ada)] == ["queued", "done"]


def test_a_run_left_marked_running_by_a_stopped_server_stops_counting(db):
    from core.classroom.schema import Run, now

    ada, _ = identity.join(db, "Ada")
    leftover = runs.start_run(db, ada, typed({}), CLASS_DEFAULTS)
    runs.update_run(db, leftover, state="running")
    with pytest.raises(QuotaError):
        runs.start_run(db, ada, typed({}), CLASS_DEFAULTS)
    with db.session() as session:
        session.get(Run, leftover).created = now() - runs.STALE_AFTER - dt.timedelta(minutes=1)
    assert runs.running_count(db, ada) == 0
    assert runs.start_run(db, ada, typed({}), CLASS_DEFAULTS) != leftover


def test_saved_models_per_student(db, tmp_path):
    folder = tmp_path / "models"
    limits.set_limit(db, "saved_models", 2)
    quota = limits.limits_for(db, "class")
    ada, _ = identity.join(db, "Ada")
    for name in ("one", "two"):
        ownership.save_model(db, ada, FakeModel(), name, {}, quota, folder)
    with pytest.raises(QuotaError) as refused:
        ownership.save_model(db, ada, FakeModel(), "three", {}, quota, folder)
    assert str(refused.value) == "You have 2 saved models; the limit is 2 saved models per student. Delete one first."
    assert not (folder / "three.keras").exists()
    ownership.save_model(db, ada, FakeModel("better"), "two", {}, quota, folder)  # overwriting adds none
    ownership.delete_model(db, ada, "one", folder)
    ownership.save_model(db, ada, FakeModel(), "three", {}, quota, folder)


@pytest.mark.parametrize(
    ("check", "allowed", "value", "sentence"),
    [
        (quotas.check_upload, 20_000_000, 25_000_000, "That file is 25 MB; the limit is 20 MB per upload."),
        (
            quotas.check_training_images,
            60_000,
            60_001,
            "60,001 training images is over the limit of 60,000 training images per run; use fewer pictures.",
        ),
        (
            quotas.check_parameters,
            2_000_000,
            2_000_001,
            "This model has 2,000,001 parameters; the limit is 2,000,000 parameters per network.",
        ),
    ],
    ids=["upload", "training images", "uploaded model's parameters"],
)
def test_counted_quotas_refuse_what_is_over_the_limit(check, allowed, value, sentence):
    check(allowed, CLASS_DEFAULTS)
    with pytest.raises(QuotaError) as refused:
        check(value, CLASS_DEFAULTS)
    assert str(refused.value) == sentence
