"""The team server engine: migrations at head match the models on PostgreSQL and go down and up again, the
engine's settings, the column types round-trip, and SQLite-only upkeep is refused with one clear line."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from coachdesk.domain.enums import Role
from coachdesk.services import people
from coachdesk.services.people import PersonInput
from coachdesk.storage import migrate
from coachdesk.storage.models import AuditEntry, Base, Person, PersonRole, Team

pytestmark = pytest.mark.postgresql_only


def test_schema_at_head_matches_the_models_and_migrates_down_and_up(db) -> None:  # noqa: ANN001
    assert migrate.current_revision(db) == migrate.head_revision() == "0006"
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], f"migrations at head differ from the models on PostgreSQL: {diff}"
    counts = ("SELECT (SELECT count(*) FROM pg_policies), (SELECT count(*) FROM pg_class WHERE relrowsecurity), "
              "(SELECT count(*) FROM pg_proc WHERE proname LIKE 'coachdesk\\_%%')")
    forced = ("SELECT count(*) FROM pg_class WHERE relrowsecurity AND relforcerowsecurity "
              "AND relnamespace = current_schema()::regnamespace")
    cfg = migrate.alembic_config()
    with db.engine.begin() as conn:
        at_head = conn.exec_driver_sql(counts).one()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
        assert conn.exec_driver_sql(forced).scalar() == 0
        assert conn.exec_driver_sql(counts).one()[2] == 6  # 0002's functions, back as they were
        command.downgrade(cfg, "0001")
        assert conn.exec_driver_sql(counts).one() == (0, 0, 0)
        command.upgrade(cfg, "head")
        assert conn.exec_driver_sql(counts).one() == at_head
        # every table but the revision's holds people's data or organisation data: row-level security, forced
        assert conn.exec_driver_sql(forced).scalar() == len(Base.metadata.tables)
    assert at_head[0] >= 4 * len(Base.metadata.tables)  # a policy per command on each, and the owner's


def test_the_engine_is_pooled_and_jit_is_off(db) -> None:  # noqa: ANN001
    assert db.engine.pool.size() == 4
    with db.engine.connect() as conn:
        assert conn.scalar(text("SHOW jit")) == "off"
        assert conn.scalar(text("SELECT current_setting('application_name')")) == "CoachDesk"


def test_column_types_round_trip(db) -> None:  # noqa: ANN001
    at = datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(hours=2)))
    with db.unit_of_work() as session:
        session.add(AuditEntry(at=at, action="create", entity_type="person", summary="Zoë\x00 — ✓"))
        session.add(Team(name="Ünïcode team", is_active=False))
        person = Person(display_name="José Ñúñez", name_key="jose nunez")
        person.roles.append(PersonRole(role=Role.OPERATIONS_MANAGER, start_date=date(2024, 2, 29)))
        session.add(person)
    with db.session() as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert entry.at == at and entry.at.tzinfo == UTC
        assert entry.summary == "Zoë — ✓"  # PostgreSQL text cannot hold NUL: dropped on the way in
        assert session.scalar(select(Team.is_active).where(Team.name == "Ünïcode team")) is False
        role = session.scalars(select(PersonRole)).one()
        assert role.role is Role.OPERATIONS_MANAGER and role.start_date == date(2024, 2, 29)
        assert session.scalar(text("SELECT role FROM person_role")) == "operations_manager"


def test_search_ignores_case_and_accents(db) -> None:  # noqa: ANN001
    people.create_person(db, PersonInput(display_name="Zoë Ñúñez-Björk", email="ZOE@Example.com"))
    for query in ("zoe", "NUNEZ", "björk", "bjork", "zoe@example.com"):
        assert [r.display_name for r in people.list_people(db, search=query)] == ["Zoë Ñúñez-Björk"], query


def test_sqlite_upkeep_on_a_server_is_one_line_and_exit_2(db, capsys, tmp_path) -> None:  # noqa: ANN001
    from coachdesk.cli import main

    url = db.url.render_as_string(hide_password=False)
    out = io.StringIO()
    assert main(["--data-dir", str(tmp_path), "--db-url", url, "db", "backup"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pg_dump" in err[0], err
    assert main(["--data-dir", str(tmp_path), "--db-url", url, "db", "check"], out=out) == 0
    assert "Schema revision: 0006 (up to date)" in out.getvalue()


def test_after_the_demo_new_records_get_fresh_ids(db) -> None:  # noqa: ANN001
    from coachdesk.services.demo import generate_demo

    generate_demo(db, agents=3, days=20, seed=2)
    with db.session() as session:
        highest = session.scalar(select(func.max(Person.id)))
    created = people.create_person(db, PersonInput(display_name="After Demo"))  # collided before the fix
    with db.session() as session:
        assert session.scalar(select(Person.id).where(Person.uuid == created.uuid)) > highest
