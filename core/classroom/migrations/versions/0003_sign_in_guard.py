"""Wrong codes are logged (``sign_in_failures``), and people's name keys become look-alike-proof.

Each existing ``name_key`` is recomputed with :func:`core.classroom.name_keys.key`. Two people
whose names were different before but look alike now (``Ada`` and ``Аda``) both stay: the later
one's key gets ``#<id>`` appended, so nobody is lost, and the teacher sees both in the console.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:00:00
"""

import sqlalchemy as sa
from alembic import op

from core.classroom.name_keys import key

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None
INDEXED = ("at", "name_key", "session_key")


def upgrade() -> None:
    """Applies this change."""
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("name_key", sa.String(length=64), nullable=False),
        sa.Column("session_key", sa.String(length=64), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cleared", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in INDEXED:
        op.create_index(op.f(f"ix_sign_in_failures_{column}"), "sign_in_failures", [column], unique=False)
    people = sa.table("people", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("name_key", sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(people.c.id, people.c.name).order_by(people.c.id)).all()
    wanted, seen = {}, set()
    for person_id, name in rows:
        new = key(name)[:64]
        wanted[person_id] = new if new not in seen else f"{new[:50]}#{person_id}"
        seen.add(new)
    for person_id in wanted:  # first a key nobody has, so the unique index never sees two equal keys midway
        connection.execute(people.update().where(people.c.id == person_id).values(name_key=f"#moving#{person_id}"))
    for person_id, new in wanted.items():
        connection.execute(people.update().where(people.c.id == person_id).values(name_key=new))


def downgrade() -> None:
    """Undoes this change (name keys go back to the casefolded names)."""
    for column in reversed(INDEXED):
        op.drop_index(op.f(f"ix_sign_in_failures_{column}"), table_name="sign_in_failures")
    op.drop_table("sign_in_failures")
    people = sa.table("people", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("name_key", sa.String))
    connection = op.get_bind()
    for person_id, name in connection.execute(sa.select(people.c.id, people.c.name)).all():
        connection.execute(people.update().where(people.c.id == person_id).values(name_key=name.casefold()))
