"""Calendar files parsed back with the icalendar library: required properties, the time zone as VTIMEZONE, line
folding, updates (same UID, higher SEQUENCE), cancellations, and leaders' files rewritten only when they change."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from coachdesk.domain.errors import ValidationError
from coachdesk.services import calendar
from tests.services.calendar_helpers import LONDON, NOW, seed_crew


def _events(data: bytes) -> tuple[Calendar, list]:
    cal = Calendar.from_ical(data)
    return cal, [c for c in cal.walk("VEVENT")]


def _schedule(db, crew, weeks: int = 1) -> list[str]:  # noqa: ANN001
    return calendar.accept(db, calendar.propose_next(db, crew.team, weeks=weeks, now=NOW).sessions, now=NOW)


def test_invitation_has_every_required_property_in_the_zone(db) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=1)
    uuid = _schedule(db, crew)[0]
    data = calendar.invitation(db, uuid, now=NOW)
    cal, (event,) = _events(data)
    assert cal["VERSION"] == "2.0" and cal["PRODID"] and cal["METHOD"] == "REQUEST"
    (tz,) = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Europe/London"
    assert str(event["UID"]) == f"{uuid}@coachdesk.invalid"
    assert event.decoded("DTSTAMP") == NOW
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert start.tzinfo is not None and start == datetime(2030, 3, 4, 9, 0, tzinfo=LONDON)
    assert end - start == timedelta(minutes=30)
    assert str(event["ORGANIZER"]) == "mailto:laura@example.com" and event["ORGANIZER"].params["CN"] == \
        "Laura Bennett"
    attendees = [str(a) for a in event["ATTENDEE"]]
    assert "mailto:agent00@example.com" in attendees
    assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_summer_time_is_in_the_vtimezone(db) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=1)
    uuid = _schedule(db, crew)[0]
    calendar.reschedule(db, uuid, datetime(2030, 7, 1, 10, 0, tzinfo=LONDON), 30, now=NOW)
    cal, (event,) = _events(calendar.invitation(db, uuid, now=NOW))
    offsets = {c.decoded("TZOFFSETTO") for c in cal.walk() if c.name in ("STANDARD", "DAYLIGHT")}
    assert timedelta(hours=1) in offsets  # British Summer Time
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=1)


def test_updates_keep_the_uid_and_raise_the_sequence_then_cancel(db) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=1)
    uuid = _schedule(db, crew)[0]
    _, (first,) = _events(calendar.invitation(db, uuid, now=NOW))
    calendar.reschedule(db, uuid, datetime(2030, 3, 6, 15, 0, tzinfo=LONDON), 60, now=NOW)
    _, (moved,) = _events(calendar.invitation(db, uuid, now=NOW + timedelta(minutes=5)))
    assert moved["UID"] == first["UID"] and moved["SEQUENCE"] == first["SEQUENCE"] + 1
    assert moved.decoded("DTEND") - moved.decoded("DTSTART") == timedelta(hours=1)
    calendar.cancel(db, uuid, now=NOW)
    cal, (gone,) = _events(calendar.invitation(db, uuid, now=NOW + timedelta(minutes=9)))
    assert cal["METHOD"] == "CANCEL" and gone["STATUS"] == "CANCELLED"
    assert gone["UID"] == first["UID"] and gone["SEQUENCE"] == moved["SEQUENCE"] + 1


def test_long_and_non_ascii_text_is_folded_at_75_octets(db) -> None:  # noqa: ANN001
    from coachdesk.services.calendar.ics import IcsEvent, calendar_bytes

    summary = "Rückmeldung für Zoë — 日本語のテキスト " * 8
    data = calendar_bytes([IcsEvent("x@y", summary, 0, NOW, start=NOW, end=NOW + timedelta(minutes=5))],
                          "Europe/London", "REQUEST")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75 and any(line.startswith(b" ") for line in lines)
    for line in lines:
        line.decode("utf-8")  # no character is split across a fold
    _, (event,) = _events(data)
    assert str(event["SUMMARY"]) == summary


def test_no_email_or_no_time_is_one_sentence(db) -> None:  # noqa: ANN001
    from coachdesk.storage.models import Person

    crew = seed_crew(db, agents=1)
    uuid = _schedule(db, crew)[0]
    with db.unit_of_work() as s:
        s.query(Person).filter(Person.uuid == crew.agents[0]).one().email = None
    with pytest.raises(ValidationError, match="Agent00 Smith \\(the agent\\) has no e-mail address"):
        calendar.invitation(db, uuid, now=NOW)


def test_leader_file_holds_everything_and_is_rewritten_only_on_change(db, tmp_path: Path) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=3)
    uuids = _schedule(db, crew, weeks=2)
    data = calendar.calendar_file(db, crew.leader, start=NOW.date(), end=NOW.date() + timedelta(weeks=2))
    cal, events = _events(data)
    assert "METHOD" not in cal and str(cal["X-WR-CALNAME"]) == "CoachDesk"
    assert {str(e["UID"]).split("@")[0] for e in events} == set(uuids)
    folder = tmp_path / "calendars"
    on = NOW.date()
    written = calendar.rewrite_feeds(db, folder, on=on)
    assert [p.name for p in written] == [calendar.feed_path(folder, crew.leader, "Laura Bennett").name]
    assert calendar.rewrite_feeds(db, folder, on=on) == []  # nothing changed: the file is left alone
    calendar.reschedule(db, uuids[0], datetime(2030, 3, 7, 16, 0, tzinfo=LONDON), 30, now=NOW)
    assert calendar.rewrite_feeds(db, folder, on=on) == written
    _, events = _events(written[0].read_bytes())
    moved = next(e for e in events if str(e["UID"]).startswith(uuids[0]))
    assert moved["SEQUENCE"] == 1 and moved.decoded("DTSTART") == datetime(2030, 3, 7, 16, tzinfo=LONDON)


def test_text_with_separators_and_line_breaks_reads_back_as_typed() -> None:
    from coachdesk.services.calendar.ics import Attendee, IcsEvent, calendar_bytes

    summary = 'Ann; "Bob", C:\\path\nsecond line'
    who = Attendee('O\'Neil, Dana; "DJ"', "dana@example.com")
    data = calendar_bytes([IcsEvent("x@y", summary, 3, NOW, start=NOW, end=NOW + timedelta(minutes=5),
                                    description="a,b;c", organizer=who, attendees=(who,))], "Europe/London",
                          "REQUEST")
    _, (event,) = _events(data)
    assert str(event["SUMMARY"]) == summary and str(event["DESCRIPTION"]) == "a,b;c"
    assert event["ORGANIZER"].params["CN"] == "O'Neil, Dana; 'DJ'" and event["SEQUENCE"] == 3
