"""The exchange document: every kind of record goes out and comes back exactly, merges by UUID and natural keys,
and a per-person export holds that person's data and names only the people needed to read it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from coachdesk.services.common.store import open_store, sqlite_location
from coachdesk.services.exchange.exchange_export import export_document
from coachdesk.services.exchange.exchange_import import import_document
from coachdesk.services.exchange.exchange_schema import FORMAT, FORMAT_VERSION, KIND_ORDER, KINDS, ExchangeError
from coachdesk.storage.models import KpiDefinition, Person
from coachdesk.storage.table_order import references, tables_in_order
from tests.services.exchange_helpers import (
    build,
    counts,
    exchange_entries,
    load,
    records_without_exchange_entries,
)


@pytest.fixture
def fresh(tmp_path: Path):
    """Open a new, seeded database in tmp_path under a given name."""
    opened = []

    def make(name: str):  # noqa: ANN202
        store = open_store(sqlite_location(tmp_path / f"{name}.sqlite3"))
        opened.append(store.db)
        return store.db

    yield make
    for db in opened:
        db.dispose()


def test_the_table_order_puts_every_reference_before_its_use() -> None:
    seen: set[str] = set()
    for table in tables_in_order():
        for column, target in references(table).items():
            assert target.name in seen or target is table, f"{table.name}.{column} points forward at {target.name}"
        seen.add(table.name)
    assert KIND_ORDER == tuple(t.name for t in tables_in_order())


def test_export_import_export_gives_the_same_records(db, fresh, tmp_path: Path) -> None:
    build(db, text='tab\t"quote" \\ émoji 🎧 <b>&amp;</b> \n second line')
    first = tmp_path / "first.json"
    report = export_document(db, first)
    assert all(report.counts[name] > 0 for name in KIND_ORDER), report.counts
    target = fresh("target")
    loaded = import_document(target, first)
    assert loaded.replaced_defaults
    assert loaded.total("updated") == 0 and loaded.total("unchanged") == 0
    assert loaded.total("added") == report.total
    second = tmp_path / "second.json"
    export_document(target, second)
    a, b = load(first), load(second)
    assert a["format"] == FORMAT and a["format_version"] == FORMAT_VERSION
    assert records_without_exchange_entries(a) == records_without_exchange_entries(b)
    added = exchange_entries(b)
    assert len(added) == 1 and added[0]["action"] == "import"  # the import's own audit entry, nothing else
    assert counts(target)["kpi_definition"] == counts(db)["kpi_definition"]


def test_references_are_uuids_never_integer_ids(db, tmp_path: Path) -> None:
    build(db)
    doc = load(export_document(db, tmp_path / "doc.json").path)
    uuids = {r["uuid"] for name, rows in doc["records"].items() if name != "kpi_figure" for r in rows
             if "uuid" in r}
    for name, rows in doc["records"].items():
        if name == "kpi_figure":
            for group in rows:
                assert group["person"] in uuids and group["kpi"] in uuids
            continue
        for field in KINDS[name].fields:
            if field.codec == "ref":
                for row in rows:
                    assert row[field.key] is None or row[field.key] in uuids, (name, field.key)
        assert all("id" not in row for row in rows)


def test_merging_the_same_document_changes_nothing_and_an_edit_is_an_update(db, tmp_path: Path) -> None:
    cast = build(db)
    path = export_document(db, tmp_path / "doc.json").path
    again = import_document(db, path)
    assert again.total("added") == 0 and again.total("updated") == 0
    doc = load(path)
    person = next(p for p in doc["records"]["person"] if p["uuid"] == cast.agent)
    person["email"] = "amelia@new.example.com"
    group = doc["records"]["kpi_figure"][0]
    group["figures"][0][2] = 999.5
    group["figures"].append(["2027-01-04", "2027-01-10", 1.5, 0])
    path.write_text(json.dumps(doc), encoding="utf-8")
    merged = import_document(db, path)
    assert merged.counts["person"].updated == 1
    assert merged.counts["kpi_figure"].updated == 1 and merged.counts["kpi_figure"].added == 1
    with db.session() as s:
        assert s.scalar(select(Person.email).where(Person.uuid == cast.agent)) == "amelia@new.example.com"


def test_merge_into_a_used_database_matches_the_catalogue_by_code(db, fresh, tmp_path: Path) -> None:
    build(db)
    path = export_document(db, tmp_path / "doc.json").path
    other = fresh("other")
    with other.unit_of_work() as s:  # a database in use: someone is in it, so its catalogue is not replaced
        s.add(Person(display_name="Zed Zero", name_key="zed zero"))
    before = counts(other)
    report = import_document(other, path)
    assert not report.replaced_defaults
    assert report.counts["kpi_definition"].added == 0  # matched by code, not duplicated
    assert counts(other)["kpi_definition"] == before["kpi_definition"]
    with db.session() as s, other.session() as t:
        source = dict(s.execute(select(KpiDefinition.code, KpiDefinition.uuid)).all())
        merged = dict(t.execute(select(KpiDefinition.code, KpiDefinition.uuid)).all())
    assert merged == source  # the matched definitions took the document's UUIDs
    assert counts(other)["person"] == before["person"] + 3


def test_dry_run_reports_but_stores_nothing(db, fresh, tmp_path: Path) -> None:
    build(db)
    path = export_document(db, tmp_path / "doc.json").path
    target = fresh("target")
    before = counts(target)
    report = import_document(target, path, dry_run=True)
    assert report.total("added") > 100 and report.dry_run
    assert counts(target) == before


def test_a_person_export_holds_their_data_and_only_names_of_others(db, tmp_path: Path) -> None:
    cast = build(db, text="XYZZY")
    path = export_document(db, tmp_path / "amelia.json", person=cast.agent).path
    raw = path.read_text(encoding="utf-8")
    doc = json.loads(raw)
    assert doc["scope"]["kind"] == "person" and doc["scope"]["person"] == cast.agent
    records = doc["records"]
    assert [p["uuid"] for p in records["person"]] == [cast.agent]
    assert {n["display_name"] for n in doc["people_named"]} == {cast.leader_name}
    assert "coach-only note on Amelia Brown" in raw
    assert any(i["visibility"] == "coach_only" for i in records["one_to_one_item"])
    assert {g["person"] for g in records["kpi_figure"]} == {cast.agent}
    assert sum(len(g["figures"]) for g in records["kpi_figure"]) == 6
    assert len(records["observation_session"]) == 1 and len(records["one_to_one"]) == 2
    assert len(records["audit_log"]) == 1 and records["audit_log"][0]["entity_uuid"] == cast.agent
    assert len(records["amendment"]) == 1
    assert all(b["report_json"] is None for b in records["import_batch"])
    # nothing about the other agent: not her name, e-mail, notes, objectives or figures
    assert cast.other_name not in raw and "farah@example.com" not in raw and cast.other not in raw
    # what the leader did for other people is counted, not shown
    assert doc["scope"]["not_included"] == {}
    with pytest.raises(ExchangeError, match="one person's export"):
        import_document(db, path)


def test_a_coach_export_counts_what_they_did_for_others(db, tmp_path: Path) -> None:
    cast = build(db)
    doc = load(export_document(db, tmp_path / "laura.json", person=cast.leader).path)
    assert doc["scope"]["not_included"]["observation_session.coach"] == 2
    assert doc["scope"]["not_included"]["one_to_one.leader"] == 4
    assert doc["records"]["observation_session"] == [] and doc["records"]["feedback"] == []
    raw = json.dumps(doc)
    assert cast.agent_name not in raw and cast.other_name not in raw


def test_export_writes_the_file_only_when_complete(db, tmp_path: Path, monkeypatch) -> None:
    build(db)
    import coachdesk.services.exchange.exchange_export as ex

    def boom(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("disk gone")
        yield  # pragma: no cover

    monkeypatch.setattr(ex, "figure_groups", boom)
    with pytest.raises(RuntimeError):
        export_document(db, tmp_path / "doc.json")
    assert list(tmp_path.glob("doc.json*")) == [] and list(tmp_path.glob(".doc.json*")) == []
