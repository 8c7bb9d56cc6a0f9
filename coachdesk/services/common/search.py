"""Find records by their text for the quick switcher: teams, goals, objectives, one-to-ones (summary and items) and
observation notes, each with who and when it is about, so the window can open the page that shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select

from coachdesk.domain import date_words
from coachdesk.storage.database import Database
from coachdesk.storage.models import (
    Goal,
    Objective,
    ObservationNote,
    ObservationSession,
    OneToOne,
    OneToOneItem,
    Person,
    Team,
)

#: at most this many matches of each kind (the switcher lists a few of each, people first)
PER_KIND = 8
#: characters of a long text shown around the match
SNIPPET = 90


@dataclass(frozen=True)
class Found:
    """One record whose text matches: ``kind`` (team, goal, objective, one_to_one, note), its UUID, the text
    shown, a detail line (whose, when), and the agent it belongs to (None for teams and goals)."""

    kind: str
    uuid: str
    title: str
    detail: str
    agent_uuid: str | None = None


def _snippet(text: str, needle: str) -> str:
    flat = " ".join((text or "").split())
    if len(flat) <= SNIPPET:
        return flat
    at = max(0, flat.lower().find(needle.lower()) - SNIPPET // 3)
    cut = flat[at:at + SNIPPET]
    return ("…" if at else "") + cut + ("…" if at + SNIPPET < len(flat) else "")


def _day(at: datetime | None) -> str:
    return date_words.date_words(at)


def find_records(db: Database, text: str, per_kind: int = PER_KIND) -> list[Found]:
    """Records whose text contains ``text`` (case aside), a few of each kind, newest first within a kind; nothing
    for fewer than two characters (a single letter would match nearly everything)."""
    needle = " ".join(text.split())
    if len(needle) < 2:
        return []
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = "%" + escaped + "%"

    def has(column):  # noqa: ANN001, ANN202
        return func.lower(column).like(like, escape="\\")

    found: list[Found] = []
    with db.session() as session:
        for uuid, name, description in session.execute(
                select(Team.uuid, Team.name, Team.description).where(or_(has(Team.name), has(Team.description)))
                .order_by(Team.name).limit(per_kind)):
            found.append(Found("team", uuid, name, _snippet(description or "", needle)))
        for uuid, title, level in session.execute(
                select(Goal.uuid, Goal.title, Goal.level)
                .where(or_(has(Goal.title), has(Goal.description), has(Goal.customer_outcome)))
                .order_by(Goal.title).limit(per_kind)):
            found.append(Found("goal", uuid, title, f"{level.value.capitalize()} goal"))
        for uuid, statement, agent_uuid, agent_name, due in session.execute(
                select(Objective.uuid, Objective.statement, Person.uuid, Person.display_name, Objective.due_date)
                .join(Person, Person.id == Objective.person_id).where(has(Objective.statement))
                .order_by(Objective.due_date.desc()).limit(per_kind)):
            found.append(Found("objective", uuid, _snippet(statement, needle),
                               f"{agent_name} · due {date_words.date_words(due)}", agent_uuid))
        item_match = select(OneToOneItem.one_to_one_id).where(has(OneToOneItem.text))
        for row, agent_uuid, agent_name in session.execute(
                select(OneToOne, Person.uuid, Person.display_name).join(Person, Person.id == OneToOne.agent_id)
                .where(or_(has(OneToOne.summary), has(OneToOne.agent_comments), OneToOne.id.in_(item_match)))
                .order_by(func.coalesce(OneToOne.held_at, OneToOne.scheduled_for).desc()).limit(per_kind)):
            texts = [row.summary or "", row.agent_comments or ""]
            texts += list(session.scalars(select(OneToOneItem.text).where(OneToOneItem.one_to_one_id == row.id)))
            shown = next((t for t in texts if needle.lower() in t.lower()), texts[0])
            found.append(Found("one_to_one", row.uuid, _snippet(shown, needle),
                               f"{agent_name} · {_day(row.held_at or row.scheduled_for)}", agent_uuid))
        for uuid, note, at, agent_uuid, agent_name in session.execute(
                select(ObservationNote.uuid, ObservationNote.text, ObservationNote.noted_at, Person.uuid,
                       Person.display_name)
                .join(ObservationSession, ObservationSession.id == ObservationNote.session_id)
                .join(Person, Person.id == ObservationSession.agent_id).where(has(ObservationNote.text))
                .order_by(ObservationNote.noted_at.desc()).limit(per_kind)):
            found.append(Found("note", uuid, _snippet(note, needle), f"{agent_name} · {_day(at)}", agent_uuid))
    return found
