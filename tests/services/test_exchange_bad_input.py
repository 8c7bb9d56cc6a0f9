"""Bad exchange documents are refused with one message naming what and where, and the target is left unchanged,
whether it is a new database or one holding data the document would merge into."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coachdesk.services.common.store import open_store, sqlite_location
from coachdesk.services.exchange.exchange_export import export_document
from coachdesk.services.exchange.exchange_import import import_document
from coachdesk.services.exchange.exchange_schema import KIND_ORDER, ExchangeError
from tests.services.exchange_helpers import build, load, snapshot

BAD_UUID = "00000000-0000-4000-8000-000000000000"


def _set(kind: str, key: str, value: Any, index: int = 0) -> Callable[[dict], None]:
    def edit(doc: dict) -> None:
        doc["records"][kind][index][key] = value
    return edit


def _dup_person(doc: dict) -> None:
    doc["records"]["person"].append(copy.deepcopy(doc["records"]["person"][0]))


def _drop_field(doc: dict) -> None:
    del doc["records"]["objective"][0]["due_date"]


def _reorder(doc: dict) -> None:
    records = doc["records"]
    team = records.pop("team")
    doc["records"] = {"team": team, **records}


def _figure(index: int, value: Any) -> Callable[[dict], None]:
    def edit(doc: dict) -> None:
        doc["records"]["kpi_figure"][0]["figures"][0][index] = value
    return edit


def _dup_period(doc: dict) -> None:
    figures = doc["records"]["kpi_figure"][0]["figures"]
    figures.append(list(figures[0]))


def _dup_group(doc: dict) -> None:
    groups = doc["records"]["kpi_figure"]
    groups.append(copy.deepcopy(groups[0]))


def _same_code(doc: dict) -> None:
    kpi = copy.deepcopy(doc["records"]["kpi_definition"][0])
    kpi["uuid"] = BAD_UUID
    doc["records"]["kpi_definition"].append(kpi)


def _header(key: str, value: Any) -> Callable[[dict], None]:
    def edit(doc: dict) -> None:
        doc[key] = value
    return edit


def _negative_aht(doc: dict) -> None:
    seconds = {k["uuid"] for k in doc["records"]["kpi_definition"] if k["unit"] == "seconds"}
    group = next(g for g in doc["records"]["kpi_figure"] if g["kpi"] in seconds)
    group["figures"][0][2] = -1


def _setting(value: str) -> Callable[[dict], None]:
    def edit(doc: dict) -> None:
        records = {**doc["records"], "app_setting": [{"key": "org.name", "value_json": value}]}
        doc["records"] = {k: records[k] for k in sorted(records, key=KIND_ORDER.index)}
    return edit


def _deep(doc: dict) -> None:
    value: Any = "x"
    for _ in range(DEPTH):
        value = [value]
    doc["records"]["team"][0]["name"] = value


DEPTH = 40
CASES: dict[str, tuple[Callable[[dict], None], str]] = {
    "upper-case uuid": (lambda d: d["records"]["person"][0].__setitem__("uuid", d["records"]["person"][0]["uuid"]
                                                                        .upper()),
                        r"records\.person\[0\] .*field 'uuid': expected the UUID in lower case"),
    "malformed uuid": (_set("person", "uuid", "not-a-uuid"), r"records\.person\[0\] .*expected a UUID like"),
    "upper-case reference": (lambda d: d["records"]["objective"][0].__setitem__(
        "person", d["records"]["objective"][0]["person"].upper()), r"field 'person': expected the UUID in lower"),
    "negative cadence": (_set("person", "one_to_one_cadence_days", -7),
                         r"records\.person\[0\] .*field 'one_to_one_cadence_days': must be at least 1, got -7"),
    "zero cadence": (_set("person", "one_to_one_cadence_days", 0), "must be at least 1, got 0"),
    "negative AHT": (_negative_aht, r"records\.kpi_figure\[\d+\] .*figures\[0\]: the value -1 is negative.*seconds"),
    "negative tolerance": (_set("kpi_definition", "band_tolerance", -0.5), "'band_tolerance': may not be negative"),
    "setting not JSON": (_setting("{not json"), r"records\.app_setting\[0\] .*'value_json': is not valid JSON"),
    "setting with a key twice": (_setting('{"a": 1, "a": 2}'), "'value_json': holds JSON with the key 'a' twice"),
    "instant before year 1 in UTC": (_set("person", "created_at", "0001-01-01T00:00:00+14:00"),
                                     r"field 'created_at': is outside the years 0001 to 9999"),
    "free text too long": (_set("person", "notes", "n" * 20_001),
                           r"records\.person\[0\] .*field 'notes': is longer than 20000 characters"),
    "nested too deep": (_deep, r"records\.team\[0\]\.name(\[0\])+: nested more than 16 levels"),
    "another format version": (_header("format_version", 2), "format version 2; this CoachDesk reads version 1"),
    "another format": (_header("format", "something-else"), "not a CoachDesk exchange document"),
    "a person export": (_header("scope", {"kind": "person", "person": BAD_UUID}), "one person's export"),
    "duplicate uuid": (_dup_person, r"records\.person\[\d+\]: person .* appears twice"),
    "dangling reference": (_set("objective", "person", BAD_UUID),
                           rf"records\.objective\[0\] \(objective .*\), field 'person': refers to person {BAD_UUID}"),
    "dangling self reference": (_set("team", "parent_team", BAD_UUID), r"field 'parent_team': refers to team"),
    "wrong type": (_set("person", "display_name", 42), r"records\.person\[0\] \(person .*\), field 'display_name': "
                                                       "expected text, got a number"),
    "null where required": (_set("objective", "statement", None), "field 'statement': is required"),
    "unknown field": (_set("team", "colour", "red"), r"records\.team\[0\] .*unknown field 'colour'"),
    "missing field": (_drop_field, r"records\.objective\[0\] .*field 'due_date' is missing"),
    "bad enum": (_set("objective", "status", "finished"), "field 'status': expected one of draft, agreed"),
    "bad date": (_set("objective", "due_date", "2026-13-01"), "field 'due_date': expected a date YYYY-MM-DD"),
    "instant without offset": (_set("person", "created_at", "2026-01-01T10:00:00"), "has no UTC offset"),
    "bool for a number": (_set("objective", "weight", True), "field 'weight': expected a number, got true/false"),
    "text too long": (_set("kpi_definition", "code", "X" * 41), "field 'code': is longer than 40 characters"),
    "kinds out of order": (_reorder, r"records\.app_setting comes after records\.team"),
    "figure value": (_figure(2, "fast"), r"records\.kpi_figure\[0\] .*figures\[0\]: the value must be a finite"),
    "figure date": (_figure(0, "yesterday"), r"figures\[0\]: expected a date"),
    "figure batch index": (_figure(3, 7), r"figures\[0\]: the batch index must be"),
    "figure period twice": (_dup_period, "is given twice for this person and KPI"),
    "figure group twice": (_dup_group, "already had a group"),
    "natural key clash": (_same_code, r"records\.kpi_definition\[\d+\] .*(clashes|has the same code as)"),
    "record not an object": (lambda d: d["records"]["team"].__setitem__(0, "Billing"), "expected an object"),
    "records not a list": (lambda d: d["records"].__setitem__("team", {}), r"records\.team must be a list"),
    "unknown kind": (lambda d: d["records"].__setitem__("pets", []), "records.pets is not a kind"),
}


@pytest.fixture
def source(db, tmp_path: Path) -> dict:
    build(db)
    return load(export_document(db, tmp_path / "good.json").path)


@pytest.fixture
def target(tmp_path: Path):
    store = open_store(sqlite_location(tmp_path / "target.sqlite3"))
    yield store.db
    store.db.dispose()


def test_bad_documents_are_refused_naming_where_and_nothing_changes(db, target, source: dict,
                                                                    tmp_path: Path) -> None:
    """Each case against a new database and against a merge into the one the document came from; a refused
    import changes nothing, so the same two databases serve every case."""
    before = {"target": snapshot(target), "source": snapshot(db)}
    for case, (edit, message) in sorted(CASES.items()):
        doc = copy.deepcopy(source)
        edit(doc)
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        for name, into in (("target", target), ("source", db)):
            with pytest.raises(ExchangeError, match=message) as caught:
                import_document(into, path)
            assert "\n" not in str(caught.value), case
            assert snapshot(into) == before[name], f"{case}: {name} changed"


@pytest.mark.parametrize("text,message", [
    ("", "not complete, valid JSON|ends early"),
    ("hello", "not complete, valid JSON"),
    ("[1, 2]", "expected a JSON object"),
    ('{"records": {}}', "is not a CoachDesk exchange document"),
    ('{"format": "coachdesk-exchange", "format_version": 1, "scope": {"kind": "all"}, "records": {}} []',
     "more after the end|valid JSON"),
    ('{"format": "coachdesk-exchange", "format_version": 1, "scope": {"kind": "all"}, "extra": 1, "records": {}}',
     "unknown top-level key 'extra'"),
    ('{"format": "coachdesk-exchange", "format": "coachdesk-exchange", "format_version": 1, "records": {}}',
     "top-level key 'format' appears twice"),
    ('{"format": "coachdesk-exchange", "format_version": 1, "scope": {"kind": "all", "kind": "all"}, "records": {}}',
     r"scope\.kind: the key 'kind' appears twice"),
    ('{"format": "coachdesk-exchange", "format_version": 1, "scope": {"kind": "all"}, "records": {"team": [{"uuid": '
     '"00000000-0000-4000-8000-000000000001", "uuid": "00000000-0000-4000-8000-000000000002"}]}}',
     r"records\.team\[0\]\.uuid: the key 'uuid' appears twice"),
])
def test_files_that_are_not_documents_are_refused(text: str, message: str, target, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    before = snapshot(target)
    with pytest.raises(ExchangeError, match=message):
        import_document(target, path)
    assert snapshot(target) == before


def test_a_truncated_file_is_refused_and_nothing_is_kept(source: dict, target, tmp_path: Path) -> None:
    text = json.dumps(source, indent=1)
    before = snapshot(target)
    for cut in (0.2, 0.5, 0.9, 0.999):
        path = tmp_path / "cut.json"
        path.write_text(text[: int(len(text) * cut)], encoding="utf-8")
        with pytest.raises(ExchangeError, match="not complete, valid JSON|ends early"):
            import_document(target, path)
        assert snapshot(target) == before


def test_bytes_that_are_not_utf8_are_refused(target, tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"format": "coachdesk-\xe9xchange"}'.encode("latin-1"))
    with pytest.raises(ExchangeError):
        import_document(target, path)


def test_a_missing_file_is_refused(target, tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="does not exist"):
        import_document(target, tmp_path / "nowhere.json")
