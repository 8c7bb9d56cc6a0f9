"""Calendar files from the database: a one-to-one's invitation (REQUEST, or CANCEL once taken out), a calendar of
what is scheduled for a leader or team, and each leader's subscribable file under the data folder, rewritten
whenever what it holds changes."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import or_, select

from coachdesk.domain.enums import MembershipRole, OneToOneStatus
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.services.calendar.entry_list import CalendarEntry, EntryKind, entries
from coachdesk.services.calendar.ics import Attendee, IcsEvent, calendar_bytes, uid_for
from coachdesk.services.calendar.settings import calendar_settings
from coachdesk.storage.database import Database
from coachdesk.storage.models import OneToOne, Person, Team, TeamMembership

#: a leader's subscribable file covers this many days back and ahead
FEED_BACK_DAYS, FEED_AHEAD_DAYS = 31, 183
#: where the running app keeps the leaders' files (set by the composition root and the CLI); None = not kept
_feed_folder: Path | None = None


def configure_feeds(folder: Path | None) -> None:
    global _feed_folder  # noqa: PLW0603 - one folder for the process, set once at start-up
    _feed_folder = folder


def _person(name: str, email: str | None, what: str) -> Attendee:
    if not email or "@" not in email:
        raise ValidationError(f"{name} ({what}) has no e-mail address; add one on the People page, then write "
                              "the invitation again.")
    return Attendee(name, email.strip())


def invitation(db: Database, uuid: str, now: datetime | None = None) -> bytes:
    """The invitation of one one-to-one: METHOD REQUEST while it has a time, CANCEL once it was taken out."""
    now = now or datetime.now(UTC)
    settings = calendar_settings(db)
    with db.session() as session:
        row = session.scalar(select(OneToOne).where(OneToOne.uuid == uuid))
        if row is None:
            raise NotFound(f"No one-to-one has the id {uuid!r}; 'coachdesk one-to-ones list --format json' shows "
                           "the ids.")
        agent = session.execute(select(Person.display_name, Person.email).where(Person.id == row.agent_id)).one()
        leader = session.execute(select(Person.display_name, Person.email).where(
            Person.id == row.leader_id)).first() if row.leader_id else None
    if leader is None:
        raise ValidationError("This one-to-one has no leader to organise it; set the team's leader first.")
    if row.held_at is not None or row.status is not OneToOneStatus.DRAFT:
        raise ValidationError("This one-to-one has already taken place; there is nothing to invite to.")
    timed = row.duration_minutes is not None and row.scheduled_for is not None
    if not timed and not row.calendar_sequence:
        raise ValidationError("This one-to-one has a day but no time yet; schedule it first "
                              "('coachdesk one-to-ones schedule').")
    organizer = _person(leader[0], leader[1], "the leader")
    attendee = _person(agent[0], agent[1], "the agent")
    start = row.scheduled_for.replace(tzinfo=UTC) if row.scheduled_for.tzinfo is None else row.scheduled_for
    event = IcsEvent(
        uid_for(row.uuid), f"One-to-one: {agent[0]} and {leader[0]}", row.calendar_sequence, now,
        start=start, end=start + timedelta(minutes=row.duration_minutes) if timed else None,
        description="One-to-one prepared in CoachDesk.", organizer=organizer,
        attendees=(attendee, organizer), cancelled=not timed, categories=("One-to-one",))
    return calendar_bytes([event], settings.zone_name, "REQUEST" if timed else "CANCEL")


def _event(entry: CalendarEntry) -> IcsEvent:
    stamp = entry.updated_at or datetime(2000, 1, 1, tzinfo=UTC)
    if entry.start is not None and entry.minutes:
        return IcsEvent(uid_for(entry.uuid), entry.title, entry.sequence, stamp, start=entry.start, end=entry.end,
                        categories=(entry.kind.label,))
    return IcsEvent(uid_for(f"{entry.uuid}-{entry.kind.value}"), entry.title, entry.sequence, stamp,
                    day=entry.day, categories=(entry.kind.label,))


def led_teams(db: Database, leader_uuid: str, on: date) -> list[tuple[str, str]]:
    """(uuid, name) of the teams ``leader_uuid`` leads or coaches on ``on``."""
    with db.session() as session:
        return [tuple(r) for r in session.execute(
            select(Team.uuid, Team.name).join(TeamMembership, TeamMembership.team_id == Team.id)
            .join(Person, Person.id == TeamMembership.person_id)
            .where(Person.uuid == leader_uuid,
                   TeamMembership.role.in_([MembershipRole.LEADER, MembershipRole.COACH]),
                   or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= on),
                   or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= on))
            .order_by(Team.name))]


def calendar_file(db: Database, leader_uuid: str | None = None, team_uuids: list[str] | None = None,
                  start: date | None = None, end: date | None = None, name: str = "CoachDesk") -> bytes:
    """Everything scheduled from ``start`` to ``end`` (exclusive) for a leader's teams (or the given teams, or
    all), as a calendar a calendar app can import or subscribe to."""
    settings = calendar_settings(db)
    today = datetime.now(settings.zone).date()
    start = start or today
    end = end or today + timedelta(weeks=4)
    if leader_uuid is not None and team_uuids is None:
        team_uuids = [u for u, _ in led_teams(db, leader_uuid, today)]
    items = entries(db, start, end, team_uuids, settings)
    if leader_uuid is not None:
        items = [e for e in items if e.kind not in (EntryKind.ONE_TO_ONE, EntryKind.OBSERVATION)
                 or e.leader_uuid in (None, leader_uuid)]
    return calendar_bytes([_event(e) for e in items], settings.zone_name, None, name)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "leader"


def leaders(db: Database, on: date) -> list[tuple[str, str]]:
    """(uuid, name) of everyone leading or coaching a team on ``on``."""
    with db.session() as session:
        return [tuple(r) for r in session.execute(
            select(Person.uuid, Person.display_name).join(TeamMembership, TeamMembership.person_id == Person.id)
            .where(TeamMembership.role.in_([MembershipRole.LEADER, MembershipRole.COACH]),
                   or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= on),
                   or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= on))
            .distinct().order_by(Person.display_name))]


def feed_path(folder: Path, leader_uuid: str, leader_name: str) -> Path:
    return folder / f"{_slug(leader_name)}-{leader_uuid[:8]}.ics"


def write_atomically(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename; False when it already held exactly that."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def rewrite_feeds(db: Database, folder: Path | None = None, on: date | None = None,
                  leader_uuids: list[str] | None = None) -> list[Path]:
    """Rewrite each leader's file (only ``leader_uuids``' when given) whose content changed: DTSTAMPs come from the
    records, so an unchanged calendar gives the same bytes and its file is left alone. Every leader's entries come
    from one read. Returns the files written."""
    folder = folder or _feed_folder
    if folder is None:
        return []
    settings = calendar_settings(db)
    on = on or datetime.now(settings.zone).date()
    chosen = [(u, n) for u, n in leaders(db, on) if leader_uuids is None or u in leader_uuids]
    if not chosen:
        return []
    items = entries(db, on - timedelta(days=FEED_BACK_DAYS), on + timedelta(days=FEED_AHEAD_DAYS), None, settings)
    written = []
    for uuid, name in chosen:
        teams = {n for _, n in led_teams(db, uuid, on)}
        mine = [e for e in items if e.team_name in teams and (
            e.kind not in (EntryKind.ONE_TO_ONE, EntryKind.OBSERVATION) or e.leader_uuid in (None, uuid))]
        data = calendar_bytes([_event(e) for e in mine], settings.zone_name, None, f"CoachDesk: {name}")
        path = feed_path(folder, uuid, name)
        if write_atomically(path, data):
            written.append(path)
    return written
