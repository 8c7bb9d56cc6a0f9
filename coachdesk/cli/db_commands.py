"""``coachdesk db``: upgrade, check, backup, restore, list backups, and team-server logins (grant)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.common import EXIT_FAILED, EXIT_OK, UserError, location_label
from coachdesk.paths import AppPaths

if TYPE_CHECKING:
    import argparse


def cmd_db(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import maintenance
    from coachdesk.services.common import resolve_location

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
        safety = maintenance.restore_file(location, Path(args.file))
        note = f" The previous database was backed up to {safety}." if safety else ""
        print(f"Restored {location_label(location)} from {args.file}.{note}", file=out)
        return EXIT_OK
    if action == "backups":
        rows = maintenance.backup_infos(location)
        if not rows:
            print("No backups yet.", file=out)
        for b in rows:
            print(f"{b.taken_at:%Y-%m-%d %H:%M:%S} UTC  {b.reason:<16} {b.size / 1e6:8.1f} MB  {b.path}", file=out)
        return EXIT_OK
    if action == "grant":
        return _grant(args, location, out)
    if action == "copy":
        return _copy(location, args.to, out)
    raise UserError(f"unknown db action {action!r}")


def _grant(args: argparse.Namespace, location, out: TextIO) -> int:  # noqa: ANN001
    import sys

    from coachdesk.services.common import open_store
    from coachdesk.services.maintenance import grant_login

    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    if args.password_stdin and not password:
        raise UserError("--password-stdin: standard input held no password.")
    db = open_store(location).db
    try:
        granted = grant_login(db, args.login, args.person, password)
    finally:
        db.dispose()
    state = "created" if granted.role_created else "already existed"
    print(f"{granted.display_name} signs in as {granted.login!r} (role {state}; member of coachdesk_user).",
          file=out)
    return EXIT_OK


def _copy(location, to: str, out: TextIO) -> int:  # noqa: ANN001
    from coachdesk.services.maintenance import copy_database
    from coachdesk.storage.database import Database

    source = Database(location.url)
    try:
        report = copy_database(source, to)
    finally:
        source.dispose()
    print(f"Copied {report.total:,} rows in {len(report.counts)} tables to {report.target} in {report.seconds:.1f} s; "
          "every table's row count checked.", file=out)
    return EXIT_OK
