"""Optional: every real export in ../shared/realdata imports with ``auto`` (or is refused with a stated reason when
it holds no KPI), and the figures read back equal values computed here from the file with the csv module alone."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from coachdesk.domain.errors import ValidationError
from coachdesk.paths import app_paths
from coachdesk.services.common.store import open_store, resolve_location
from coachdesk.services.kpis import kpi_import as ki
from coachdesk.services.kpis.kpi_query import list_figures

#: ../shared/realdata beside the checkout: /work/main's parent, or a worktree's (/work/wt/NAME) grandparent
REALDATA = next((p / "shared" / "realdata" for p in Path(__file__).resolve().parents[3:5]
                 if (p / "shared" / "realdata").is_dir()), Path(__file__).resolve().parents[3] / "shared" / "realdata")
if not REALDATA.is_dir():
    pytest.skip(f"no real exports at {REALDATA} (they are reference material kept outside the repository)",
                allow_module_level=True)

FILES = sorted(p.name for p in REALDATA.glob("*") if p.suffix.casefold() in (".csv", ".tsv", ".txt", ".xlsx", ".xls"))
#: The adherence export has no date column; its original name says it covers 24 July.
PERIODS = {"genesys_historical_adherence_pseudonymised.csv": (date(2025, 7, 24), date(2025, 7, 24))}
#: Files that hold no KPI, and the words their refusal must give as its reason.
REFUSED = {"genesys_agent_status_summary_pseudonymised.csv": "agent status times",
           "payroll_calculated_time_summary_by_week_pseudonymised.csv": "is a KPI that the catalogue knows"}


@pytest.fixture
def db(tmp_path):
    store = open_store(resolve_location(app_paths(tmp_path / "data").ensure()))
    yield store.db
    store.db.dispose()


def rows_of(name: str) -> list[dict[str, str]]:
    with (REALDATA / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def seconds(text: str) -> float:
    h, m, s = text.strip().split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def stored(db) -> dict[tuple, float]:
    return {(f.person, f.kpi, f.period_start, f.period_end): f.value for f in list_figures(db)}


def expected_genesys_performance(name: str) -> dict[tuple, float]:
    out = {}
    for row in rows_of(name):
        agent = row["Agent Name"]
        if not agent or "Template" in agent:
            continue
        start = datetime.strptime(row["Interval Start"], "%m/%d/%y %H:%M").date()
        end = datetime.strptime(row["Interval End"], "%m/%d/%y %H:%M").date()
        period = (start, date.fromordinal(end.toordinal() - 1))  # the interval ends at midnight
        for column, code in (("Avg Handle", "AHT"), ("Avg Talk", "TALK"), ("Avg ACW", "ACW"),
                             ("Avg Hold Handled", "HOLD")):
            if row[column].strip():
                out[(agent, code, *period)] = seconds(row[column])
        if row["Answered"]:
            out[(agent, "ANSWERED", *period)] = float(row["Answered"])
            if row["Transferred"] and int(row["Answered"]):
                out[(agent, "TRANSFER", *period)] = int(row["Transferred"]) / int(row["Answered"])
    return out


def expected_adherence(name: str) -> dict[tuple, float]:
    period = PERIODS[name]
    out = {}
    for row in rows_of(name):
        for column, code in (("Adherence (%)", "ADHERENCE"), ("Conformance (%)", "CONFORMANCE")):
            text = row[column].rstrip("%").replace(",", "")
            if text not in ("Infinity", "NaN", "-Infinity", ""):
                out[(row["Agent"], code, *period)] = float(text) / 100
    return out


def expected_calls(name: str, day_first: bool, talk_column: str, hms: bool) -> dict[tuple, float]:
    groups: dict[tuple, dict] = defaultdict(lambda: {"answered": 0, "talk": [], "speed": [], "resolved": 0,
                                                     "ratings": []})
    for row in rows_of(name):
        first, second, year = (int(x) for x in row["Date"].split("/"))
        day = date(year, second, first) if day_first else date(year, first, second)
        g = groups[(row["Agent"], day)]
        rating = row["Satisfaction rating"].strip()
        if rating and rating != "0":  # 0 is "not rated" in the file that writes it: its scale is 1-5
            g["ratings"].append(int(rating))
        if row["Answered (Y/N)"] != "Y":
            continue
        g["answered"] += 1
        g["talk"].append(seconds(row[talk_column]) if hms else float(row[talk_column]))
        g["speed"].append(float(row["Speed of answer in seconds"]))
        g["resolved"] += row["Resolved"] == "Y"
    out = {}
    for (agent, day), g in groups.items():
        key = (agent, day, day)
        out[(agent, "ANSWERED", day, day)] = g["answered"]
        if g["answered"]:
            for code, value in (("AHT", sum(g["talk"]) / len(g["talk"])), ("TALK", sum(g["talk"]) / len(g["talk"])),
                                ("ASA", sum(g["speed"]) / len(g["speed"])), ("FCR", g["resolved"] / g["answered"])):
                out[(key[0], code, day, day)] = value
        if g["ratings"]:
            out[(agent, "CSAT", day, day)] = sum(r >= 4 for r in g["ratings"]) / len(g["ratings"])
            out[(agent, "DSAT", day, day)] = sum(r <= 2 for r in g["ratings"]) / len(g["ratings"])
    return out


EXPECTED = {
    "genesys_agent_performance_summary_pseudonymised.csv": expected_genesys_performance,
    "genesys_historical_adherence_pseudonymised.csv": expected_adherence,
    "pwc_call_centre_usdates_seconds.csv": lambda n: expected_calls(n, False, "Talk Duration", False),
    "pwc_call_centre_ddmm_hms_bom.csv": lambda n: expected_calls(n, True, "AvgTalkDuration", True),
}


@pytest.mark.parametrize("name", FILES)
def test_every_real_export_imports_with_auto_or_is_refused_with_a_reason(db, name):
    period = PERIODS.get(name, (None, None))
    options = ki.ImportOptions(auto=True, create_agents=True, period_start=period[0], period_end=period[1])
    if name in REFUSED:
        with pytest.raises(ValidationError, match=REFUSED[name]) as refusal:
            ki.import_file(db, REALDATA / name, options)
        assert str(refusal.value).startswith(f"{name}: nothing to import")
        assert list(list_figures(db)) == []
        return
    result = ki.import_file(db, REALDATA / name, options)
    assert result.batch_uuid and result.figures_stored > 0
    if name not in EXPECTED:
        return  # a file added to the folder later: it imports; its values are checked by hand
    expected = EXPECTED[name](name)
    got = stored(db)
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, rel=1e-9, abs=1e-9), key
    assert result.figures_stored == len(expected)


def test_row_counts_and_skip_reasons_match_the_files(db):
    name = "genesys_agent_performance_summary_pseudonymised.csv"
    if name not in FILES:
        pytest.skip(f"{name} is not in {REALDATA}")
    plan = ki.preview_file(db, REALDATA / name, ki.ImportOptions(auto=True, create_agents=True))
    rows = rows_of(name)
    blank = sum(1 for r in rows if not any(v.strip() for v in r.values()))
    templates = sum(1 for r in rows if "Template" in r["Agent Name"])
    assert plan.rows_read == len(rows) and plan.skipped["blank row"] == blank
    assert plan.skipped["not an agent: a template user"] == templates
    assert plan.preset == "genesys-agent-performance" and plan.date_order == "mdy"
    calls = "pwc_call_centre_ddmm_hms_bom.csv"
    if calls in FILES:
        plan = ki.preview_file(db, REALDATA / calls, ki.ImportOptions(auto=True, create_agents=True))
        zeros = sum(1 for r in rows_of(calls) if r["Satisfaction rating"] == "0")
        assert plan.rows_read == len(rows_of(calls)) and plan.date_order == "dmy"
        assert any(f"{zeros:,} zeros read as 'not rated'" in w for w in plan.warnings)
