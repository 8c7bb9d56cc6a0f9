"""Optimistic concurrency for editors: a save based on a stale version raises a ``ConflictError`` with both versions.

How an editor uses it (people, objectives, feedback; the one-to-one editor should do the same):

1. load the record's detail, which carries its ``version``;
2. save with ``expected_version=detail.version``. The service opens ``db.unit_of_work(immediate=True)`` and reads
   the record with ``locked(...)`` (``BEGIN IMMEDIATE`` on SQLite, ``SELECT … FOR UPDATE`` on a server), so the
   check below holds across sessions and processes, then calls ``check(...)``;
3. on ``ConflictError`` show ``ui/kit/conflicts.py``: "keep mine" saves again with
   ``expected_version=error.their_version, overwriting=error`` (``record_overwrite`` puts both versions in the
   audit log), "take theirs" reloads the editor, "cancel" goes back to the editor with the typing intact.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction
from coachdesk.domain.errors import ConflictError
from coachdesk.services.common import audit
from coachdesk.services.people import EditConflict
from coachdesk.storage.lookup import by_uuid

M = TypeVar("M")


def locked(session: Session, model: type[M], uuid: str, what: str) -> M:
    """The record ``uuid``, locked against other writers until the unit of work ends (FOR UPDATE on a server;
    SQLite is already locked whole by ``unit_of_work(immediate=True)``)."""
    return by_uuid(session, model, uuid, what, for_update=True)


def check(stored_version: int, expected_version: int | None, kind: str, label: str,
          theirs: Callable[[], dict[str, str]], mine: Callable[[], dict[str, str]]) -> None:
    """Raise a ``ConflictError`` (an ``EditConflict``) with both versions when the stored version moved on."""
    if expected_version is None or stored_version == expected_version:
        return
    raise EditConflict(
        f"{label} was changed by someone else after you opened it; nothing was saved. Compare the two versions "
        "and choose which to keep.", kind=kind, label=label, theirs=theirs(), mine=mine(),
        their_version=stored_version, my_version=expected_version)


def record_overwrite(session: Session, kind: str, uuid: str, conflict: ConflictError | None) -> None:
    """The user chose to keep their version over someone else's: say so in the audit log, with both versions.

    The save itself passes ``expected_version=conflict.their_version``, so a third change meanwhile conflicts again.
    """
    if conflict is None:
        return
    audit.record(session, AuditAction.UPDATE, kind, uuid,
                 f"{conflict.label}: saved over a change made by someone else (their version "
                 f"{conflict.their_version}, mine based on {conflict.my_version})",
                 details={"overwrote": conflict.theirs, "with": conflict.mine})


# -- shown values -------------------------------------------------------------------------------------------------

def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "\n".join(text(v) for v in value)
    return str(value).strip()


def _span(start: date | None, end: date | None) -> str:
    return f"{start.isoformat() if start else 'start'} – {end.isoformat() if end else 'now'}"


def person_values(data, team_names: dict[str, str]) -> dict[str, str]:  # noqa: ANN001 - PersonInput/Detail
    """The person form as shown values; ``team_names`` maps team uuid to name."""
    values = {
        "Name": text(data.display_name), "Given name": text(data.given_name),
        "Family name": text(data.family_name), "E-mail": text(data.email),
        "Active from": text(data.active_from), "Active to": text(data.active_to),
        "One-to-one every (days)": text(data.one_to_one_cadence_days), "Notes": text(data.notes),
        "External ids": text(sorted(f"{system}: {value}" for system, value in data.external_ids)),
        "Aliases": text(sorted(data.aliases, key=str.casefold)),
    }
    if data.roles is not None:
        values["Roles"] = text(sorted(f"{line.role.value} {_span(line.start_date, line.end_date)}"
                                      for line in data.roles))
    if data.memberships is not None:
        values["Teams"] = text(sorted(
            f"{team_names.get(line.team_uuid, line.team_name)} ({line.role.value}) "
            f"{_span(line.start_date, line.end_date)}" for line in data.memberships))
    return values


def objective_values(session: Session, objective) -> dict[str, str]:  # noqa: ANN001 - an Objective row
    """An objective as shown values, levels in its measure's display format."""
    from coachdesk.domain.kpi_format import format_value
    from coachdesk.services.goals import stored_measure
    from coachdesk.storage.models import Goal

    measure = stored_measure(session, objective.kpi_id, objective.behaviour_id)

    def level(value: float | None) -> str:
        if value is None:
            return ""
        return format_value(value, measure.unit, measure.display_format) if measure else f"{value:g}"

    goal = session.get(Goal, objective.goal_id) if objective.goal_id else None
    return {
        "Statement": text(objective.statement),
        "Measure": f"{measure.name} ({measure.kind.value})" if measure else "",
        "Baseline": level(objective.baseline), "Commit level": level(objective.commit_level),
        "Target": level(objective.target_level), "Stretch level": level(objective.stretch_level),
        "Start": text(objective.start_date), "Due": text(objective.due_date),
        "Weight": "" if objective.weight is None else f"{objective.weight * 100:g}%",
        "Goal": goal.title if goal else "",
    }


def objective_input_values(data) -> dict[str, str]:  # noqa: ANN001 - ObjectiveInput
    """An objective form as typed, for when it cannot even be read against the stored objective."""
    return {"Statement": text(data.statement), "Measure": text(data.kpi_code or data.behaviour_uuid),
            "Baseline": text(data.baseline), "Commit level": text(data.commit), "Target": text(data.target),
            "Stretch level": text(data.stretch), "Start": text(data.start_date), "Due": text(data.due_date),
            "Weight": "" if data.weight_percent in (None, "") else f"{float(data.weight_percent):g}%",
            "Goal": text(data.goal_uuid)}
