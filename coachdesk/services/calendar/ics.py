"""RFC 5545 calendar files from plain event descriptions: invitations (METHOD REQUEST / CANCEL, RFC 5546) and a
leader's subscribable calendar, with the time zone as a VTIMEZONE. Lines are written here (escaped, folded at 75
octets, CRLF): the ``icalendar`` library builds only the VTIMEZONE (cached per zone and years), because building
every event through it took ~3 ms an event; the tests parse every file back with ``icalendar``. Nothing here
reads the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

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


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11); carriage returns dropped, line breaks as \\n."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n")
            .replace("\r", "\n").replace("\n", "\\n"))


def _param(value: str) -> str:
    """A parameter value, quoted when it holds a colon, semicolon or comma (a double quote cannot appear)."""
    value = value.replace('"', "'")
    return f'"{value}"' if any(c in value for c in ':;,') or value != value.strip() else value


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded so no physical line exceeds 75 octets, never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    out, limit, start = [], 75, 0
    while start < len(data):
        end = min(len(data), start + limit)
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # a continuation byte: back off to a boundary
            end -= 1
        out.append((b" " if start else b"") + data[start:end])
        start, limit = end, 74
    return b"\r\n".join(out) + b"\r\n"


def _local(at: datetime, zone) -> str:  # noqa: ANN001
    return at.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def _utc(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _address(person: Attendee, extra: str = "") -> str:
    return f";CN={_param(person.name)}{extra}:mailto:{person.email}"


@lru_cache(maxsize=32)
def vtimezone(zone_name: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of ``zone_name`` for whole years (cached: building it walks the zone's transitions)."""
    from icalendar import Timezone

    return Timezone.from_tzid(zone_name, first_date=date(first_year, 1, 1),
                              last_date=date(last_year, 12, 31)).to_ical()


def _event(e: IcsEvent, zone, zone_name: str, method: str | None) -> list[bytes]:  # noqa: ANN001
    lines = ["BEGIN:VEVENT", f"UID:{e.uid}", f"DTSTAMP:{_utc(e.stamp)}", f"SEQUENCE:{e.sequence}",
             f"SUMMARY:{_escape(e.summary)}"]
    if e.start is not None:
        lines.append(f"DTSTART;TZID={zone_name}:{_local(e.start, zone)}")
        if e.end is not None:
            lines.append(f"DTEND;TZID={zone_name}:{_local(e.end, zone)}")
    elif e.day is not None:
        lines += [f"DTSTART;VALUE=DATE:{e.day:%Y%m%d}", f"DTEND;VALUE=DATE:{e.day + timedelta(days=1):%Y%m%d}",
                  "TRANSP:TRANSPARENT"]
    if e.description:
        lines.append(f"DESCRIPTION:{_escape(e.description)}")
    if e.categories:
        lines.append("CATEGORIES:" + ",".join(_escape(c) for c in e.categories))
    if e.organizer is not None:
        lines.append("ORGANIZER" + _address(e.organizer))
    for person in e.attendees:
        if method and person == e.organizer:
            extra = ";ROLE=CHAIR;PARTSTAT=ACCEPTED;RSVP=FALSE;CUTYPE=INDIVIDUAL"
        elif method:
            extra = ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CUTYPE=INDIVIDUAL"
        else:
            extra = ""
        lines.append("ATTENDEE" + _address(person, extra))
    lines += [f"STATUS:{'CANCELLED' if e.cancelled else 'CONFIRMED'}", "END:VEVENT"]
    return [fold(line) for line in lines]


def calendar_bytes(events: Sequence[IcsEvent], zone_name: str, method: str | None = None,
                   name: str | None = None) -> bytes:
    """A VCALENDAR holding ``events`` and the VTIMEZONE of ``zone_name`` covering their years."""
    from zoneinfo import ZoneInfo

    if method not in (None, "REQUEST", "CANCEL", "PUBLISH"):
        raise ValueError(f"unsupported METHOD {method!r}")
    zone = ZoneInfo(zone_name)
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if method:
        head.append(f"METHOD:{method}")
    if name:
        head += [f"X-WR-CALNAME:{_escape(name)}", f"X-WR-TIMEZONE:{zone_name}"]
    out = [fold(line) for line in head]
    years = [e.start.astimezone(zone).year for e in events if e.start is not None]
    if years:
        out.append(vtimezone(zone_name, min(years), max(years)))
    for e in events:
        out.extend(_event(e, zone, zone_name, method))
    out.append(b"END:VCALENDAR\r\n")
    return b"".join(out)
