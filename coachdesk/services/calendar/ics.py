"""RFC 5545 calendar files from plain event descriptions: invitations (METHOD REQUEST / CANCEL, RFC 5546) and a
leader's subscribable calendar, with the time zone as a VTIMEZONE. Written with the ``icalendar`` library, which
folds lines at 75 octets and escapes text; nothing here reads the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

PRODID = "-//CoachDesk//CoachDesk calendar//EN"
UID_DOMAIN = "coachdesk.invalid"


@dataclass(frozen=True)
class Attendee:
    name: str
    email: str


@dataclass(frozen=True)
class IcsEvent:
    """One VEVENT: timed (``start``/``end``) or a whole day (``day``)."""

    uid: str
    summary: str
    sequence: int
    #: when the information was last revised (DTSTAMP); a feed uses the record's own time so it is stable
    stamp: datetime
    start: datetime | None = None
    end: datetime | None = None
    day: date | None = None
    description: str = ""
    organizer: Attendee | None = None
    attendees: tuple[Attendee, ...] = ()
    cancelled: bool = False
    categories: tuple[str, ...] = field(default_factory=tuple)


def uid_for(record_uuid: str) -> str:
    """The stable UID of a record's event: the same session always has the same UID."""
    return f"{record_uuid}@{UID_DOMAIN}"


def _address(person: Attendee, role: str | None = None):  # noqa: ANN202
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = person.name
    if role:
        address.params.update({"ROLE": role, "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE", "CUTYPE": "INDIVIDUAL"})
    return address


def _event(e: IcsEvent, zone, method: str | None):  # noqa: ANN001, ANN202
    from icalendar import Event

    ev = Event()
    ev.add("uid", e.uid)
    ev.add("dtstamp", e.stamp.astimezone(UTC))
    ev.add("sequence", e.sequence)
    ev.add("summary", e.summary)
    if e.start is not None:
        ev.add("dtstart", e.start.astimezone(zone))
        if e.end is not None:
            ev.add("dtend", e.end.astimezone(zone))
    elif e.day is not None:
        ev.add("dtstart", e.day)
        ev.add("dtend", e.day + timedelta(days=1))
        ev.add("transp", "TRANSPARENT")
    if e.description:
        ev.add("description", e.description)
    if e.categories:
        ev.add("categories", list(e.categories))
    if e.organizer is not None:
        ev.add("organizer", _address(e.organizer))
    for person in e.attendees:
        address = _address(person, "REQ-PARTICIPANT" if method else None)
        if method and person == e.organizer:
            address.params.update({"ROLE": "CHAIR", "PARTSTAT": "ACCEPTED", "RSVP": "FALSE"})
        ev.add("attendee", address)
    ev.add("status", "CANCELLED" if e.cancelled else "CONFIRMED")
    return ev


def calendar_bytes(events: Sequence[IcsEvent], zone_name: str, method: str | None = None,
                   name: str | None = None) -> bytes:
    """A VCALENDAR holding ``events`` and the VTIMEZONE of ``zone_name`` covering their dates."""
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Timezone

    if method not in (None, "REQUEST", "CANCEL", "PUBLISH"):
        raise ValueError(f"unsupported METHOD {method!r}")
    zone = ZoneInfo(zone_name)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", zone_name)
    timed = [e.start.astimezone(zone).date() for e in events if e.start is not None]
    if timed:
        first, last = min(timed), max(timed)
        cal.add_component(Timezone.from_tzid(zone_name, first_date=first - timedelta(days=1),
                                             last_date=last + timedelta(days=1)))
    for e in events:
        cal.add_component(_event(e, zone, method))
    return cal.to_ical()
