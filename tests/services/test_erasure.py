"""Erasure: the person's records, links and name are gone from everything the database holds (proved on a full
export, and on SQLite in the raw bytes of the file and its -wal), other people's records stay, and one anonymous
audit entry says an erasure happened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from coachdesk.domain.errors import NotFound
from coachdesk.services.exchange.exchange_export import export_document
from coachdesk.services.people import erasure
from coachdesk.storage.models import (
    AuditEntry,
    BehaviourRating,
    Feedback,
    KpiFigure,
    ObservationNote,
    ObservationSession,
    Person,
    Team,
)
from coachdesk.storage.table_order import tables_in_order
from tests.services.exchange_helpers import build, counts

AMELIA_TRACES = ("amelia", "a-1001")


def _person_id(db, uuid: str) -> int:  # noqa: ANN001
    with db.session() as s:
        return s.scalar(select(Person.id).where(Person.uuid == uuid))


def _links_to(db, pid: int) -> dict[str, int]:  # noqa: ANN001
    found = {}
    with db.session() as s:
        for table in tables_in_order():
            for fk in table.foreign_keys:
                if fk.column.table.name == "person":
                    n = s.scalar(select(func.count()).select_from(table).where(table.c[fk.parent.name] == pid))
                    if n:
                        found[f"{table.name}.{fk.parent.name}"] = n
    return found


def _whole_export(db, tmp_path: Path) -> str:  # noqa: ANN001
    return export_document(db, tmp_path / "after.json").path.read_text(encoding="utf-8")


def test_erasing_an_agent_leaves_no_trace_of_them(db, tmp_path: Path) -> None:
    cast = build(db)
    pid = _person_id(db, cast.agent)
    with db.unit_of_work() as s:  # a colleague's feedback that names her
        s.execute(update(Feedback).where(Feedback.agent_id != pid).values(
            went_well="Shadowed Amelia Brown's calls; AMELIA BROWN agreed. Amelia Browning is someone else."))
    before = counts(db)
    seen = erasure.preview_erasure(db, cast.agent)
    assert seen.display_name == "Amelia Brown" and seen.records["observation_session"] == 1
    report = erasure.erase_person(db, cast.agent)
    after = counts(db)
    assert report.removed["person"] == 1 and report.removed["kpi_figure"] == 6
    assert after["kpi_figure"] == before["kpi_figure"] - 6
    assert after["person"] == before["person"] - 1
    assert after["observation_session"] == before["observation_session"] - 1
    assert _links_to(db, pid) == {}
    with db.session() as s:
        went_well = s.scalar(select(Feedback.went_well))
        assert went_well == "Shadowed [erased]'s calls; [erased] agreed. Amelia Browning is someone else."
        # the other agent's records are all there
        assert s.scalar(select(func.count()).select_from(ObservationSession)) == 1
        assert s.scalar(select(Team.name).where(Team.parent_team_id.is_not(None))) == "Billing"
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    last = entries[-1]
    assert last.action == "erase" and last.entity_uuid is None and last.actor_id is None
    assert "amelia" not in last.summary.lower() and cast.agent not in last.summary
    assert any(e.summary == erasure.SCRUBBED_AUDIT for e in entries)
    raw = _whole_export(db, tmp_path).lower()
    for trace in (*AMELIA_TRACES, cast.agent, "amelia.brown@example.com"):
        assert trace not in raw.replace("amelia browning", ""), trace
    assert "farah khan" in raw and "laura bennett" in raw


def test_erasing_a_leader_clears_their_links_but_keeps_the_agents_records(db, tmp_path: Path) -> None:
    cast = build(db)
    pid = _person_id(db, cast.leader)
    before = counts(db)
    report = erasure.erase_person(db, cast.leader)
    assert report.unlinked["observation_session.coach"] == 2
    assert report.unlinked["behaviour_rating.observer"] == 2
    after = counts(db)
    for kind in ("observation_session", "feedback", "one_to_one", "objective", "recognition", "kpi_figure"):
        assert after[kind] == before[kind], kind
    assert after["one_to_one_participant"] == before["one_to_one_participant"] - 4
    assert _links_to(db, pid) == {}
    raw = _whole_export(db, tmp_path)
    assert "Laura Bennett" not in raw and cast.leader not in raw
    assert "Amelia Brown" in raw


def test_keep_aggregates_keeps_figures_and_ratings_under_a_placeholder(db, tmp_path: Path) -> None:
    cast = build(db)
    pid = _person_id(db, cast.agent)
    with db.session() as s:
        figures = s.scalar(select(func.count()).select_from(KpiFigure))
        total = s.scalar(select(func.sum(KpiFigure.value)))
        ratings = s.scalar(select(func.count()).select_from(BehaviourRating))
        old_session_uuids = set(s.scalars(select(ObservationSession.uuid)))
    report = erasure.erase_person(db, cast.agent, keep_aggregates=True)
    assert report.kept["kpi_figure"] == 6 and report.kept["behaviour_rating"] == 1
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(KpiFigure)) == figures
        assert s.scalar(select(func.sum(KpiFigure.value))) == pytest.approx(total)
        assert s.scalar(select(func.count()).select_from(BehaviourRating)) == ratings
        placeholder = s.scalars(select(Person).where(Person.display_name.like("Erased person %"))).one()
        assert placeholder.email is None and placeholder.notes is None
        kept = s.scalars(select(ObservationSession).where(ObservationSession.agent_id == placeholder.id)).one()
        assert kept.summary is None and kept.uuid not in old_session_uuids
        assert s.scalar(select(func.count()).select_from(ObservationNote)
                        .where(ObservationNote.session_id == kept.id)) == 0
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert "aggregates kept" in last.summary
    assert _links_to(db, pid) == {}
    raw = _whole_export(db, tmp_path).lower()
    for trace in (*AMELIA_TRACES, cast.agent, "call-"  + str(pid)):
        assert trace not in raw, trace


def test_erasure_of_someone_unknown_is_refused(db) -> None:
    with pytest.raises(NotFound):
        erasure.erase_person(db, "00000000-0000-4000-8000-000000000000")


def test_settings_that_point_at_erased_records_go(db) -> None:
    from coachdesk.storage.models import Setting

    cast = build(db)
    with db.unit_of_work() as s:
        session_uuid = s.scalars(select(ObservationSession.uuid).join(Person, Person.id == ObservationSession.agent_id)
                                 .where(Person.uuid == cast.agent)).one()
        s.add(Setting(key=f"observe.draft.{session_uuid}", value_json=json.dumps({"text": "half a note"})))
        s.add(Setting(key="identity.signed_in", value_json=json.dumps(cast.agent)))
    erasure.erase_person(db, cast.agent)
    with db.session() as s:
        keys = set(s.scalars(select(Setting.key)))
    assert keys == {"ui.theme"}


def _traces_in_file(path: Path, name: bytes, email: bytes) -> list[str]:
    found = []
    for part in (path, Path(f"{path}-wal")):
        if not part.exists():
            continue
        raw = part.read_bytes()
        at = raw.find(name)
        while at != -1:
            if raw[at + len(name): at + len(name) + 3] != b"ing":  # "Amelia Browning" is someone else
                found.append(f"{part.name}@{at}: {raw[at - 20: at + 40]!r}")
            at = raw.find(name, at + 1)
        if email in raw or email.upper() in raw:
            found.append(f"{part.name}: e-mail")
    return found


@pytest.mark.sqlite_only
def test_erased_name_and_email_are_not_left_in_the_file_or_its_wal(db, tmp_path: Path) -> None:
    """``secure_delete`` overwrites freed cells and pages, and the WAL is folded in and emptied after the erasure,
    so the raw bytes of the database file and its -wal hold no trace (whatever the SQLite build's default)."""
    cast = build(db)
    path = db.sqlite_path
    with db.session() as s:
        assert s.connection().exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    before = _traces_in_file(path, b"Amelia Brown", b"amelia.brown@example.com")
    assert before, "the name should be in the file before the erasure (else this test proves nothing)"
    erasure.erase_person(db, cast.agent)
    assert _traces_in_file(path, b"Amelia Brown", b"amelia.brown@example.com") == []


@pytest.mark.sqlite_only
def test_an_erasure_waits_for_a_writer_adding_figures_and_counts_them(db) -> None:  # noqa: ANN001
    """An import still writing the person's figures when the erasure starts: the erasure takes the write lock first
    (it waits), so the figures committed meanwhile are counted in what it says it removed, never removed uncounted."""
    import sqlite3
    import threading
    import time

    cast = build(db)
    pid = _person_id(db, cast.agent)
    with db.session() as s:
        kpi_id, before = s.execute(select(KpiFigure.kpi_id, func.count()).where(KpiFigure.person_id == pid)
                                   .group_by(KpiFigure.kpi_id)).first()
        mine = s.scalar(select(func.count()).select_from(KpiFigure).where(KpiFigure.person_id == pid))
    writer = sqlite3.connect(db.sqlite_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # the import holds the write lock while it adds three figures
    for day in range(3):
        writer.execute("INSERT INTO kpi_figure (person_id, kpi_id, period_start, period_end, value) "
                       "VALUES (?, ?, ?, ?, 1.0)", (pid, kpi_id, f"2030-01-0{day + 1}", f"2030-01-0{day + 1}"))
    result: dict = {}
    eraser = threading.Thread(target=lambda: result.update(report=erasure.erase_person(db, cast.agent)))
    eraser.start()
    time.sleep(0.5)
    assert eraser.is_alive()  # waiting for the import's lock, not reading figures behind its back
    writer.execute("COMMIT")
    writer.close()
    eraser.join(timeout=30)
    assert before > 0 and result["report"].removed["kpi_figure"] == mine + 3
