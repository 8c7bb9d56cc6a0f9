"""Words the screens share: labels for progress bands, roles and memberships, feedback timeliness, and one way to
write a date and a time (the locale's, in local time, with four-digit years), which this module also hands to
`domain.date_words` so service sentences and PDFs write dates the same way."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QTime

from coachdesk.domain import date_words
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
    """The locale's short date format with a four-digit year ("dd/MM/yyyy", "M/d/yyyy", "dd.MM.yyyy"…); for the
    C locale (no language set) the unambiguous "31 Dec 2026"."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return date_words.DEFAULT.date
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern


_PATTERNS: dict[str, date_words.Patterns] = {}
_LAST: list = []  # [QLocale, Patterns] of the last call


def locale_patterns(locale: QLocale | None = None) -> date_words.Patterns:
    """The locale's date and time patterns and month/day names, for `domain.date_words` (cached per locale)."""
    locale = locale or QLocale()
    if _LAST and _LAST[0] == locale:  # one locale asked thousands of times in a table: the cheap check first
        return _LAST[1]
    key = locale.bcp47Name() + "|" + locale.dateFormat(QLocale.FormatType.ShortFormat)
    found = _PATTERNS.get(key)
    if found is None:
        short, long_ = QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat
        found = _PATTERNS[key] = date_words.Patterns(
            date=date_format(locale), time=locale.timeFormat(short),
            months=tuple(locale.monthName(m, long_) for m in range(1, 13)),
            short_months=tuple(locale.monthName(m, short) for m in range(1, 13)),
            days=tuple(locale.dayName(d, long_) for d in range(1, 8)),
            short_days=tuple(locale.dayName(d, short) for d in range(1, 8)), am=locale.amText(), pm=locale.pmText())
    _LAST[:] = [locale, found]
    return found


def use_locale_everywhere() -> None:
    """From now on service sentences and PDFs write dates as the default QLocale does at the time of writing."""
    date_words.use(locale_patterns)


def parse_date(text: str, locale: QLocale | None = None) -> date | None:
    """A day typed in the locale's order (one or two digits for day and month, as ``date_text`` writes it) or as
    YYYY-MM-DD; None when it is neither."""
    locale = locale or QLocale()
    pattern = date_format(locale).replace("dd", "d")
    if "MMM" not in pattern:
        pattern = pattern.replace("MM", "M")
    parsed = locale.toDate(text.strip(), pattern)
    if parsed.isValid():
        return date(parsed.year(), parsed.month(), parsed.day())
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def date_text(value: date | None, locale: QLocale | None = None) -> str:
    """A calendar day in the locale's order with a four-digit year; "" for None."""
    if value is None:
        return ""
    if locale is None:
        return date_words.date_words(value)
    return locale.toString(QDate(value.year, value.month, value.day), date_format(locale))


def time_format(locale: QLocale | None = None) -> str:
    """The locale's short time format ("HH:mm", "h:mm AP")."""
    return (locale or QLocale()).timeFormat(QLocale.FormatType.ShortFormat)


def time_text(value: datetime | None, seconds: bool = False, locale: QLocale | None = None,
              zone: tzinfo | None = None) -> str:
    """An instant's time of day in local time (or in `zone`), as the locale writes it ("14:05", "2:05 PM")."""
    if value is None:
        return ""
    if locale is None:
        return date_words.time_words(value, seconds, zone)
    local = date_words.local(value, zone)
    pattern = time_format(locale)
    if seconds and ":ss" not in pattern:
        pattern = pattern.replace("mm", "mm:ss", 1)
    return locale.toString(QTime(local.hour, local.minute, local.second), pattern)


def when_text(value: datetime | None, seconds: bool = False, locale: QLocale | None = None,
              zone: tzinfo | None = None) -> str:
    """An instant as date and time in local time ("06/12/2026 14:05"); naive values are taken as local already."""
    if value is None:
        return ""
    local = date_words.local(value, zone)
    return f"{date_text(local.date(), locale)} {time_text(local, seconds, locale, zone)}"


def period_text(start: date, end: date) -> str:
    """ "06/12/2026" for one day, "01/12/2026 – 06/12/2026" for more."""
    return date_words.period_words(start, end)


def day_month_text(value: date) -> str:
    """A day without its year, in the locale's order ("06/12", "12/6", "06.12."): a week's column heads."""
    return date_words.day_month_words(value)


def weekday_text(value: date) -> str:
    return date_words.weekday_words(value)


def month_text(value: date) -> str:
    """ "December 2026" in the locale's words."""
    return date_words.month_words(value)


# the screens, the services' sentences and the PDFs printed from the app: one format, the locale's
use_locale_everywhere()
