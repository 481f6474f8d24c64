"""Look-alike names: nobody joins as a copy of the teacher or of another student, and model names ignore capitals."""

import pytest

from core.classroom import identity, login, name_keys, ownership
from core.classroom.identity import IdentityError
from core.classroom.limits import CLASS_DEFAULTS
from core.storage import registry
from tests.classroom.replica import FakeModel

TAKEN = "Pick another name — or, if that is you, get back in with your name and the code you were given."


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("\u03a4eacher", "'\u03a4eacher' looks just like a name kept for the lab; pick another name."),  # Greek Tau
        ("TEACHER", "'TEACHER' is kept for the lab; pick another name."),
        ("\uff34eacher", "'Teacher' is kept for the lab; pick another name."),  # full width: NFKC makes it plain
        ("Te\u0430cher", "'Te\u0430cher' looks just like a name kept for the lab; pick another name."),  # Cyrillic а
    ],
)
def test_look_alikes_of_the_teacher_are_refused_with_a_sentence(db, name, sentence):
    with pytest.raises(IdentityError) as refused:
        identity.join(db, name)
    assert str(refused.value) == sentence


@pytest.mark.parametrize("look_alike", ["\u0430da3", "ADA3", "Ada3 ", "\u0410\u0501a3", "Adа3", "ada\u0417", "AdaЗ"])
def test_look_alikes_of_a_student_are_refused_with_a_sentence(db, look_alike):
    ada, code = identity.join(db, "ada3")
    with pytest.raises(IdentityError) as refused:
        identity.join(db, look_alike)
    shown = " ".join(look_alike.split())
    start = "Someone in this class is already called" if shown.casefold() == "ada3" else f"{shown} looks just like ada3"
    assert str(refused.value).startswith(start) and str(refused.value).endswith(TAKEN)
    assert identity.come_back(db, "ada3", code) == ada


def test_keys_fold_look_alike_letters_digits_and_case():
    assert name_keys.key("\u03a4eacher") == name_keys.key("teacher") == name_keys.key("TEACHER")
    assert name_keys.same("Al1ce", "ALICE") and name_keys.same("Bo0", "boo") and name_keys.same("Arnold", "amold")
    assert not name_keys.same("Ada", "Adam") and not name_keys.same("Ben", "Bea")
    assert name_keys.tidy("  \uff21da   Lovelace ") == "Ada Lovelace"


def test_a_login_that_looks_like_a_student_gets_a_numbered_name(db):
    identity.join(db, "Ada")
    other = login.from_login(db, {"sub": "7", "name": "\u0410da", "email": "x@school.example"}, "class")
    assert other.name == "\u0410da (2)"


def test_model_names_are_one_name_whatever_their_capitals(db, tmp_path):
    folder = tmp_path / "models"
    registry.save(FakeModel(), "mnist-7-vs-8", {"task": "7-vs-8"}, folder)
    ada, _ = identity.join(db, "Ada")
    ownership.save_model(db, ada, FakeModel(), "ada-net", {"task": "7-vs-8"}, CLASS_DEFAULTS, folder)
    with pytest.raises(ValueError) as refused:
        ownership.check_save(db, ada, "MNIST-7-VS-8", CLASS_DEFAULTS, folder)
    assert str(refused.value) == (
        "MNIST-7-VS-8 is already taken as mnist-7-vs-8: model names are the same whatever their capitals, so pick another name."
    )
    bob, _ = identity.join(db, "Bob")
    with pytest.raises(ValueError, match=r"^Ada-Net is already taken as ada-net"):
        ownership.check_save(db, bob, "Ada-Net", CLASS_DEFAULTS, folder, upload=True)
    ownership.save_model(db, ada, FakeModel("v2"), "ada-net", {"task": "7-vs-8"}, CLASS_DEFAULTS, folder)  # same name
    assert sorted(p.stem for p in folder.glob("*.keras")) == ["ada-net", "mnist-7-vs-8"]
