"""Calendar settings kept in the database: working hours, the time zone, the usual length of a one-to-one, how long
before a session to remind, and how many working days an agent has to acknowledge a record."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import time
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from coachdesk.domain.calendar_rules import DEFAULT_MINUTES, WorkingHours, check_length
from coachdesk.domain.enums import AuditAction
from coachdesk.domain.errors import ValidationError
from coachdesk.services import common
from coachdesk.storage.database import Database
from coachdesk.storage.models import Setting

KEY = "calendar.settings"
DEFAULT_REMIND_MINUTES = 15
DEFAULT_ACK_DAYS = 5


def system_zone_name() -> str:
    """The computer's IANA time zone (``TZ``, ``/etc/timezone``, the ``/etc/localtime`` link), else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    try:
        link = os.readlink("/etc/localtime")
        if "zoneinfo/" in link:
            candidates.append(link.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name and _known(name):
            return name
    return "UTC"


def _known(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The time zone called ``name``, or one clear sentence saying it is unknown."""
    if not name or not _known(name):
        raise ValidationError(f"Time zone {name!r} is unknown; use a name such as Europe/London or "
                              "America/New_York.")
    return ZoneInfo(name)


@dataclass(frozen=True)
class CalendarSettings:
    hours: WorkingHours = field(default_factory=WorkingHours)
    #: IANA name; "" = the computer's own time zone
    time_zone: str = ""
    minutes: int = DEFAULT_MINUTES
    remind_minutes: int = DEFAULT_REMIND_MINUTES
    ack_working_days: int = DEFAULT_ACK_DAYS

    @property
    def zone_name(self) -> str:
        return self.time_zone or system_zone_name()

    @property
    def zone(self) -> ZoneInfo:
        return zone(self.zone_name)

    def check(self) -> None:
        self.hours.check()
        if self.time_zone:
            zone(self.time_zone)
        check_length(self.minutes)
        if not 0 <= self.remind_minutes <= 24 * 60:
            raise ValidationError("Remind before a one-to-one: from 0 to 1440 minutes.")
        if not 1 <= self.ack_working_days <= 60:
            raise ValidationError("Days to acknowledge a record: from 1 to 60 working days.")


def _to_json(s: CalendarSettings) -> str:
    data = asdict(s)
    data["hours"] = {"days": sorted(s.hours.days), "start": s.hours.start.strftime("%H:%M"),
                     "end": s.hours.end.strftime("%H:%M")}
    return json.dumps(data, sort_keys=True)


def _from_json(raw: str) -> CalendarSettings:
    data = json.loads(raw)
    hours = data.pop("hours", {})
    return CalendarSettings(WorkingHours(frozenset(hours.get("days", range(5))),
                                         time.fromisoformat(hours.get("start", "09:00")),
                                         time.fromisoformat(hours.get("end", "17:00"))), **data)


def calendar_settings(db: Database) -> CalendarSettings:
    with db.session() as session:
        raw = session.scalar(select(Setting.value_json).where(Setting.key == KEY))
    return _from_json(raw) if raw else CalendarSettings()


def save_calendar_settings(db: Database, settings: CalendarSettings) -> CalendarSettings:
    settings.check()
    with db.unit_of_work() as session:
        row = session.get(Setting, KEY)
        if row is None:
            session.add(Setting(key=KEY, value_json=_to_json(settings)))
        else:
            row.value_json = _to_json(settings)
        common.record(session, AuditAction.UPDATE, "app_setting", None, "Calendar settings changed",
                     details=json.loads(_to_json(settings)))
    return settings
