"""``coachdesk db``: upgrade, check, backup, restore and list backups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.common import EXIT_FAILED, EXIT_OK, UserError, location_label
from coachdesk.paths import AppPaths

if TYPE_CHECKING:
    import argparse


def cmd_db(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import maintenance
    from coachdesk.services.store import resolve_location

    location = resolve_location(paths, db=args.db, db_url=args.db_url)
    action = args.db_command
    if action == "upgrade":
        report = maintenance.upgrade(location)
        if not report.changed:
            print(f"{location_label(location)} is already at schema revision {report.after}.", file=out)
        else:
            backup = f"; backup: {report.backup}" if report.backup else ""
            print(f"Upgraded {location_label(location)} from {report.before or 'empty'} to {report.after}{backup}.",
                  file=out)
        return EXIT_OK
    if action == "check":
        result = maintenance.check(location)
        for line in result.lines():
            print(line, file=out)
        return EXIT_OK if result.ok else EXIT_FAILED
    if action == "backup":
        target = maintenance.backup(location, Path(args.output) if args.output else None)
        print(f"Backed up {location_label(location)} to {target}.", file=out)
        return EXIT_OK
    if action == "restore":
        safety = maintenance.restore(location, Path(args.file))
        note = f" The previous database was backed up to {safety}." if safety else ""
        print(f"Restored {location_label(location)} from {args.file}.{note}", file=out)
        return EXIT_OK
    if action == "backups":
        rows = maintenance.backups(location)
        if not rows:
            print("No backups yet.", file=out)
        for b in rows:
            print(f"{b.taken_at:%Y-%m-%d %H:%M:%S} UTC  {b.reason:<16} {b.size / 1e6:8.1f} MB  {b.path}", file=out)
        return EXIT_OK
    raise UserError(f"unknown db action {action!r}")
