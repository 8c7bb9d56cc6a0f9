"""Words the screens share: labels for progress bands, roles and memberships, feedback timeliness, and one way to
write a date and a time (the locale's, in local time, with four-digit years)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QTime

from coachdesk.domain.enums import MembershipRole, ObservationMode, Role
from coachdesk.domain.objectives import Band

_BANDS = {
    Band.FAR_BELOW: QT_TRANSLATE_NOOP("Band", "Far below"),
    Band.BELOW: QT_TRANSLATE_NOOP("Band", "Below"),
    Band.ON_TARGET: QT_TRANSLATE_NOOP("Band", "On target"),
    Band.EXCEEDED: QT_TRANSLATE_NOOP("Band", "Exceeded"),
}
BAND_MARKS = {Band.FAR_BELOW: "▼▼", Band.BELOW: "▼", Band.ON_TARGET: "●", Band.EXCEEDED: "▲"}
_MEMBERSHIPS = {
    MembershipRole.MEMBER: QT_TRANSLATE_NOOP("PeopleModels", "Member"),
    MembershipRole.LEADER: QT_TRANSLATE_NOOP("PeopleModels", "Leader"),
    MembershipRole.COACH: QT_TRANSLATE_NOOP("PeopleModels", "Coach"),
}


def band_label(band: Band | None) -> str:
    if band is None:
        return QCoreApplication.translate("Band", "No data")
    return QCoreApplication.translate("Band", _BANDS[band])


def band_text(band: Band | None) -> str:
    """ "▼ Below": the mark and the words (the colour is never the only cue)."""
    if band is None:
        return band_label(None)
    return f"{BAND_MARKS[band]} {band_label(band)}"


def role_label(role: Role) -> str:
    return QCoreApplication.translate("Role", Role(role).label)


def roles_text(roles: Collection[Role]) -> str:
    return ", ".join(role_label(r) for r in roles)


def membership_role_label(role: MembershipRole) -> str:
    return QCoreApplication.translate("PeopleModels", _MEMBERSHIPS[MembershipRole(role)])


def mode_label(mode: ObservationMode) -> str:
    return {ObservationMode.SIDE_BY_SIDE: QCoreApplication.translate("ObserveMode", "Side by side"),
            ObservationMode.REMOTE_LISTENING: QCoreApplication.translate("ObserveMode", "Remote listening"),
            ObservationMode.RECORDING_REVIEW: QCoreApplication.translate("ObserveMode", "Recording review")}[mode]


def timeliness_text(delta: timedelta | None) -> str:
    """ "under a minute", "25 min", "3 h 10 min", "2 days 4 h" (untranslated numbers, translated units)."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("Timeliness", text)

    if delta is None:
        return tr("not delivered yet")
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return tr("under a minute")
    if minutes < 60:
        return tr("{m} min").format(m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return tr("{h} h {m} min").format(h=hours, m=minutes) if minutes else tr("{h} h").format(h=hours)
    days, hours = divmod(hours, 24)
    return tr("{d} days {h} h").format(d=days, h=hours) if days > 1 else tr("1 day {h} h").format(h=hours)


def date_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year ("dd/MM/yyyy", "M/d/yyyy", "dd.MM.yyyy"…)."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def date_text(value: date | None, locale: QLocale | None = None) -> str:
    """A calendar day in the locale's order with a four-digit year; "" for None."""
    if value is None:
        return ""
    locale = locale or QLocale()
    return locale.toString(QDate(value.year, value.month, value.day), date_format(locale))


def time_text(value: datetime | None, seconds: bool = False, locale: QLocale | None = None) -> str:
    """An instant's time of day in local time, as the locale writes it ("14:05", "2:05 PM")."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo is not None else value
    locale = locale or QLocale()
    pattern = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and ":ss" not in pattern:
        pattern = pattern.replace("mm", "mm:ss", 1)
    return locale.toString(QTime(local.hour, local.minute, local.second), pattern)


def when_text(value: datetime | None, seconds: bool = False, locale: QLocale | None = None) -> str:
    """An instant as date and time in local time ("06/12/2026 14:05"); naive values are taken as local already."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo is not None else value
    return f"{date_text(local.date(), locale)} {time_text(local, seconds, locale)}"
