"""Migrations: empty to head, head equals the models, upgrades keep data and back up first, newer DBs refused."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from coachdesk.storage import migrate
from coachdesk.storage.backup import list_backups
from coachdesk.storage.database import Database, sqlite_url
from coachdesk.storage.errors import DamagedDatabase, NewerDatabase, NotACoachDeskDatabase
from coachdesk.storage.models import Base, Person

EXTRA_REVISION = '''"""test-only: add a nickname column"""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("nickname", sa.String(50), nullable=True))


def downgrade():
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("nickname")
'''


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_database_upgrades_to_head_and_matches_models(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "new.sqlite3"))
    report = migrate.upgrade_database(db)
    assert report.before is None and report.after == migrate.head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], f"migrations at head differ from the models: {diff}"
    assert migrate.upgrade_database(db).changed is False


def test_every_connection_has_the_pragmas(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "p.sqlite3"))
    migrate.upgrade_database(db)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_upgrade_keeps_data_and_backs_up_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.sqlite3"
    db = Database(sqlite_url(path))
    migrate.upgrade_database(db)
    with db.unit_of_work() as session:
        session.add(Person(display_name="Zoë Ångström", name_key="zoe angstrom"))
    db.dispose()
    old_head = migrate.head_revision()

    from coachdesk.paths import migrations_dir

    copy = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "9001_nickname.py").write_text(EXTRA_REVISION.format(head=old_head))
    monkeypatch.setattr(migrate, "migrations_dir", lambda: copy)

    db = Database(sqlite_url(path))
    report = migrate.upgrade_database(db)
    assert (report.before, report.after) == (old_head, "9001")
    assert report.backup is not None and report.backup.exists()
    assert report.backup.parent == path.parent / "backups"
    assert f"rev{old_head}" in report.backup.name and "pre-migration" in report.backup.name
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT display_name, nickname FROM person").all() == [("Zoë Ångström", None)]
    backup = sqlite3.connect(report.backup)
    try:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (old_head,)
        assert backup.execute("SELECT display_name FROM person").fetchall() == [("Zoë Ångström",)]
    finally:
        backup.close()
    assert [b.reason for b in list_backups(path.parent / "backups")] == ["pre-migration"]


def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    db = Database(sqlite_url(path))
    migrate.upgrade_database(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff9999'")
    db.dispose()
    before = sha(path)
    with pytest.raises(NewerDatabase, match="newer version of CoachDesk"):
        migrate.upgrade_database(Database(sqlite_url(path)))
    assert sha(path) == before
    assert not (path.parent / "backups").exists()


@pytest.mark.parametrize(
    ("content", "error"),
    [(b"name,email\nAna,ana@example.com\n", NotACoachDeskDatabase), (b"SQLite format 3\x00" + b"\x07" * 200,
                                                                      DamagedDatabase)],
)
def test_foreign_or_damaged_files_are_refused_untouched(tmp_path: Path, content: bytes, error: type) -> None:
    path = tmp_path / "odd.sqlite3"
    path.write_bytes(content)
    with pytest.raises(error) as raised:
        migrate.upgrade_database(Database(sqlite_url(path)))
    assert str(path) in str(raised.value) and "untouched" in str(raised.value)
    assert path.read_bytes() == content


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.execute("INSERT INTO invoices VALUES (1, 9.5)")
    con.commit()
    con.close()
    before = sha(path)
    with pytest.raises(NotACoachDeskDatabase, match="not a CoachDesk one"):
        migrate.upgrade_database(Database(sqlite_url(path)))
    assert sha(path) == before


def test_utc_datetimes_round_trip_and_naive_is_refused(tmp_path: Path) -> None:
    from coachdesk.storage.models import AuditEntry

    db = Database(sqlite_url(tmp_path / "t.sqlite3"))
    migrate.upgrade_database(db)
    moment = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    with db.unit_of_work() as session:
        session.add(AuditEntry(at=moment, action="create", entity_type="person", summary="x"))
    with db.session() as session:
        stored = session.query(AuditEntry).one().at
    assert stored == moment and stored.tzinfo is not None
    with pytest.raises(Exception, match="naive datetime"), db.unit_of_work() as session:
        session.add(AuditEntry(at=datetime(2026, 1, 1), action="create", entity_type="person", summary="y"))
        session.flush()


def test_schema_head_constant_matches_alembic() -> None:
    from coachdesk.storage.schema import SCHEMA_HEAD

    assert SCHEMA_HEAD == migrate.head_revision(), "update coachdesk/storage/schema.py with the new revision"


def test_every_foreign_key_is_indexed() -> None:
    unindexed = []
    for table in Base.metadata.tables.values():
        leading = {next(iter(ix.columns)).name for ix in table.indexes}
        leading |= {next(iter(c.columns)).name for c in table.constraints if hasattr(c, "columns") and c.columns
                    and c.__class__.__name__ in ("UniqueConstraint", "PrimaryKeyConstraint")}
        unindexed += [f"{table.name}.{fk.parent.name}" for fk in table.foreign_keys if fk.parent.name not in leading]
    assert unindexed == []
