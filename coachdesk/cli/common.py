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
