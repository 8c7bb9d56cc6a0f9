"""A committing import writes with SQLite's wider page cache and gives the pooled connection its own back; a preview
never widens it."""

from __future__ import annotations

import pytest

from coachdesk.services.kpis import kpi_import as ki
from coachdesk.services.kpis.kpi_import import ImportOptions
from coachdesk.storage import bulk

TEXT = "Agent,Date,AHT,Answered\n" + "".join(f"Agent {i},2021-03-0{d},{200 + i},{10 + i}\n"
                                              for d in (1, 2) for i in range(30))


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The page cache size (PRAGMA cache_size) of the connection at each chunk the import writes."""
    sizes: list[int] = []
    insert = bulk.insert_figures

    def recording(conn, rows):  # noqa: ANN001, ANN202
        sizes.append(int(conn.exec_driver_sql("PRAGMA cache_size").scalar()))
        return insert(conn, rows)

    monkeypatch.setattr(bulk, "insert_figures", recording)
    return sizes


@pytest.mark.sqlite_only
def test_the_import_writes_with_the_wide_cache_and_sets_it_back(db, tmp_path, seen) -> None:  # noqa: ANN001
    path = tmp_path / "daily.csv"
    path.write_text(TEXT, encoding="utf-8")
    plan = ki.preview_file(db, path, ImportOptions(auto=True, create_agents=True))
    assert plan.figures == 120 and seen == []  # a preview writes nothing
    result = ki.import_file(db, path, ImportOptions(auto=True, create_agents=True))
    assert result.figures_stored == 120
    assert seen == [-bulk.BULK_CACHE_KIB]
    with db.session() as session:  # the pool's one connection, back to SQLite's default
        assert session.connection().exec_driver_sql("PRAGMA cache_size").scalar() == -2000


@pytest.mark.sqlite_only
def test_a_refused_import_sets_the_cache_back_too(db, tmp_path, seen) -> None:  # noqa: ANN001
    path = tmp_path / "daily.csv"
    path.write_text(TEXT + "Agent 0,2021-03-01,250,12\n", encoding="utf-8")  # a figure given twice
    with pytest.raises(ki.ImportRejected, match="row 62: repeats the AHT figure for Agent 0"):
        ki.import_file(db, path, ImportOptions(auto=True, create_agents=True))
    assert seen == [-bulk.BULK_CACHE_KIB]
    with db.session() as session:
        assert session.connection().exec_driver_sql("PRAGMA cache_size").scalar() == -2000
