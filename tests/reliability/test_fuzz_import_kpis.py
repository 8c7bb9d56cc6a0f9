"""Reliability: ``import-kpis`` fed random and mutated files never raises anything but a ``CoachDeskError``; a refusal
changes nothing, and a success stores exactly the figures it reports."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from coachdesk.domain.errors import CoachDeskError
from coachdesk.services import kpis as kpis_api
from coachdesk.services.common import open_store, sqlite_location
from coachdesk.storage.database import Database, sqlite_url
from coachdesk.storage.models import KpiFigure
from tests.services.exchange_helpers import snapshot

VALID = ("Agent,Date,KPI,Value\nAna Silva,2026-03-02,AHT,5:30\nAna Silva,2026-03-02,CSAT,87%\n"
         "Bo Chen,2026-03-03,AHT,412\nBo Chen,03/04/2026,FCR,0.75\n")
CELLS = st.sampled_from(["Ana Silva", "Bo Chen", "2026-03-02", "31/12/2026", "AHT", "CSAT", "FCR", "5:30", "87%",
                         "412", "", "-", "n/a", "Total", "1e309", "0x1F", "=SUM(A1)", '"quoted, cell"', "😀"]) \
    | st.text(max_size=12)
HEADERS = st.lists(st.sampled_from(["Agent", "Date", "KPI", "Value", "AHT", "Calls", "Agent Name", "Interval",
                                    "Handle Time", "CSAT %", ""]), min_size=1, max_size=5)


@cache
def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="coachdesk-fuzz-kpis-"))


@cache
def _db() -> Database:
    template = _folder() / "template.sqlite3"
    store = open_store(sqlite_location(template))
    store.db.dispose()
    path = _folder() / "target.sqlite3"
    shutil.copyfile(template, path)
    return Database(sqlite_url(path))


def _figures(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(KpiFigure))


def _try(data: bytes, name: str, create_agents: bool) -> None:
    db = _db()
    path = _folder() / name
    path.write_bytes(data)
    before, figures = snapshot(db), _figures(db)
    try:
        result = kpis_api.import_file(db, path, kpis_api.ImportOptions(auto=True, create_agents=create_agents,
                                                                          on_duplicate="replace", force=True))
    except CoachDeskError as exc:
        assert str(exc)
        assert snapshot(db) == before, f"refused ({exc}) but the database changed"
        return
    stored = _figures(db) - figures
    assert stored == result.figures_stored - result.figures_replaced, "the report and the database disagree"


@st.composite
def csv_files(draw) -> bytes:  # noqa: ANN001
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    header = draw(HEADERS)
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 1), max_size=6))
    text = "\n".join(delimiter.join(r) for r in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1", "utf-8-sig"]))
    return text.encode(encoding, "replace")


@st.composite
def mutated_valid(draw) -> bytes:  # noqa: ANN001
    data = bytearray(VALID.encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(data) - 1))
        how = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        if how == "flip":
            data[i] = draw(st.integers(0, 255))
        elif how == "cut":
            del data[i:]
        elif how == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif data:
            del data[i]
        if not data:
            break
    return bytes(data)


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(csv_files(), st.booleans())
def test_fuzz_import_kpis_generated_files(data: bytes, create_agents: bool) -> None:
    _try(data, "generated.csv", create_agents)


@FUZZ
@given(mutated_valid() | st.binary(max_size=300), st.sampled_from(["mutated.csv", "mutated.xlsx", "mutated.txt"]),
       st.booleans())
def test_fuzz_import_kpis_mutated_and_random_bytes(data: bytes, name: str, create_agents: bool) -> None:
    _try(data, name, create_agents)
