"""Who a session is, through app.py: personal mode, joining, coming back, the teacher's passcode, a school login."""

from streamlit.testing.v1 import AppTest

from tests.helpers.apptest import APP, assert_page_works, open_page, shown
from tests.helpers.class_app import class_folder, come_back, ok, student, submit, unlock_teacher, who
from views.keys import Keys


def test_personal_mode_is_one_user_and_needs_no_joining(tmp_path, monkeypatch):
    class_folder(tmp_path, monkeypatch, passcode=None)
    at = open_page("models", timeout=120)
    assert_page_works(at, "models")
    assert who(at) == "You · personal mode"
    assert not [b for b in at.button if b.label in ("Join the class", "Sign out")]
    assert any(
        shown(c.value).endswith("test accuracy 99.5% on 2,002 digits of the real MNIST test set") for c in at.sidebar.caption
    )


def test_join_come_back_wrong_code_and_a_name_already_taken(tmp_path, monkeypatch):
    class_folder(tmp_path, monkeypatch)
    ada, code = student("Ada")
    assert who(ada) == "Ada · student · class mode"
    assert_page_works(ada, "models")
    ok(submit(ada, "I wrote it down"))
    assert not ada.sidebar.success and Keys.NEW_CODE not in ada.session_state  # the code is shown once

    other = open_page("models", timeout=120)
    other.text_input(key=Keys.JOIN_NAME).input("ada")
    submit(other, "Join the class")
    assert [shown(e.value) for e in other.error] == [
        "Someone in this class is already called ada. Pick another name — or, if that is you, "
        "get back in with your name and the code you were given."
    ]
    come_back(other, "Ada", "otter-maple-00" if code != "otter-maple-00" else "otter-maple-01")
    assert other.error and shown(other.error[0].value).startswith("That name and code do not match anyone in this class.")
    ok(come_back(other, "Ada", code))
    assert who(other) == "Ada · student · class mode"
    assert_page_works(other, "models")
    ok(submit(other, "Sign out"))
    assert any("Welcome to the class" in t.value for t in other.title)


def test_the_passcode_can_come_from_secrets_toml(tmp_path, monkeypatch):
    class_folder(tmp_path, monkeypatch, passcode=None)
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["teacher_passcode"] = "from-secrets"
    at.session_state[Keys.OPEN_PAGE] = "models"
    ok(at.run())
    assert any("Welcome to the class" in t.value for t in at.title)
    unlock_teacher(at, "guess")
    assert [shown(e.value) for e in at.error] == ["That is not the teacher passcode."]
    ok(unlock_teacher(at, "from-secrets"))
    assert who(at) == "Teacher · teacher · class mode"
    assert_page_works(at, "models")


def test_a_school_login_is_the_identity_instead_of_name_and_code(tmp_path, monkeypatch):
    class_folder(tmp_path, monkeypatch)
    monkeypatch.setenv("SIGMOID_LAB_TEACHER_EMAILS", "grace@school.org")
    logged_out = AppTest.from_file(APP, default_timeout=120)
    logged_out.user = {"is_logged_in": False}
    ok(logged_out.run())
    assert any(b.label == "Log in" for b in logged_out.button)
    assert not [b for b in logged_out.button if b.label == "Join the class"]  # the login replaces name + code

    for email, name, role in (("ada@school.org", "Ada Lovelace", "student"), ("grace@school.org", "Grace", "teacher")):
        at = AppTest.from_file(APP, default_timeout=120)
        at.user = {"is_logged_in": True, "iss": "https://id.school.org", "sub": email.split("@")[0], "email": email, "name": name}
        at.session_state[Keys.OPEN_PAGE] = "models"
        ok(at.run())
        assert who(at) == f"{name} · {role} · class mode"
        assert any(b.label == "Log out" for b in at.button)
        assert_page_works(at, "models")


def test_a_student_the_teachers_reset_removed_is_signed_out_at_the_next_check(tmp_path, monkeypatch):
    from core.classroom import export, identity
    from core.classroom.db import open_database
    from tests.helpers.class_app import PASSCODE
    from views.shell import session as class_session

    class_folder(tmp_path, monkeypatch)
    ada, _ = student("Ada")
    ok(submit(ada, "I wrote it down"))
    monkeypatch.setattr(class_session, "RECHECK_S", 600.0)
    db = open_database()
    export.reset_class(db, identity.unlock_teacher(db, PASSCODE, PASSCODE))
    ok(ada.run())
    assert who(ada) == "Ada · student · class mode"  # not asked again within RECHECK_S
    monkeypatch.setattr(class_session, "RECHECK_S", 0.0)
    ada.run()
    assert not ada.exception and any("Welcome to the class" in t.value for t in ada.title)
    assert next(shown(e.value) for e in ada.error).startswith("You were signed out: your place in the class was removed")
    ok(ada.run())  # said once; the newcomer forms stay
    assert any(b.label == "Join the class" for b in ada.button)
