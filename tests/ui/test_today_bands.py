"""Today speaks one vocabulary for where an objective is now and where it is heading (the bands' words and marks,
never "On target" beside "off track"), and its bands are scaled to the KPI: 0.7 short on a 1-5 rating is Below."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from coachdesk.domain.enums import ObjectiveStatus
from coachdesk.services import goals as goals_api
from coachdesk.ui.models.progress_models import AttentionModel
from tests.services.objective_helpers import add_figures


def _rating_objective(ctx, agent: str, values: list[float]) -> None:  # noqa: ANN001
    start = date.today() - timedelta(days=len(values) + 1)
    add_figures(ctx.db, agent, "CSAT_SCORE", {start + timedelta(days=n + 1): v for n, v in enumerate(values)})
    data = goals_api.ObjectiveInput(person_uuid=agent, statement="Raise my satisfaction score to 4.5 of 5",
                                    kpi_code="CSAT_SCORE", commit="4.2", target="4.5", start_date=start,
                                    due_date=date.today() + timedelta(days=10))
    created = goals_api.create_objective(ctx.db, data)
    goals_api.set_status(ctx.db, created.uuid, ObjectiveStatus.AGREED, override_reason="test")


def _cells(model: AttentionModel, name: str) -> list[str]:
    row = next(n for n, r in enumerate(model.rows()) if r.person_name == name)
    return [model.index(row, c).data() or "" for c in range(model.columnCount())]


def test_today_says_where_it_is_and_where_it_is_heading_in_the_bands_words(qtbot, window, ctx, sample) -> None:
    _rating_objective(ctx, sample.agent_uuids["Hannah Schmidt"], [3.8] * 8)  # 0.7 short, under the commit level
    _rating_objective(ctx, sample.agent_uuids["George Ellis"], [3.2] * 8)  # 1.3 short: far below on 1-5
    _rating_objective(ctx, sample.agent_uuids["Farah Khan"], [4.9, 4.8, 4.7, 4.6, 4.5, 4.4, 4.3, 4.2])
    today = window.show_page("today")
    today.refresh()
    model = today.objectives_due.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Band now" in headers and "Heading for" in headers
    hannah = _cells(model, "Hannah Schmidt")
    assert hannah[AttentionModel.BAND] == "▼ Below"  # not "far below" for 0.7 on a 1-5 scale
    assert hannah[AttentionModel.FORECAST] == "▼ Below"
    row = next(n for n, r in enumerate(model.rows()) if r.person_name == "Hannah Schmidt")
    assert "3.80" in model.index(row, AttentionModel.FORECAST).data(Qt.ItemDataRole.ToolTipRole)
    assert _cells(model, "George Ellis")[AttentionModel.BAND] == "▼▼ Far below"
    farah = _cells(model, "Farah Khan")  # on target on average, but falling: heading below, in the same words
    assert farah[AttentionModel.BAND] == "● On target" and farah[AttentionModel.FORECAST].startswith("▼")
    for cells in (hannah, farah):
        assert cells[AttentionModel.WHY] == "due soon, heading short of target"
    everything = " ".join(" ".join(_cells(model, r.person_name)) for r in model.rows())
    assert "off track" not in everything and "on track" not in everything
    assert "off track" not in today.objectives_due.summary.text()
    window.resize(1280, 720)
    window.grab().save(str(ctx.paths.data_dir / "today-bands.png"))
