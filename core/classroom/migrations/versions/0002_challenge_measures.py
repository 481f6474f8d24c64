"""What a challenge submission's two accuracies were measured on: model version, image counts, class digits.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 17:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None
COLUMNS = (
    ("model_version", sa.BigInteger()),
    ("mnist_images", sa.Integer()),
    ("class_images", sa.Integer()),
    ("class_key", sa.String(length=64)),
    ("note", sa.String(length=300)),
)


def upgrade() -> None:
    """Applies this change."""
    with op.batch_alter_table("challenge_submissions") as table:
        for name, kind in COLUMNS:
            table.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    """Undoes this change."""
    with op.batch_alter_table("challenge_submissions") as table:
        for name, _ in reversed(COLUMNS):
            table.drop_column(name)
