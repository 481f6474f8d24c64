"""Each role × each action × each kind of model, done for real on a class database and a models folder."""

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
