"""A held identity looked up again: the teacher's reset, a changed row and a reused id are noticed."""

from sqlalchemy import update

from core.classroom import export, identity, presence
from core.classroom.schema import Person


def test_a_student_is_here_until_the_teacher_clears_the_class(db):
    ada, _ = identity.join(db, "Ada")
    teacher = identity.unlock_teacher(db, "pass", "pass")
    assert presence.still_here(db, ada) and presence.still_here(db, teacher)
    export.reset_class(db, teacher)
    assert not presence.still_here(db, ada)
    assert presence.still_here(db, teacher)  # the teacher stays


def test_a_changed_name_or_role_on_the_row_counts_as_gone(db):
    ada, _ = identity.join(db, "Ada")
    with db.session() as session:
        session.execute(update(Person).where(Person.id == ada.person_id).values(name="Ben", name_key="ben"))
    assert not presence.still_here(db, ada)  # an id reused after a reset is someone else now
    ben = identity.Identity(ada.person_id, "Ben", "student", "class")
    with db.session() as session:
        session.execute(update(Person).where(Person.id == ada.person_id).values(role="teacher"))
    assert not presence.still_here(db, ben)
