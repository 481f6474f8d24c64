"""Alembic's environment: migrates the connection :func:`core.classroom.migrate.upgrade` hands over."""

from alembic import context

from core.classroom.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through core.classroom.migrate.upgrade(engine), which passes a connection.")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
