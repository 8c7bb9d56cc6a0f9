"""Reliability: ``import-data`` fed random and mutated documents never raises anything but a ``CoachDeskError``, and a
refused document changes nothing; any generated database with hostile text survives export -> import -> export."""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachdesk.domain.errors import CoachDeskError
from coachdesk.services.common import open_store, sqlite_location
from coachdesk.services.exchange import export_document, import_document
from coachdesk.storage.database import Database, sqlite_url
from tests.services.exchange_helpers import build, load, records_without_exchange_entries, snapshot

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | HOSTILE,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE, inner, max_size=3), max_leaves=6)


@cache
def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="coachdesk-fuzz-"))


@cache
def _template() -> Path:
    """A migrated, seeded, empty database, copied for each example that needs a new one."""
    path = _folder() / "template.sqlite3"
    store = open_store(sqlite_location(path))
    store.db.dispose()
    return path


def _new_db(name: str) -> Database:
    path = _folder() / f"{name}.sqlite3"
    for leftover in _folder().glob(f"{name}.sqlite3*"):
        leftover.unlink()
    shutil.copyfile(_template(), path)
    return Database(sqlite_url(path))


@cache
def _valid_document() -> str:
    db = _new_db("source")
    build(db, text="fuzz")
    path = export_document(db, _folder() / "valid.json").path
    db.dispose()
    return path.read_text(encoding="utf-8")


def _try(text: str | bytes) -> None:
    """On a new database for every example: a refused document changes nothing; an accepted one is stored as it
    says, so importing it again finds every record unchanged (nothing added, nothing updated)."""
    db = _new_db("target")
    try:
        path = _folder() / "fuzzed.json"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        before = snapshot(db)
        try:
            report = import_document(db, path)
        except CoachDeskError as exc:
            assert str(exc) and "\n" not in str(exc)
            assert snapshot(db) == before, f"refused ({exc}) but the database changed"
            return
        assert report.counts, "accepted, so it must hold records"
        again = import_document(db, path)
        assert again.total("added") == 0 and again.total("updated") == 0, again.lines()
    finally:
        db.dispose()


def _figure_rows(doc: dict) -> list[list]:
    """The first KPI-figure group's figure rows still shaped as lists (earlier mutations may have broken some)."""
    groups = doc["records"].get("kpi_figure") or []
    figures = groups[0].get("figures") if groups and isinstance(groups[0], dict) else None
    return [f for f in figures if isinstance(f, list) and f] if isinstance(figures, list) else []


@st.composite
def mutated(draw) -> str:  # noqa: ANN001
    doc = json.loads(_valid_document())
    kinds = [k for k, rows in doc["records"].items() if rows]
    for _ in range(draw(st.integers(1, 3))):
        filled = [k for k in kinds if doc["records"][k]]  # a "move" may have emptied a kind
        if not filled:
            break
        kind = draw(st.sampled_from(filled))
        rows = doc["records"][kind]
        i = draw(st.integers(0, len(rows) - 1))
        how = draw(st.sampled_from(["set", "drop", "duplicate", "move", "header", "figure"]))
        if how == "set" and isinstance(rows[i], dict):
            rows[i][draw(st.sampled_from(sorted(rows[i])))] = draw(JSON_VALUES)
        elif how == "drop" and isinstance(rows[i], dict) and rows[i]:
            del rows[i][draw(st.sampled_from(sorted(rows[i])))]
        elif how == "duplicate":
            rows.append(copy.deepcopy(rows[i]))
        elif how == "move":
            doc["records"][draw(st.sampled_from(kinds))].append(rows.pop(i))
        elif how == "header":
            doc[draw(st.sampled_from(["format", "format_version", "scope", "exported_at"]))] = draw(JSON_VALUES)
        elif how == "figure" and _figure_rows(doc):
            figures = _figure_rows(doc)
            figure = figures[draw(st.integers(0, len(figures) - 1))]
            figure[draw(st.integers(0, len(figure) - 1))] = draw(JSON_VALUES)
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut]
    return text


