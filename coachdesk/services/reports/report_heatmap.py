"""The team summary's behaviour heat map: agents x behaviour categories (score 0-100 and its count), drawn with the
trends issue's ``draw_heatmap`` into a PNG for the PDF."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from coachdesk.domain.scores import MIN_OBSERVATIONS
from coachdesk.reports.charts.trend_data import HeatCell, HeatmapData
from coachdesk.services.reports.report_data_team import members
from coachdesk.storage.database import Database
from coachdesk.storage.models import Team


def heatmap_data(db: Database, team: str, start: date, end: date) -> HeatmapData:
    from coachdesk.services import observation as observation_api
    from coachdesk.services.goals import find_team

    team_uuid, team_name = find_team(db, team)
    with db.session() as session:
        team_id = session.scalar(select(Team.id).where(Team.uuid == team_uuid))
        people = members(session, team_id, start, end)
    sheets = [(name, observation_api.period_scores(db, uuid, start, end)) for _id, uuid, name in people]
    columns: list[str] = []
    for _name, sheet in sheets:
        for category in sheet.categories:
            if category.name not in columns:
                columns.append(category.name)
    rows, cells = [], []
    for name, sheet in sheets:
        by_name = {c.name: c.score for c in sheet.categories}
        row = []
        for column in columns:
            score = by_name.get(column)
            if score is None or score.n == 0 or score.value is None:
                row.append(HeatCell(None))
            else:
                row.append(HeatCell(score.value, f"{score.value:.0f} ({score.n})", score.n,
                                    score.n < MIN_OBSERVATIONS))
        rows.append(name)
        cells.append(tuple(row))
    note = "" if columns else "No observations in this period."
    return HeatmapData(f"Behaviour scores, {team_name}", tuple(rows), tuple(columns), tuple(cells), note)


def heatmap_png(db: Database, team: str, start: date, end: date, width_pt: float) -> bytes | None:
    from coachdesk.reports.charts.team_heatmap import draw_heatmap
    from coachdesk.reports.pdf.charts import render_png

    data = heatmap_data(db, team, start, end)
    if not data.columns or not data.rows:
        return None
    height = 70 + 15 * len(data.rows)
    return render_png(lambda fig: draw_heatmap(fig, data, compact=True), width_pt, height)
