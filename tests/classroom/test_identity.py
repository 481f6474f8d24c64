import re

import pytest

from core.classroom import codes, identity, login
from core.classroom.identity import IdentityError
from core.classroom.schema import Person

CODE = re.compile(r"^[a-z]+-[a-z]+-\d{2}$")


def test_a_student_joins_and_gets_a_code_that_is_stored_only_hashed(db):
    ada, code = identity.join(db, "  Ada   Lovelace ")
    assert (ada.name, ada.role, ada.mode) == ("Ada Lovelace", "student", "class")
    assert CODE.match(code), code
    with db.session() as session:
        stored = session.get(Person, ada.person_id).code_hash
    assert code not in stored and stored.startswith("scrypt$")
    assert ada.label == "Ada Lovelace · student · class mode"


def test_coming_back_with_name_and_code_gives_the_same_person(db):
    ada, code = identity.join(db, "Ada")
    assert identity.come_back(db, "ada", code) == ada
    assert identity.come_back(db, " ADA ", code.upper().replace("-", " ")) == ada


def test_a_wrong_code_is_refused_with_a_sentence(db):
    _, code = identity.join(db, "Ada")
    wrong = "otter-maple-10" if code != "otter-maple-10" else "otter-maple-11"
    with pytest.raises(IdentityError, match=r"^That name and code do not match anyone in this class\."):
        identity.come_back(db, "Ada", wrong)
    with pytest.raises(IdentityError, match=r"^That name and code do not match anyone in this class\."):
        identity.come_back(db, "Grace", code)


def test_two_students_choosing_the_same_name(db):
    first, code = identity.join(db, "Sam")
    with pytest.raises(IdentityError) as refused:
        identity.join(db, "sam")
    assert str(refused.value) == (
        "Someone in this class is already called sam. Pick another name — or, if that is you, "
        "get back in with your name and the code you were given."
    )
    second, _ = identity.join(db, "Sam B")
    assert second.person_id != first.person_id
    assert identity.come_back(db, "Sam", code) == first


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("", "Type your name to join the class."),
        ("x" * 31, "Use a shorter name: at most 30 letters (yours has 31)."),
        ("../etc", "Use letters, digits, spaces, dashes, dots or apostrophes"),
        ("Teacher", "'Teacher' is kept for the lab; pick another name."),
    ],
)
def test_unusable_names_are_refused(db, name, sentence):
    with pytest.raises(IdentityError, match=re.escape(sentence)):
        identity.join(db, name)


def test_the_teacher_unlocks_with_the_passcode_only(db):
    with pytest.raises(IdentityError, match=r"^That is not the teacher passcode\.$"):
        identity.unlock_teacher(db, "guess", "s3cret")
    with pytest.raises(IdentityError, match="personal mode"):
        identity.unlock_teacher(db, "anything", None)
    teacher = identity.unlock_teacher(db, " s3cret ", "s3cret")
    assert (teacher.role, teacher.mode) == ("teacher", "class")
    assert identity.personal(db).person_id == teacher.person_id  # personal mode's user is the teacher


def test_the_mode_comes_from_the_secret_or_the_environment(monkeypatch):
    monkeypatch.delenv(identity.PASSCODE_ENV, raising=False)
    assert identity.lab_mode(identity.configured_passcode(None)) == "personal"
    assert identity.lab_mode(identity.configured_passcode("  ")) == "personal"
    assert identity.configured_passcode("from-secrets") == "from-secrets"
    monkeypatch.setenv(identity.PASSCODE_ENV, "from-env")
    assert identity.configured_passcode(None) == "from-env"
    assert identity.lab_mode(identity.configured_passcode(None)) == "class"


def test_codes_compare_only_with_their_own_hash():
    code = codes.new_code()
    stored = codes.hash_code(code)
    assert codes.check_code(code, stored)
    assert codes.hash_code(code) != stored  # a new salt each time
    assert not codes.check_code(code + "x", stored)
    assert not codes.check_code(code, None)
    assert not codes.check_code(code, "md5$00$00")


def test_a_login_maps_to_one_person_each_time(db):
    user = {
        "is_logged_in": True,
        "iss": "https://accounts.school.example",
        "sub": "1234",
        "email": "ada@school.example",
        "name": "Ada",
    }
    first = login.from_login(db, user, "class")
    assert (first.name, first.role) == ("Ada", "student")
    assert login.from_login(db, user | {"name": "Ada L."}, "class") == first
    teacher = login.from_login(db, user, "class", teacher_emails={"ADA@school.example"})
    assert (teacher.person_id, teacher.role) == (first.person_id, "teacher")
    assert login.from_login(db, user, "personal").role == "personal"


def test_a_login_whose_name_is_taken_gets_a_numbered_name(db):
    identity.join(db, "Ada")
    other = login.from_login(db, {"sub": "99", "name": "Ada", "email": "ada2@school.example"}, "class")
    assert other.name == "Ada (2)"


def test_a_login_without_a_user_is_refused(db):
    with pytest.raises(IdentityError, match=r"^Log in first"):
        login.from_login(db, {"is_logged_in": False}, "class")
    with pytest.raises(IdentityError, match="did not say who you are"):
        login.from_login(db, {"is_logged_in": True, "name": "Nobody"}, "class")
