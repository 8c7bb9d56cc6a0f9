"""Revision 0004 on a local file: drafts and preferences leave the shared ``app_setting`` for ``personal_setting``
(owner '' on a local file), organisation settings stay, and a downgrade puts them back."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from coachdesk.storage.database import Database, sqlite_url
from coachdesk.storage.migrate import alembic_config

PERSONAL = {"one_to_one.draft.abc": '{"summary": "typed"}', "observe.draft.def": '{"text": "half a note"}',
            "observe.current": '"def"', "observe.observer": '"p1"', "signed_in_person_uuid": '"p1"'}
SHARED = {"org.name": '"Acme"', "report.paper": '"A4"'}


def _migrate(db: Database, revision: str, down: bool = False) -> None:
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def test_drafts_move_to_personal_settings_and_back(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _migrate(db, "0003")
        with db.engine.begin() as conn:
            for key, value in {**PERSONAL, **SHARED}.items():
                conn.execute(text("INSERT INTO app_setting (key, value_json) VALUES (:k, :v)"), {"k": key, "v": value})
        _migrate(db, "0004")
        with db.engine.connect() as conn:
            assert dict(conn.execute(text("SELECT key, value_json FROM app_setting")).all()) == SHARED
            moved = conn.execute(text("SELECT owner_login, key, value_json FROM personal_setting")).all()
            assert {(k, v) for _, k, v in moved} == set(PERSONAL.items())
            assert {owner for owner, _, _ in moved} == {""}
        _migrate(db, "0003", down=True)
        with db.engine.connect() as conn:
            assert dict(conn.execute(text("SELECT key, value_json FROM app_setting")).all()) == {**PERSONAL, **SHARED}
    finally:
        db.dispose()
