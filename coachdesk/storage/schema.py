"""The schema revision this app's code expects, readable without importing SQLAlchemy or Alembic."""

from __future__ import annotations

#: Alembic head revision of ``migrations/versions``; ``tests/migrations`` proves they agree. Update it with every
#: new revision: start-up compares a database's revision with it to skip loading Alembic when nothing is to do.
SCHEMA_HEAD = "0006"
