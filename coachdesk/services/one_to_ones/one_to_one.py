"""One-to-one records: open the next session (carrying open actions and commitments into it), save what was said,
mark it held, have the agent acknowledge it (which locks it), and amend a locked record with who, when and why.

Every write is one unit of work with an audit entry; a refused write changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, aliased

from coachdesk.domain import date_words
from coachdesk.domain.enums import (
    AuditAction,
    ItemKind,
    ItemStatus,
    OneToOneStatus,
    OneToOneType,
    RewardScope,
    Visibility,
)
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.domain.one_to_one_rules import (
    CARRIED_KINDS,
    cadence_days,
    check_can_acknowledge,
    check_item,
    check_next_date,
)
from coachdesk.services import common as common_api
from coachdesk.services.common import person_id
from coachdesk.services.goals import team_at
from coachdesk.services.one_to_ones.one_to_one_types import (
    AmendmentLine,
    ItemInput,
    ItemRow,
    ParticipantRow,
    SessionObjective,
    SessionRecord,
)
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    Amendment,
    Objective,
    OneToOne,
    OneToOneItem,
    OneToOneObjective,
    OneToOneParticipant,
    Person,
    Team,
    TeamMembership,
)
from coachdesk.storage.types import utcnow

RECORD_TYPE = "one_to_one"
ITEM_RECORD_TYPE = "one_to_one_item"
DRAFT_PREFIX = "one_to_one.draft."
CLOSED = frozenset({ItemStatus.DONE, ItemStatus.NOT_MET, ItemStatus.DROPPED})
OBJECTIVE_ACTIONS = ("discussed", "created", "adjusted")
#: fields of a locked record that can be amended, with their labels
AMENDABLE = {"summary": "Summary", "agent_comments": "Agent's comments", "next_date": "Next one-to-one"}
ITEM_AMENDABLE = {"text": "Text", "status": "Status", "due_date": "Due date"}


def _row(session: Session, uuid: str) -> OneToOne:
    row = by_uuid(session, OneToOne, uuid, "one to one", message=f"No one-to-one has the id {uuid!r}.")
    return row


def _locked_message(row: OneToOne) -> str:
    when = date_words.when_words(row.acknowledged_at, empty="earlier")
    return (f"This one-to-one was acknowledged by {row.acknowledged_name or 'the agent'} on {when} and is locked; "
            "record a change as an amendment with its reason.")


def _check_unlocked(row: OneToOne) -> None:
    if row.status is OneToOneStatus.ACKNOWLEDGED:
        raise ValidationError(_locked_message(row))


def _check_version(row: OneToOne, expected: int | None) -> None:
    if expected is not None and row.version != expected:
        raise ValidationError("This one-to-one was changed elsewhere since it was opened; reopen it and try again.")


# -- reading -----------------------------------------------------------------------------------------------------------

def get_session(db: Database, uuid: str) -> SessionRecord:
    with db.session() as session:
        return _record(session, _row(session, uuid))


def _record(session: Session, row: OneToOne) -> SessionRecord:
    names = dict(session.execute(select(Person.id, Person.display_name).where(
        Person.id.in_([row.agent_id, row.leader_id or -1]))).all())
    uuids = dict(session.execute(select(Person.id, Person.uuid).where(
        Person.id.in_([row.agent_id, row.leader_id or -1]))).all())
    owner, origin = aliased(Person), aliased(OneToOneItem)
    items = tuple(
        ItemRow(i.uuid, i.kind, i.text, o_uuid, o_name, i.due_date, i.status, i.visibility, i.reward_scope,
                from_uuid, i.closed_at, i.sort_order)
        for i, o_uuid, o_name, from_uuid in session.execute(
            select(OneToOneItem, owner.uuid, owner.display_name, origin.uuid)
            .outerjoin(owner, owner.id == OneToOneItem.owner_id)
            .outerjoin(origin, origin.id == OneToOneItem.carried_from_id)
            .where(OneToOneItem.one_to_one_id == row.id)
            .order_by(OneToOneItem.sort_order, OneToOneItem.id)))
    objectives = tuple(
        SessionObjective(uuid, statement, action, note) for uuid, statement, action, note in session.execute(
            select(Objective.uuid, Objective.statement, OneToOneObjective.action, OneToOneObjective.note)
            .join(Objective, Objective.id == OneToOneObjective.objective_id)
            .where(OneToOneObjective.one_to_one_id == row.id).order_by(OneToOneObjective.id)))
    participants = tuple(
        ParticipantRow(uuid, name, role) for uuid, name, role in session.execute(
            select(Person.uuid, Person.display_name, OneToOneParticipant.role)
            .join(Person, Person.id == OneToOneParticipant.person_id)
            .where(OneToOneParticipant.one_to_one_id == row.id).order_by(OneToOneParticipant.id)))
    item_uuids = [i.uuid for i in items]
    author = aliased(Person)
    amendments = tuple(
        AmendmentLine(f, old, new, reason, who, at) for f, old, new, reason, who, at in session.execute(
            select(Amendment.field, Amendment.old_value, Amendment.new_value, Amendment.reason, author.display_name,
                   Amendment.amended_at).outerjoin(author, author.id == Amendment.author_id)
            .where(Amendment.record_uuid.in_([row.uuid, *item_uuids]))
            .order_by(Amendment.amended_at, Amendment.id)))
    previous = session.scalar(select(OneToOne.uuid).where(OneToOne.id == row.previous_id)) if row.previous_id else None
    team_days = session.scalar(select(Team.one_to_one_cadence_days).where(Team.id == row.team_id)) \
        if row.team_id else None
    rhythm = cadence_days(session.scalar(select(Person.one_to_one_cadence_days).where(Person.id == row.agent_id)),
                          team_days)
    return SessionRecord(
        uuid=row.uuid, version=row.version, agent_uuid=uuids[row.agent_id], agent_name=names[row.agent_id],
        leader_uuid=uuids.get(row.leader_id), leader=names.get(row.leader_id), type=row.type, status=row.status,
        scheduled_for=row.scheduled_for, held_at=row.held_at, agent_comments=row.agent_comments or "",
        summary=row.summary or "", next_date=row.next_date, previous_uuid=previous,
        acknowledged_at=row.acknowledged_at, acknowledged_name=row.acknowledged_name,
        acknowledgement_comment=row.acknowledgement_comment, items=items, objectives=objectives,
        participants=participants, amendments=amendments, cadence_days=rhythm)


# -- the next session --------------------------------------------------------------------------------------------------

def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _leader_of(session: Session, agent_id: int, on: date) -> int | None:
    team_id = team_at(session, agent_id, on)
    if team_id is None:
        return None
    from coachdesk.domain.enums import MembershipRole

    return session.scalar(select(TeamMembership.person_id).where(
        TeamMembership.team_id == team_id, TeamMembership.role == MembershipRole.LEADER,
        TeamMembership.end_date.is_(None)).order_by(TeamMembership.id).limit(1))


def carry_open_items(session: Session, target: OneToOne) -> int:
    """Copy every open action and commitment of the agent's other one-to-ones into ``target`` (its agenda), marking
    each original ``carried``; returns how many were carried."""
    rows = list(session.scalars(
        select(OneToOneItem).join(OneToOne, OneToOne.id == OneToOneItem.one_to_one_id)
        .where(OneToOne.agent_id == target.agent_id, OneToOne.id != target.id,
               OneToOneItem.kind.in_(list(CARRIED_KINDS)), OneToOneItem.status == ItemStatus.OPEN)
        .order_by(OneToOneItem.id)))
    order = session.scalar(select(OneToOneItem.sort_order).where(OneToOneItem.one_to_one_id == target.id)
                           .order_by(OneToOneItem.sort_order.desc()).limit(1)) or 0
    for item in rows:
        order += 1
        item.status = ItemStatus.CARRIED
        session.add(OneToOneItem(one_to_one_id=target.id, kind=item.kind, text=item.text, owner_id=item.owner_id,
                                 due_date=item.due_date, status=ItemStatus.OPEN, visibility=item.visibility,
                                 carried_from_id=item.id, sort_order=order))
    return len(rows)


def open_next(db: Database, agent_uuid: str, coach_uuid: str | None = None,
              kind: OneToOneType = OneToOneType.REVIEW, scheduled_for: date | None = None,
              on: date | None = None) -> SessionRecord:
    """The agent's next one-to-one: the draft already prepared, or a new one. Open actions and commitments of
    earlier sessions are carried into it either way (so nothing agreed is forgotten)."""
    on = on or date.today()
    with db.unit_of_work() as session:
        agent_id = person_id(session, agent_uuid)
        row = session.scalar(select(OneToOne).where(OneToOne.agent_id == agent_id, OneToOne.held_at.is_(None),
                                                    OneToOne.status == OneToOneStatus.DRAFT)
                             .order_by(OneToOne.scheduled_for.asc().nulls_last(), OneToOne.id).limit(1))
        created = row is None
        if created:
            previous = session.scalar(select(OneToOne).where(OneToOne.agent_id == agent_id,
                                                             OneToOne.held_at.is_not(None))
                                      .order_by(OneToOne.held_at.desc()).limit(1))
            leader_id = person_id(session, coach_uuid) if coach_uuid else _leader_of(session, agent_id, on)
            day = scheduled_for or (previous.next_date if previous and previous.next_date and
                                    previous.next_date >= on else on)
            row = OneToOne(agent_id=agent_id, leader_id=leader_id, type=kind, status=OneToOneStatus.DRAFT,
                           team_id=team_at(session, agent_id, on), scheduled_for=_at(day),
                           previous_id=previous.id if previous else None)
            session.add(row)
            session.flush()
        carried = carry_open_items(session, row)
        if created or carried:
            common_api.record(session, AuditAction.CREATE if created else AuditAction.UPDATE, RECORD_TYPE, row.uuid,
                         f"One-to-one prepared ({carried} item(s) carried forward)"
                         if created else f"{carried} open item(s) carried into the one-to-one",
                         actor_id=person_id(session, coach_uuid) if coach_uuid else None)
        session.flush()
        return _record(session, row)


# -- saving ------------------------------------------------------------------------------------------------------------

def _validate_items(items: Sequence[ItemInput]) -> None:
    for n, item in enumerate(items, start=1):
        check_item(item.kind, item.text, item.owner_uuid is not None, n)
        if item.reward_scope is not None and ItemKind(item.kind) is not ItemKind.REWARD:
            raise ValidationError(f"Item {n}: only a reward has a scope (individual or team).")


def save_session(db: Database, uuid: str, *, kind: OneToOneType, day: date | None, summary: str = "",
                 agent_comments: str = "", next_date: date | None = None, items: Sequence[ItemInput] = (),
                 objectives: Sequence[tuple[str, str, str | None]] | None = None,
                 participants: Sequence[tuple[str, str]] | None = None, held: bool = False,
                 expected_version: int | None = None, actor_uuid: str | None = None) -> SessionRecord:
    """Write the whole record as the editor holds it. ``held`` marks it as having taken place on ``day``.

    ``items`` replace the record's lines (a carried line cannot be deleted: close it as done, not met or dropped);
    ``objectives`` are (objective uuid, discussed/created/adjusted, note); ``participants`` (person uuid, role).
    """
    _validate_items(items)
    check_next_date(next_date, day)
    if held and day is None:
        raise ValidationError("Session date: a held one-to-one needs the date it took place.")
    if held and day is not None and day > date.today():
        raise ValidationError(f"Session date: {date_words.date_words(day)} is in the future; record a one-to-one as held on the "
                              "day it took place.")
    with db.unit_of_work() as session:
        row = _row(session, uuid)
        _check_unlocked(row)
        _check_version(row, expected_version)
        actor = person_id(session, actor_uuid)
        row.type = OneToOneType(kind)
        row.summary, row.agent_comments, row.next_date = summary.strip() or None, agent_comments.strip() or None, \
            next_date
        if day is not None:
            if held or row.held_at is not None:
                row.held_at = _at(day, row.held_at.hour if row.held_at else 9)
            else:
                row.scheduled_for = _at(day)
        if held and row.status is OneToOneStatus.DRAFT:
            row.status = OneToOneStatus.HELD
        _write_items(session, row, items)
        if objectives is not None:
            _write_objectives(session, row, objectives)
        if participants is not None:
            _write_participants(session, row, participants)
        common_api.drop_personal(session, DRAFT_PREFIX + row.uuid)
        common_api.record(session, AuditAction.UPDATE, RECORD_TYPE, row.uuid,
                     "One-to-one recorded as held" if held else "One-to-one saved", actor_id=actor,
                     details={"items": len(items), "status": row.status.value})
        session.flush()
        return _record(session, row)


def _write_items(session: Session, row: OneToOne, items: Sequence[ItemInput]) -> None:
    existing = {i.uuid: i for i in session.scalars(select(OneToOneItem).where(OneToOneItem.one_to_one_id == row.id))}
    kept = {i.uuid for i in items if i.uuid}
    for uuid, item in existing.items():
        if uuid not in kept:
            if item.carried_from_id is not None:
                raise ValidationError(f"Carried item “{item.text[:60]}”: it cannot be removed; mark it done, "
                                      "not met or dropped instead.")
            session.delete(item)
    now = utcnow()
    for order, data in enumerate(items, start=1):
        item = existing.get(data.uuid) if data.uuid else None
        if data.uuid and item is None:
            raise NotFound(f"Item {order}: it is not part of this one-to-one.")
        kind = ItemKind(data.kind)
        status = ItemStatus(data.status) if data.status else (ItemStatus.OPEN if kind in CARRIED_KINDS else None)
        owner = person_id(session, data.owner_uuid)
        if item is None:
            item = OneToOneItem(one_to_one_id=row.id)
            session.add(item)
        if status in CLOSED and item.status not in CLOSED:
            item.closed_at = now
        elif status not in CLOSED:
            item.closed_at = None
        item.kind, item.text, item.owner_id, item.due_date, item.status = kind, data.text.strip(), owner, \
            data.due_date, status
        item.visibility = Visibility(data.visibility)
        item.reward_scope = RewardScope(data.reward_scope) if data.reward_scope else None
        item.sort_order = order


def _write_objectives(session: Session, row: OneToOne, objectives: Sequence[tuple[str, str, str | None]]) -> None:
    session.execute(delete(OneToOneObjective).where(OneToOneObjective.one_to_one_id == row.id))
    session.flush()
    seen = set()
    for uuid, action, note in objectives:
        if action not in OBJECTIVE_ACTIONS:
            raise ValidationError(f"Objective: {action!r} is not one of {', '.join(OBJECTIVE_ACTIONS)}.")
        objective = by_uuid(session, Objective, uuid, "objective", where=Objective.person_id == row.agent_id,
                            message=f"Objective {uuid!r}: not one of this agent's objectives.")
        if objective.id in seen:
            continue
        seen.add(objective.id)
        session.add(OneToOneObjective(one_to_one_id=row.id, objective_id=objective.id, action=action, note=note))


def _write_participants(session: Session, row: OneToOne, participants: Sequence[tuple[str, str]]) -> None:
    session.execute(delete(OneToOneParticipant).where(OneToOneParticipant.one_to_one_id == row.id))
    session.flush()
    seen = set()
    for uuid, role in participants:
        pid = person_id(session, uuid)
        if pid in seen:
            continue
        seen.add(pid)
        session.add(OneToOneParticipant(one_to_one_id=row.id, person_id=pid, role=role or "attendee"))


# -- acknowledgement and amendments ------------------------------------------------------------------------------------

def acknowledge(db: Database, uuid: str, typed_name: str, comment: str = "", at: datetime | None = None,
                expected_version: int | None = None) -> SessionRecord:
    """The agent confirms the record with their typed name; from then on it is locked."""
    with db.unit_of_work() as session:
        row = _row(session, uuid)
        _check_unlocked(row)
        _check_version(row, expected_version)
        count = session.scalar(select(func.count()).where(OneToOneItem.one_to_one_id == row.id))
        check_can_acknowledge(count, row.summary, row.agent_comments, typed_name,
                              row.held_at is not None and row.status is not OneToOneStatus.DRAFT)
        _check_typed_name(session, row.agent_id, typed_name)
        row.status = OneToOneStatus.ACKNOWLEDGED
        row.acknowledged_at = at or utcnow()
        row.acknowledged_name = " ".join(typed_name.split())
        row.acknowledgement_comment = comment.strip() or None
        common_api.record(session, AuditAction.UPDATE, RECORD_TYPE, row.uuid,
                     f"One-to-one acknowledged by {row.acknowledged_name}", actor_id=row.agent_id)
        session.flush()
        return _record(session, row)


def _check_typed_name(session: Session, agent_id: int, typed_name: str) -> None:
    """The typed name must be the agent's name or one of their aliases (case, accents, "Last, First" order and
    middle names aside), so that an acknowledgement is the agent's and not anyone's."""
    from coachdesk.domain.names import same_name
    from coachdesk.storage.models import PersonAlias

    agent = session.get(Person, agent_id)
    known = [agent.display_name, *session.scalars(select(PersonAlias.alias).where(PersonAlias.person_id == agent_id))]
    if agent.given_name and agent.family_name:
        known.append(f"{agent.given_name} {agent.family_name}")
    if not any(same_name(typed_name, name) for name in known):
        raise ValidationError(f"Acknowledgement: “{' '.join(typed_name.split())}” is not {agent.display_name}'s "
                              "name or one of their aliases; the agent types their own name to acknowledge.")


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def amend(db: Database, uuid: str, field: str, value: str | date | None, reason: str,
          author_uuid: str | None = None, item_uuid: str | None = None) -> SessionRecord:
    """Change a locked record (or one of its items) and keep the old value, who, when and why beside it."""
    if not reason.strip():
        raise ValidationError("Amendment reason: say why the acknowledged record is being changed.")
    with db.unit_of_work() as session:
        row = _row(session, uuid)
        if row.status is not OneToOneStatus.ACKNOWLEDGED:
            raise ValidationError("Amendment: this one-to-one is not locked; edit it directly.")
        author = person_id(session, author_uuid)
        if item_uuid is None:
            if field not in AMENDABLE:
                raise ValidationError(f"Amendment: {field!r} cannot be amended (choose {', '.join(AMENDABLE)}).")
            target, record_type, record_uuid = row, RECORD_TYPE, row.uuid
            if field == "next_date":
                value = _date_value(value, "Next one-to-one")
                check_next_date(value, row.held_at.date() if row.held_at else None)
        else:
            target = by_uuid(session, OneToOneItem, item_uuid, "item", where=OneToOneItem.one_to_one_id == row.id,
                             message=f"Amendment: item {item_uuid!r} is not part of this one-to-one.")
            if field not in ITEM_AMENDABLE:
                raise ValidationError(f"Amendment: an item's {field!r} cannot be amended "
                                      f"(choose {', '.join(ITEM_AMENDABLE)}).")
            record_type, record_uuid = ITEM_RECORD_TYPE, target.uuid
            if field == "status":
                value = _status_value(value)
            elif field == "due_date":
                value = _date_value(value, "Due date")
            elif not str(value or "").strip():
                raise ValidationError("Amendment: the item's new text is empty.")
        old = getattr(target, field)
        if field in ("summary", "agent_comments", "text") and isinstance(value, str):
            value = value.strip() or None
        if _text(old) == _text(value):
            raise ValidationError(f"Amendment: the new {field.replace('_', ' ')} is the same as the old one.")
        setattr(target, field, value)
        if field == "status" and value in CLOSED and target.closed_at is None:
            target.closed_at = utcnow()
        session.add(Amendment(record_type=record_type, record_uuid=record_uuid, field=field, old_value=_text(old),
                              new_value=_text(value), reason=reason.strip(), author_id=author, amended_at=utcnow()))
        common_api.record(session, AuditAction.AMEND, record_type, record_uuid, f"Amended {field}: {reason.strip()}",
                     actor_id=author)
        session.flush()
        return _record(session, row)


def _date_value(value: object, label: str) -> date | None:
    if value is None or isinstance(value, date) or value == "":
        return value or None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(f"{label}: {value!r} is not a date (YYYY-MM-DD).") from None


def _status_value(value: object) -> ItemStatus:
    try:
        return ItemStatus(str(value))
    except ValueError:
        raise ValidationError(f"Status: {value!r} is not one of "
                              f"{', '.join(s.value for s in ItemStatus)}.") from None


# -- the editor's autosaved draft ---------------------------------------------------------------------------------------

def save_editor_draft(db: Database, uuid: str, payload: dict | None) -> None:
    """Keep what is typed in the session editor until it is saved (None forgets it)."""
    value = None if payload is None else json.dumps({**payload, "saved_at": utcnow().isoformat()},
                                                    ensure_ascii=False, default=str)
    common_api.save_personal_draft(db, DRAFT_PREFIX + uuid, value)  # kept on this computer while the server is away


def editor_draft(db: Database, uuid: str) -> dict | None:
    with db.session() as session:
        raw = common_api.get_personal(session, DRAFT_PREFIX + uuid)
    return json.loads(raw) if raw else None


# -- choices for the editor --------------------------------------------------------------------------------------------

def editor_choices(db: Database, agent_uuid: str, on: date | None = None
                   ) -> tuple[tuple[tuple[str, str, str], ...], tuple[tuple[str, str], ...]]:
    """The agent's objectives (uuid, statement, status; open ones first) and the people who can own an item or
    attend (uuid, name): the agent and the leaders and coaches of their team."""
    from coachdesk.domain.enums import MembershipRole
    from coachdesk.domain.objectives import OPEN_STATUSES

    on = on or date.today()
    with db.session() as session:
        agent_id = person_id(session, agent_uuid)
        objectives = session.execute(select(Objective.uuid, Objective.statement, Objective.status)
                                     .where(Objective.person_id == agent_id)
                                     .order_by(Objective.due_date.desc(), Objective.id)).all()
        team_id = team_at(session, agent_id, on)
        people = [(agent_uuid, session.scalar(select(Person.display_name).where(Person.id == agent_id)))]
        if team_id is not None:
            people += session.execute(
                select(Person.uuid, Person.display_name).join(TeamMembership, TeamMembership.person_id == Person.id)
                .where(TeamMembership.team_id == team_id,
                       TeamMembership.role.in_([MembershipRole.LEADER, MembershipRole.COACH]))
                .order_by(Person.name_key)).all()
    ordered_objectives = sorted(objectives, key=lambda o: o[2] not in OPEN_STATUSES)
    seen: dict[str, str] = {}
    for uuid, name in people:
        seen.setdefault(uuid, name)
    return (tuple((u, s, st.value) for u, s, st in ordered_objectives), tuple(seen.items()))