@FUZZ
@given(mutated())
def test_fuzz_import_data_mutated_documents(text: str) -> None:
    _try(text)


@FUZZ
@given(st.binary(max_size=200) | JSON_VALUES.map(json.dumps))
def test_fuzz_import_data_random_input(data: bytes | str) -> None:
    _try(data)


# -- round trip of generated databases --------------------------------------------------------------------------

INSTANTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC))
LEVELS = st.floats(allow_nan=False, allow_infinity=False, width=64) | st.none()


@st.composite
def database_plan(draw) -> dict[str, Any]:  # noqa: ANN001
    people = draw(st.lists(HOSTILE.filter(str.strip), min_size=1, max_size=4, unique_by=str.casefold))
    teams = draw(st.lists(HOSTILE.filter(str.strip), min_size=1, max_size=2, unique=True))
    return {
        "people": people, "teams": teams,
        "members": draw(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 1)), max_size=4)),
        "objectives": draw(st.lists(st.tuples(st.integers(0, 3), HOSTILE, LEVELS, st.dates(date(2000, 1, 1),
                                                                                         date(2090, 1, 1))),
                                    max_size=4)),
        "sessions": draw(st.lists(st.tuples(st.integers(0, 3), INSTANTS, st.lists(HOSTILE, max_size=3)), max_size=3)),
        "one_to_ones": draw(st.lists(st.tuples(st.integers(0, 3), HOSTILE, st.lists(HOSTILE, max_size=3)),
                                     max_size=3)),
    }


def _fill(db: Database, plan: dict[str, Any]) -> None:
    from coachdesk.domain.enums import ItemKind, MeasureKind, ObservationMode, Visibility
    from coachdesk.domain.text import name_key
    from coachdesk.storage.models import (
        Objective,
        ObservationNote,
        ObservationSession,
        OneToOne,
        OneToOneItem,
        Person,
        Team,
        TeamMembership,
    )

    with db.unit_of_work() as s:
        people = [Person(display_name=n, name_key=name_key(n), notes=n) for n in plan["people"]]
        teams = [Team(name=n, description=n) for n in plan["teams"]]
        s.add_all(people + teams)
        s.flush()
        pick = lambda items, i: items[i % len(items)]  # noqa: E731
        for p, t in plan["members"]:
            s.add(TeamMembership(person_id=pick(people, p).id, team_id=pick(teams, t).id))
        for p, text, level, day in plan["objectives"]:
            s.add(Objective(person_id=pick(people, p).id, statement=text, measure_kind=MeasureKind.KPI,
                            target_level=level, start_date=day, due_date=day + timedelta(days=1)))
        for p, at, notes in plan["sessions"]:
            session = ObservationSession(agent_id=pick(people, p).id, mode=ObservationMode.SIDE_BY_SIDE, started_at=at)
            s.add(session)
            s.flush()
            s.add_all([ObservationNote(session_id=session.id, text=n, noted_at=at) for n in notes])
        for p, summary, items in plan["one_to_ones"]:
            one = OneToOne(agent_id=pick(people, p).id, type="review", summary=summary)
            s.add(one)
            s.flush()
            s.add_all([OneToOneItem(one_to_one_id=one.id, kind=ItemKind.NOTE, text=t,
                                    visibility=Visibility.COACH_ONLY) for t in items])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(database_plan())
def test_any_generated_database_survives_export_import_export(plan: dict[str, Any]) -> None:
    source, target = _new_db("rt-source"), _new_db("rt-target")
    try:
        _fill(source, plan)
        first = export_document(source, _folder() / "rt1.json").path
        import_document(target, first)
        second = export_document(target, _folder() / "rt2.json").path
        assert records_without_exchange_entries(load(first)) == records_without_exchange_entries(load(second))
    finally:
        source.dispose()
        target.dispose()
