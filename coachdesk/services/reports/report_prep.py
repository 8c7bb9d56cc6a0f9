"""The one-to-one prep sheet for print: the one-to-ones service's ``PrepSheet`` turned into titled sections."""

from __future__ import annotations

from datetime import date

from coachdesk.domain import date_words
from coachdesk.reports.model import PrepDoc, PrepSection
from coachdesk.storage.database import Database


def _day(value: date | None) -> str:
    return date_words.date_words(value, empty="–")


def _clause(text: str | None) -> str:
    """Text that sits between semicolons: its own full stop dropped (no ".;")."""
    return (text or "").strip().rstrip(".") or "–"


def prep_doc(db: Database, agent_uuid: str, on: date | None = None) -> PrepDoc:
    from coachdesk.services.one_to_ones import prep_sheet

    p = prep_sheet(db, agent_uuid, on)
    last = f"Last one-to-one {_day(p.last_session_date)}" if p.last_session_date else "No one-to-one yet"
    due = f"next due {_day(p.due_date)} ({p.due_state.label.lower()})" if p.due_date else p.due_state.label
    sections = [
        PrepSection("Where things stand", (f"{last}; {due}. Counting from {_day(p.since)}.",)),
        PrepSection("Talking points", tuple(f"{t.title}: {t.reason}" if t.reason else t.title
                                            for t in p.talking_points)),
        PrepSection("Objectives", tuple(
            f"{o.statement} — {o.measure_name}: now {o.current_text}, target {o.target_text}"
            + (f", {o.band.label.lower()}" if o.band else "") + (f", forecast {o.forecast_text}"
                                                               if o.forecast_text not in ("", "–") else "")
            for o in p.objectives)),
        PrepSection("KPIs since the last one-to-one", tuple(
            f"{k.measure_name}: {k.before_text} → {k.since_text} ({k.change_text}); target {k.target_text}"
            for k in p.kpi_deltas)),
        PrepSection("Open actions and commitments", tuple(
            f"{i.text} — {i.owner or 'no owner'}, due {_day(i.due_date)}" + (" (overdue)" if i.overdue else "")
            + (f", carried {i.times_carried}×" if i.times_carried else "") for i in p.open_items)),
        PrepSection("Observations", tuple(
            f"{_day(o.day)}{f' by {o.observer}' if o.observer else ''}: "
            + ("no score" if o.score is None else f"score {o.score:.0f} from {o.n} observations")
            for o in p.observations)),
        PrepSection("Strengths", tuple(f"{_day(n.day)} · {n.behaviour}: {n.text}" if n.behaviour
                                       else f"{_day(n.day)}: {n.text}" for n in p.strengths)),
        PrepSection("Opportunities", tuple(f"{_day(n.day)} · {n.behaviour}: {n.text}" if n.behaviour
                                           else f"{_day(n.day)}: {n.text}" for n in p.opportunities)),
        PrepSection("Heard on the calls", tuple(f"{_day(n.day)}: {n.text}" for n in p.verbatims)),
        PrepSection("Feedback given", tuple(
            f"{_day(f.day)}: went well — {_clause(f.went_well)}; to improve — {_clause(f.to_improve)}"
            + (f"; commitment — {_clause(f.agent_commitment)}" if f.agent_commitment else "") for f in p.feedback)),
        PrepSection("Recognitions", tuple(f"{_day(r.day)}: {r.title}" + (f" (from {r.given_by})" if r.given_by
                                                                         else "") for r in p.recognitions)),
    ]
    return PrepDoc(p.agent_name, p.team or "", p.on, tuple(sections))
