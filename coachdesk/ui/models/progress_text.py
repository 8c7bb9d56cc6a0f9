"""An objective's progress in words: line of sight, measure and due date, current value against target, forecast
(the cards of the agent and Goals pages and the attention table say it the same way)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from coachdesk.services.goals import ProgressRow
from coachdesk.ui.kit.words import band_label, band_text, date_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("ObjectiveCard", text)


def day_text(day) -> str:  # noqa: ANN001
    return date_text(day)


def line_of_sight_text(row: ProgressRow) -> str:
    """"Team goal → organisation goal", or a flag when the objective serves no goal."""
    if not row.line_of_sight:
        return "⚑ " + _tr("Serves no goal yet: no line of sight")
    parts = [g.title + (" " + _tr("(archived)") if g.archived else "") for g in row.line_of_sight]
    return " → ".join(parts)


def meta_text(row: ProgressRow) -> str:
    """Measure, target, due date and status, in one line."""
    parts = [row.measure_code] if row.measure_code else []
    if row.target is not None:
        parts.append(_tr("target {target}").format(target=row.target_text))
    parts.append(_tr("due {date}").format(date=day_text(row.due_date)))
    parts.append(QCoreApplication.translate("ObjectiveStatus", row.status.value.capitalize()))
    if row.weight is not None:
        parts.append(_tr("weight {weight}%").format(weight=f"{row.weight * 100:g}"))
    return " · ".join(parts)


def progress_text(row: ProgressRow) -> str:
    """"Now 6:10 (0:20 to go) · heading for 5:55, ● On target", or why there is nothing to show yet (the forecast in
    the bands' words, as on Today)."""
    if row.current is None:
        return row.note or _tr("No figures yet.")
    text = _tr("Now {current} ({distance})").format(current=row.current_text, distance=row.distance_text)
    if row.forecast is not None:
        verdict = band_text(row.forecast_band) if row.forecast_band is not None else ""
        text += " · " + _tr("heading for {value}").format(value=row.forecast_text) + (f", {verdict}" if verdict else "")
    else:
        text += " · " + _tr("too few days for a forecast")
    return text


def accessible_summary(row: ProgressRow) -> str:
    return ". ".join([row.statement, line_of_sight_text(row), progress_text(row), band_label(row.band)])
