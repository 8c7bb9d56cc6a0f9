"""The command-line face of CoachDesk (argparse subcommands); no Qt import unless a command opens a window."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import argparse

from coachdesk import __version__
from coachdesk.domain.errors import CoachDeskError
from coachdesk.paths import AppPaths, app_paths

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USER_ERROR = 2


class UserError(CoachDeskError):
    """A mistake in the command line itself."""


def build_parser() -> argparse.ArgumentParser:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # one clear line, exit 2, like every other user error
            self.exit(EXIT_USER_ERROR, f"coachdesk: {message} (see 'coachdesk --help')\n")

    parser = _Parser(prog="coachdesk", description="CoachDesk: coaching for contact-centre teams. "
                     "Without a command, the desktop app opens.")
    parser.add_argument("--version", action="version", version=f"CoachDesk {__version__}")
    parser.add_argument("--db", metavar="PATH", help="SQLite database file (default: in the user data folder; "
                        "also COACHDESK_DB)")
    parser.add_argument("--db-url", metavar="URL", help="any SQLAlchemy URL, e.g. postgresql+psycopg://host/db "
                        "(also COACHDESK_DB_URL)")
    parser.add_argument("--data-dir", metavar="DIR", help="put data, logs and backups in DIR (also "
                        "COACHDESK_DATA_DIR)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub.add_parser("gui", help="open the desktop app (the default)")

    demo = sub.add_parser("demo", help="fill an empty database with a realistic demo contact centre")
    demo.add_argument("--agents", type=int, default=60, help="number of agents (default 60)")
    demo.add_argument("--days", type=int, default=365, help="days of history up to today (default 365)")
    demo.add_argument("--seed", type=int, default=1, help="random seed: same seed, same data (default 1)")

    db = sub.add_parser("db", help="database upkeep: upgrade, check, backup, restore")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True, parser_class=_Parser)
    db_sub.add_parser("upgrade", help="back up, then migrate the database to this version's schema")
    db_sub.add_parser("check", help="run a full integrity check and report the schema revision")
    backup = db_sub.add_parser("backup", help="back up the database (to the backups folder, or to -o FILE)")
    backup.add_argument("-o", "--output", metavar="FILE", help="write the backup to FILE")
    restore = db_sub.add_parser("restore", help="replace the database with a backup (the current one is backed "
                                "up first)")
    restore.add_argument("file", metavar="FILE")
    db_sub.add_parser("backups", help="list the backups of the database, newest first")

    people = sub.add_parser("people", help="list people or show one")
    people_sub = people.add_subparsers(dest="people_command", metavar="ACTION", required=True,
                                       parser_class=_Parser)
    plist = people_sub.add_parser("list", help="list people")
    plist.add_argument("--search", default="", help="filter by name, alias, e-mail or external id")
    plist.add_argument("--team", metavar="T", help="only this team (name or UUID)")
    plist.add_argument("--inactive", action="store_true", help="include people who have left")
    plist.add_argument("--format", choices=["table", "csv", "json"], default="table")
    pshow = people_sub.add_parser("show", help="show one person (name, external id, e-mail or UUID)")
    pshow.add_argument("agent", metavar="A")
    pshow.add_argument("--format", choices=["text", "json"], default="text")

    sub.add_parser("self-test", help="open the main window and every page on the current database, timing each; "
                   "exit 0 only if all open")
    return parser


# --- commands ---------------------------------------------------------------------------------------------------


def _open(args: argparse.Namespace, paths: AppPaths, migrate: bool = True):  # noqa: ANN202
    from coachdesk.services.context import AppContext
    from coachdesk.services.store import open_store, resolve_location

    location = resolve_location(paths, db=args.db, db_url=args.db_url)
    store = open_store(location, migrate=migrate)
    return AppContext(db=store.db, paths=paths, location=location), store


def cmd_gui(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.app import run_gui
    from coachdesk.services.location import resolve_location

    return run_gui(paths, resolve_location(paths, db=args.db, db_url=args.db_url))


def cmd_self_test(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.app import run_self_test
    from coachdesk.services.location import resolve_location

    return run_self_test(paths, resolve_location(paths, db=args.db, db_url=args.db_url), out=out)


def cmd_demo(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services.demo import generate_demo

    if args.agents < 1 or args.days < 1:
        raise UserError("--agents and --days must be at least 1.")
    ctx, _ = _open(args, paths)
    last = [-1]

    def progress(percent: int, message: str = "") -> None:
        if percent // 10 != last[0] // 10:
            print(f"  {percent:3d}% {message}", file=sys.stderr)
        last[0] = percent

    summary = generate_demo(ctx.db, agents=args.agents, days=args.days, seed=args.seed, progress=progress)
    print(f"Demo data written to {ctx.describe()} in {summary.seconds:.1f} s: {summary.teams} teams, "
          f"{summary.people} people ({summary.agents} agents), {summary.kpi_figures:,} KPI figures, "
          f"{summary.observations} observations, {summary.feedback} feedback, {summary.one_to_ones} one-to-ones, "
          f"{summary.recognitions} recognitions, {summary.goals} goals, {summary.objectives} objectives.", file=out)
    return EXIT_OK


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


def location_label(location) -> str:  # noqa: ANN001
    return str(location.path) if location.path else "the database server"


def cmd_people(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    import json

    from coachdesk.services import directory

    ctx, _ = _open(args, paths)
    if args.people_command == "show":
        row = directory.resolve_person(ctx.db, args.agent)
        header = directory.agent_header(ctx.db, row.uuid)
        data = {
            "uuid": header.uuid, "name": header.display_name, "team": header.team, "leader": header.leader,
            "roles": [r.value for r in header.roles], "email": header.email, "active": header.is_active,
            "external_ids": {system: value for system, value in header.external_ids},
            "objectives": [{"statement": o.statement, "kpi": o.kpi_code, "target": o.target_level,
                            "due": o.due_date.isoformat(), "status": o.status.value} for o in header.objectives],
        }
        if args.format == "json":
            json.dump(data, out, indent=2, ensure_ascii=False)
            out.write("\n")
        else:
            for key in ("name", "team", "leader", "email", "uuid"):
                print(f"{key.capitalize():<10} {data[key] or '-'}", file=out)
            print(f"{'Roles':<10} {', '.join(data['roles']) or '-'}", file=out)
            print(f"{'Active':<10} {'yes' if data['active'] else 'no'}", file=out)
            for system, value in data["external_ids"].items():
                print(f"{'Id ' + system:<10} {value}", file=out)
            for o in data["objectives"]:
                print(f"Objective  {o['statement']} (due {o['due']}, {o['status']})", file=out)
        return EXIT_OK
    team_uuid = None
    if args.team:
        teams = [t for t in directory.list_teams(ctx.db, include_inactive=True)
                 if args.team in (t.uuid, t.name) or t.name.casefold() == args.team.casefold()]
        if not teams:
            raise UserError(f"No team named {args.team!r}.")
        team_uuid = teams[0].uuid
    rows = directory.list_people(ctx.db, search=args.search, include_inactive=args.inactive, team_uuid=team_uuid)
    records = [{"name": r.display_name, "team": r.team or "", "roles": ",".join(x.value for x in r.roles),
                "email": r.email or "", "active": r.is_active, "uuid": r.uuid} for r in rows]
    _print_records(records, args.format, out)
    return EXIT_OK


def _print_records(records: list[dict], fmt: str, out: TextIO) -> None:
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
        writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        return
    widths = {k: max(len(k), *(len(str(r[k])) for r in records)) for k in keys}
    print("  ".join(k.upper().ljust(widths[k]) for k in keys), file=out)
    for r in records:
        print("  ".join(str(r[k]).ljust(widths[k]) for k in keys).rstrip(), file=out)


COMMANDS: dict[str, Callable[[argparse.Namespace, AppPaths, TextIO], int]] = {
    "gui": cmd_gui,
    "demo": cmd_demo,
    "db": cmd_db,
    "people": cmd_people,
    "self-test": cmd_self_test,
}


def _plain_launch(argv: list[str] | None) -> Any:
    """``coachdesk`` with no arguments (a double-click) opens the GUI without loading argparse."""
    if (sys.argv[1:] if argv is None else argv):
        return None
    return SimpleNamespace(command=None, db=None, db_url=None, data_dir=None, verbose=False)


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = _plain_launch(argv) or build_parser().parse_args(argv)
    from coachdesk.logging_setup import setup_logging

    started = time.perf_counter()
    try:
        paths = app_paths(args.data_dir).ensure()
        setup_logging(paths, verbose=args.verbose)
        return COMMANDS[args.command or "gui"](args, paths, out)
    except CoachDeskError as exc:
        print(f"coachdesk: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("coachdesk: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"coachdesk: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_USER_ERROR
    finally:
        import logging

        logging.getLogger(__name__).debug("command took %.3f s", time.perf_counter() - started)
