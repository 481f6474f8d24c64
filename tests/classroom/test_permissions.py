"""Each role × each action × each kind of model, done for real on a class database and a models folder."""

import re

import pytest

from core.classroom import identity, ownership, permissions
from core.classroom.limits import CLASS_DEFAULTS
from core.classroom.permissions import PermissionRefused
from core.storage import registry
from tests.classroom.replica import FakeModel

SHIPPED, PRIVATE, PUBLISHED = "mnist-7-vs-8", "ada-net", "ada-class"
MODELS = (SHIPPED, PRIVATE, PUBLISHED)

KEPT = "{} is one of the lab's default models; save under another name."
NOT_YOURS = "{} belongs to Ada; save under another name."
HIDDEN = "{} belongs to Ada and is not shared with the class."
UNDELETABLE = "{} is one of the lab's default models and cannot be deleted."
NOT_YOURS_DELETE = "{} belongs to Ada: only they or the teacher can delete it."
ALWAYS_SHOWN = "{} is one of the lab's default models: everyone always sees it."
TEACHER_ONLY = "Only the teacher can publish models to the class or take them back."
OK = None

# actor -> action -> (outcome on the shipped model, on Ada's private model, on Ada's published model)
EXPECTED = {
    "teacher": {
        "list": (OK, OK, OK),
        "load": (OK, OK, OK),
        "save": (KEPT, NOT_YOURS, NOT_YOURS),
        "overwrite": (KEPT, NOT_YOURS, NOT_YOURS),
        "upload": (KEPT, NOT_YOURS, NOT_YOURS),
        "delete": (UNDELETABLE, OK, OK),
        "publish": (ALWAYS_SHOWN, OK, OK),
        "unpublish": (ALWAYS_SHOWN, OK, OK),
    },
    "owner": {
        "list": (OK, OK, OK),
        "load": (OK, OK, OK),
        "save": (KEPT, OK, OK),
        "overwrite": (KEPT, OK, OK),
        "upload": (KEPT, OK, OK),
        "delete": (UNDELETABLE, OK, OK),
        "publish": (TEACHER_ONLY,) * 3,
        "unpublish": (TEACHER_ONLY,) * 3,
    },
    "other student": {
        "list": (OK, HIDDEN, OK),
        "load": (OK, HIDDEN, OK),
        "save": (KEPT, NOT_YOURS, NOT_YOURS),
        "overwrite": (KEPT, NOT_YOURS, NOT_YOURS),
        "upload": (KEPT, NOT_YOURS, NOT_YOURS),
        "delete": (UNDELETABLE, NOT_YOURS_DELETE, NOT_YOURS_DELETE),
        "publish": (TEACHER_ONLY,) * 3,
        "unpublish": (TEACHER_ONLY,) * 3,
    },
    "personal": {
        "list": (OK, OK, OK),
        "load": (OK, OK, OK),
        "save": (KEPT, OK, OK),
        "overwrite": (KEPT, OK, OK),
        "upload": (KEPT, OK, OK),
        "delete": (UNDELETABLE, OK, OK),
        "publish": (ALWAYS_SHOWN, OK, OK),
        "unpublish": (ALWAYS_SHOWN, OK, OK),
    },
}
CASES = [(actor, action) for actor, actions in EXPECTED.items() for action in actions]


@pytest.fixture
def classroom(db, tmp_path):
    """A shipped model, Ada's private and published models, and the four people acting on them."""
    folder = tmp_path / "models"
    registry.save(FakeModel(), SHIPPED, {"task": "7-vs-8"}, folder)
    teacher = identity.unlock_teacher(db, "pass", "pass")
    ada, _ = identity.join(db, "Ada")
    bob, _ = identity.join(db, "Bob")
    for name in (PRIVATE, PUBLISHED):
        ownership.save_model(db, ada, FakeModel(), name, {"task": "7-vs-8"}, CLASS_DEFAULTS, folder)
    ownership.set_published(db, teacher, PUBLISHED, True, folder)
    people = {"teacher": teacher, "owner": ada, "other student": bob, "personal": identity.personal(db)}
    return folder, people


def _do(db, folder, who, action, name):
    """Carries out the action for real; returns None if done, else the refusal's sentence."""
    try:
        if action == "list":
            shown = [m["name"] for m in ownership.visible_models(db, who, folder)]
            ownership.authorize(db, who, "list", name, folder)
            assert name in shown
        elif action == "load":
            ownership.authorize(db, who, "load", name, folder)
        elif action in ("save", "upload"):  # a new model from a run or a file, under this model's name
            ownership.check_save(db, who, name, CLASS_DEFAULTS, folder, upload=action == "upload")
        elif action == "overwrite":
            ownership.save_model(db, who, FakeModel("new weights"), name, {"task": "7-vs-8"}, CLASS_DEFAULTS, folder)
        elif action == "delete":
            ownership.delete_model(db, who, name, folder)
        else:
            ownership.set_published(db, who, name, action == "publish", folder)
    except PermissionRefused as refusal:
        return str(refusal)
    return None


