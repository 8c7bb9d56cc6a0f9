"""What every command shares: exit codes, the command-line error, opening the database, printing records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from coachdesk.domain.errors import CoachDeskError
from coachdesk.paths import AppPaths

if TYPE_CHECKING:
    import argparse

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USER_ERROR = 2


class UserError(CoachDeskError):
    """A mistake in the command line itself."""


def open_context(args: argparse.Namespace, paths: AppPaths, migrate: bool = True) -> Any:
    """Open (check, back up, migrate, seed) the database the options name; return an ``AppContext``."""
    from coachdesk.services.common import AppContext, open_store, resolve_location

    location = resolve_location(paths, db=args.db, db_url=args.db_url)
    store = open_store(location, migrate=migrate)
    return AppContext(db=store.db, paths=paths, location=location)


def location_label(location: Any) -> str:
    return str(location.path) if location.path else "the database server"


def print_records(records: list[dict], fmt: str, out: TextIO) -> None:
    import csv
    import json

    if fmt == "json":
        json.dump(records, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    if not records:
        if fmt == "table":
            print("Nobody matches.", file=out)
        return
    keys = list(records[0])
    if fmt == "csv":
        from coachdesk.domain.text import spreadsheet_safe

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([spreadsheet_safe(k) for k in keys])
        writer.writerows([spreadsheet_safe(r[k]) for k in keys] for r in records)
        return
    widths = {k: max(len(k), *(len(str(r[k])) for r in records)) for k in keys}
    print("  ".join(k.upper().ljust(widths[k]) for k in keys), file=out)
    for r in records:
        print("  ".join(str(r[k]).ljust(widths[k]) for k in keys).rstrip(), file=out)


def environment_dates() -> Any:
    """The date and time patterns of this process's locale (LC_ALL / LC_TIME / LANG), as the app's screens take them
    from Qt, for the PDFs and sentences a command writes; the C locale, one not installed, or Windows (no
    `nl_langinfo`) give the default "31 Dec 2026" and "14:05"."""
    import locale

    from coachdesk.domain import date_words

    if not hasattr(locale, "nl_langinfo"):
        return date_words.DEFAULT
    before = locale.setlocale(locale.LC_TIME)
    try:
        name = locale.setlocale(locale.LC_TIME, "")
        if name.split(".")[0] in ("C", "POSIX", ""):
            return date_words.DEFAULT
        info = locale.nl_langinfo
        months = tuple(info(getattr(locale, f"MON_{n}")) for n in range(1, 13))
        short_months = tuple(info(getattr(locale, f"ABMON_{n}")) for n in range(1, 13))
        days = tuple(info(getattr(locale, f"DAY_{n}")) for n in (2, 3, 4, 5, 6, 7, 1))  # DAY_1 is Sunday
        short_days = tuple(info(getattr(locale, f"ABDAY_{n}")) for n in (2, 3, 4, 5, 6, 7, 1))
        clock = info(locale.T_FMT)
        if "%H" not in clock and "%I" not in clock:  # "%r" and the like: the 12-hour form spelled out
            clock = info(locale.T_FMT_AMPM)
        return date_words.Patterns(date=date_words.from_strftime(info(locale.D_FMT)) or date_words.DEFAULT.date,
                                   time=date_words.from_strftime(clock) or date_words.DEFAULT.time,
                                   months=months, short_months=short_months, days=days, short_days=short_days,
                                   am=info(locale.AM_STR) or "AM", pm=info(locale.PM_STR) or "PM")
    except (locale.Error, ValueError):
        return date_words.DEFAULT
    finally:
        locale.setlocale(locale.LC_TIME, before)
