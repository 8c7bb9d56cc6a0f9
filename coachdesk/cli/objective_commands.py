"""``coachdesk objectives list``: objectives with their parent goals, levels, current value, band and forecast,
from the same service function as the GUI (``services.objective_progress.list_progress``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.common import EXIT_OK, UserError, open_context, print_records
from coachdesk.paths import AppPaths

if TYPE_CHECKING:
    import argparse

#: widest statement and goal titles in the table (CSV and JSON keep the whole text)
TABLE_TEXT = 48


def _clip(text: str | None, width: int = TABLE_TEXT) -> str:
    text = text or ""
    return text if len(text) <= width else text[: width - 1] + "…"


def _statuses(value: str):  # noqa: ANN202
    from coachdesk.domain.enums import ObjectiveStatus
    from coachdesk.domain.objectives import OPEN_STATUSES

    if value == "open":
        return OPEN_STATUSES
    if value == "all":
        return None
    return [ObjectiveStatus(value)]


def cmd_objectives(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import goals as goals_api

    try:
        on = date.fromisoformat(args.on) if args.on else None
    except ValueError:
        raise UserError(f"--on {args.on!r} is not a date: write it as YYYY-MM-DD.") from None
    ctx = open_context(args, paths)
    rows = goals_api.list_progress(ctx.db, agent=args.agent, team=args.team,
                                            statuses=_statuses(args.status), on=on)
    if args.format == "json":
        print_records([_json(r) for r in rows], "json", out)
        return EXIT_OK
    if not rows:
        if args.format == "table":
            print("No objectives match.", file=out)
        return EXIT_OK
    table = args.format == "table"
    records = [{
        "person": r.person_name, "team": r.team_name or "", "measure": r.measure_code,
        "statement": _clip(r.statement) if table else r.statement, "status": r.status.value,
        "due": r.due_date.isoformat(),
        "team_goal": _clip(_team_goal(r), 36) if table else _team_goal(r),
        "org_goal": _clip(r.organisation_goal_title, 36) if table else (r.organisation_goal_title or ""),
        "baseline": r.baseline_text, "commit": r.commit_text, "target": r.target_text, "stretch": r.stretch_text,
        "current": r.current_text, "band": r.band.label if r.band else "", "forecast": r.forecast_text,
        "on_track": "" if r.on_track is None else ("yes" if r.on_track else "no"),
    } for r in rows]
    print_records(records, args.format, out)
    return EXIT_OK


def _team_goal(row) -> str:  # noqa: ANN001
    from coachdesk.domain.enums import GoalLevel

    team = [g for g in row.line_of_sight if g.level is GoalLevel.TEAM]
    if team:
        return team[0].title
    return "" if row.line_of_sight else "(no goal)"


def _json(r) -> dict:  # noqa: ANN001
    return {
        "uuid": r.uuid, "person": r.person_name, "person_uuid": r.person_uuid, "team": r.team_name,
        "statement": r.statement, "measure": r.measure_code, "measure_kind": r.measure_kind.value,
        "unit": r.unit.value, "status": r.status.value, "start": r.start_date.isoformat(),
        "due": r.due_date.isoformat(), "weight": r.weight, "template_uuid": r.template_uuid,
        "line_of_sight": [{"uuid": g.uuid, "title": g.title, "level": g.level.value, "archived": g.archived}
                          for g in r.line_of_sight],
        "levels": {"baseline": r.baseline, "commit": r.commit, "target": r.target, "stretch": r.stretch},
        "levels_text": {"baseline": r.baseline_text, "commit": r.commit_text, "target": r.target_text,
                        "stretch": r.stretch_text},
        "current": r.current, "current_text": r.current_text, "days_with_data": r.days_with_data,
        "distance": r.distance, "distance_text": r.distance_text,
        "band": r.band.value if r.band else None, "forecast": r.forecast, "forecast_text": r.forecast_text,
        "forecast_band": r.forecast_band.value if r.forecast_band else None, "on_track": r.on_track,
        "off_track": r.off_track, "due_soon": r.due_soon, "note": r.note,
    }