@pytest.mark.parametrize(("actor", "action"), CASES)
def test_each_role_and_action_on_each_kind_of_model(db, classroom, actor, action):
    folder, people = classroom
    who = people[actor]
    for name, expected in zip(MODELS, EXPECTED[actor][action], strict=True):
        before = (folder / f"{name}.keras").read_bytes()
        outcome = _do(db, folder, who, action, name)
        assert outcome == (expected.format(name) if expected else None), (actor, action, name)
        listed = {m["name"]: m for m in ownership.visible_models(db, people["teacher"], folder)}
        if outcome is not None or action in ("list", "load", "save", "upload"):
            assert (folder / f"{name}.keras").read_bytes() == before  # refused or read-only: untouched
        elif action == "delete":
            assert name not in listed and not (folder / f"{name}.keras").exists()
        elif action == "overwrite":
            assert (folder / f"{name}.keras").read_bytes() != before
            assert listed[name]["owner"] == who.name
        else:
            assert listed[name]["visibility"] == ("class" if action == "publish" else "private")
        if action == "list" and outcome is not None:
            assert name not in [m["name"] for m in ownership.visible_models(db, who, folder)]


@pytest.mark.parametrize("actor", list(EXPECTED))
def test_a_new_name_can_be_saved_and_uploaded_by_everyone(db, classroom, actor):
    folder, people = classroom
    ownership.check_save(db, people[actor], "upload-1", CLASS_DEFAULTS, folder, upload=True)
    ownership.save_model(db, people[actor], FakeModel(), "fresh", {"task": "7-vs-8"}, CLASS_DEFAULTS, folder)
    listed = {m["name"]: m for m in ownership.visible_models(db, people[actor], folder)}
    assert (listed["fresh"]["owner"], listed["fresh"]["kind"], listed["fresh"]["visibility"]) == (
        people[actor].name,
        "own",
        "private",
    )
    assert registry.read_metadata(folder / "fresh.keras")["owner"] == people[actor].name


def test_the_table_covers_every_role_action_and_kind():
    for role in permissions.ROLES:
        assert set(permissions.RULES[role]) == set(permissions.ACTIONS)
        for action in permissions.ACTIONS:
            assert set(permissions.RULES[role][action]) == set(permissions.KINDS)
    assert permissions.kind_of(None, "shipped", 1) == "shipped"
    assert permissions.kind_of(1, "class", 1) == "own"
    assert permissions.kind_of(2, "class", 1) == "published"
    assert permissions.kind_of(2, "private", 1) == "others"


# Every class action once: (student's refusal or OK; the teacher and personal mode may do all of them).
CLASS_EXPECTED = {
    "open_challenge": "Only the teacher can open, change or close a challenge.",
    "change_challenge": "Only the teacher can open, change or close a challenge.",
    "enter_own_model": OK,
    "enter_others_model": "ada-net is not one of your saved models: enter a model you trained.",
    "withdraw_own_entry": OK,
    "withdraw_others_entry": "Only the teacher can take someone else's model off the leaderboard.",
    "remove_digits": "Only the teacher can remove class digits.",
    "download_class": "Only the teacher can download the class's work.",
    "reset_class": "Only the teacher can reset the class.",
    "restore_class": "Only the teacher can restore the class from a download.",
    "read_sign_in_log": "Only the teacher can see the wrong codes people typed.",
    "dismiss_database_notice": "Only the teacher can put away the note about the class database.",
}


def test_the_class_table_lists_each_action_once():
    assert list(permissions.CLASS_ACTIONS) == list(CLASS_EXPECTED)  # each once, in the table's order
    assert len(set(permissions.CLASS_ACTIONS)) == len(permissions.CLASS_ACTIONS)
    for role in permissions.ROLES:
        assert list(permissions.CLASS_RULES[role]) == list(CLASS_EXPECTED), role
    for action, sentence in CLASS_EXPECTED.items():
        assert permissions.class_refusal("student", action, "ada-net") == sentence
        assert permissions.class_refusal("teacher", action) is None and permissions.class_refusal("personal", action) is None
    with pytest.raises(PermissionRefused, match=r"^Only the teacher can reset the class\.$"):
        permissions.check_class("student", "reset_class")


def test_the_modules_ask_the_table_rather_than_the_role(db, monkeypatch):
    """Turning a rule around in the table changes what challenge, class_digits and export allow."""
    import numpy as np

    from core.classroom import challenge, class_digits, export

    ada, _ = identity.join(db, "Ada")
    teacher = identity.unlock_teacher(db, "pass", "pass")
    students = dict(permissions.CLASS_RULES["student"])
    monkeypatch.setitem(permissions.CLASS_RULES, "student", students | dict.fromkeys(students))  # students may all
    info = challenge.open_challenge(db, ada, "Ada's own", "7-vs-8")
    class_digits.remove(db, ada, [])
    export.class_archive(db, who=ada)
    refused = "Nobody may, today."
    monkeypatch.setitem(permissions.CLASS_RULES, "teacher", dict.fromkeys(students, refused))
    for attempt in (
        lambda: challenge.update(db, teacher, info.id, end_now=True),
        lambda: class_digits.remove(db, teacher, []),
        lambda: export.reset_class(db, teacher),
        lambda: export.class_archive(db, who=teacher),
    ):
        with pytest.raises(ValueError, match=f"^{re.escape(refused)}$"):
            attempt()
    assert np.asarray(class_digits.arrays(db)[0]).shape[0] == 0
