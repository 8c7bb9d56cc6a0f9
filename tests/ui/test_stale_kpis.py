"""Views never go stale after KPI writes made on the KPI screens: an import through the import dialog, undoing it on
the KPIs page, and editing a KPI definition each announce what changed, and the open agent's trend, Today and the
KPI lists show it without F5 (``ui.kit.changes``). Real windows, real SQLite files, synchronous operations."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coachdesk.services import kpis as kpis_api
from tests.ui.test_stale_views import _objective


def _file(tmp_path: Path, name: str, values: list[float]) -> Path:
    days = [date.today() - timedelta(days=n) for n in range(len(values), 0, -1)]
    path = tmp_path / "aht-export.csv"
    path.write_text("Agent,Date,AHT\n" + "".join(f"{name},{d.isoformat()},{v}\n" for d, v in
                                                 zip(days, values, strict=True)), encoding="utf-8")
    return path


def _aht_points(window) -> list[float]:  # noqa: ANN001
    agent = window.show_page("agent", refresh=False)  # shown again: it reloads because it was told, not asked
    return [v for panel in agent.trend_view.data.kpis if panel.code == "AHT" for _d, v in panel.points]


def _amelias_current(window, refresh: bool = False) -> float | None:  # noqa: ANN001
    today = window.show_page("today", refresh=refresh)
    return next(r for r in today.objectives_due.model.rows() if r.person_name == "Amelia Brown").current


def _import_through_the_dialog(window, path: Path):  # noqa: ANN001, ANN202
    kpis = window.show_page("kpis")
    dialog = kpis.open_file(path)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert dialog.result is not None and dialog.result.figures_stored
    dialog.close()
    return kpis, dialog.result


@pytest.fixture
def amelia_open(window, sample):  # noqa: ANN001, ANN201
    """Amelia has a handle-time objective; the agent page is open on her, Today has been shown; no figures yet."""
    amelia = sample.agent_uuids["Amelia Brown"]
    _objective(window.ctx, amelia)
    agent = window.show_page("agent")
    assert agent.open_agent(amelia)
    assert _aht_points(window) == [] and _amelias_current(window, refresh=True) is None
    return amelia


def test_importing_through_the_dialog_changes_the_open_agents_trend_today_and_the_history(window, amelia_open,
                                                                                          tmp_path) -> None:
    kpis, result = _import_through_the_dialog(window, _file(tmp_path, "Amelia Brown", [290.0, 280.0, 270.0]))
    history = kpis.tabs.batches_model  # the page was visible: at once
    assert [history.row_at(r).uuid for r in range(history.rowCount())] == [result.batch_uuid]
    assert kpis.cards["figures"].value_text() == "3"
    assert _amelias_current(window) == pytest.approx(280.0)  # hidden: on the next show
    points = _aht_points(window)  # bucketed by the chart's granularity: the file's values or their mean
    assert points and min(points) >= 270.0 and max(points) <= 290.0


def test_undoing_the_import_on_the_kpis_page_takes_the_figures_back_off_today_and_the_trend(window, amelia_open,
                                                                                           tmp_path) -> None:
    _import_through_the_dialog(window, _file(tmp_path, "Amelia Brown", [250.0, 260.0]))
    assert _amelias_current(window) is not None and _aht_points(window)
    kpis = window.show_page("kpis", refresh=False)
    assert kpis.undo_selected(confirm=False)
    assert kpis.cards["figures"].value_text() == "0"
    assert _amelias_current(window) is None
    assert _aht_points(window) == []


def test_editing_a_kpi_renames_it_on_the_open_agents_trend_and_in_the_catalogue(window, amelia_open, qtbot,
                                                                                tmp_path) -> None:
    from coachdesk.ui.dialogs.kpi_dialog import KpiDialog
    from coachdesk.ui.widgets.kpi_catalogue_panel import KpiModel

    kpis_api.import_file(window.ctx.db, _file(tmp_path, "Amelia Brown", [300.0, 310.0]),
                         kpis_api.ImportOptions(auto=True))
    window.show_page("agent").refresh()
    goals = window.show_page("goals")
    panel = goals.show_tab("catalogue")
    names = {panel.model.row_at(r).code: panel.model.row_at(r).name for r in range(panel.model.rowCount())}
    agent = window.show_page("agent", refresh=False)
    assert next(p.label for p in agent.trend_view.data.kpis if p.code == "AHT") == names["AHT"] != "Talk and wrap"
    dialog = KpiDialog(window.ctx, "AHT", agent)
    qtbot.addWidget(dialog)
    dialog.name.setText("Talk and wrap")
    dialog.accept()
    assert dialog.result() and not dialog.banner.isVisible()
    assert next(p.label for p in agent.trend_view.data.kpis if p.code == "AHT") == "Talk and wrap"  # visible: at once
    window.show_page("goals", refresh=False)
    row = next(r for r in range(panel.model.rowCount()) if panel.model.row_at(r).code == "AHT")
    assert panel.model.index(row, KpiModel.NAME).data() == "Talk and wrap"
