"""core.classroom: modes, identities, ownership, quotas and the class database, on SQLite and PostgreSQL."""
