"""The argument parser of ``coachdesk``: global options and every subcommand with its options."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk import __version__
from coachdesk.cli.common import EXIT_USER_ERROR

if TYPE_CHECKING:
    import argparse


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
    dbcopy = db_sub.add_parser("copy", help="copy the whole database into a new, empty one (a file or a "
                               "postgresql+psycopg:// server URL), with its ids and UUIDs; all or nothing")
    dbcopy.add_argument("--to", required=True, metavar="URL", help="an empty SQLite file path or any database URL")
    grant = db_sub.add_parser("grant", help="team server (as its admin): give a person their own login role, "
                              "which sees only their teams' people and records")
    grant.add_argument("--login", required=True, metavar="NAME", help="the PostgreSQL role to sign in as")
    grant.add_argument("--person", required=True, metavar="P", help="name, e-mail, external id or UUID")
    grant.add_argument("--password-stdin", action="store_true", help="set the role's password from the first "
                       "line of standard input (otherwise the server's own authentication applies)")

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

    imp = sub.add_parser("import-kpis", help="import KPI figures from a CSV, TSV or spreadsheet export")
    imp.add_argument("file", metavar="FILE", nargs="?", help="the export to import")
    how = imp.add_mutually_exclusive_group()
    how.add_argument("--auto", action="store_true", help="accept the proposed mapping")
    how.add_argument("--preset", metavar="NAME", help="use a known export's mapping (see --list-presets)")
    how.add_argument("--mapping", metavar="FILE.json", help="use a mapping saved as JSON")
    imp.add_argument("--list-presets", action="store_true", help="list the known exports and exit")
    imp.add_argument("--date-order", choices=["dmy", "mdy", "ymd"], help="day/month order of ambiguous dates")
    imp.add_argument("--period-start", metavar="DATE", help="first day the file covers, when it has no dates")
    imp.add_argument("--period-end", metavar="DATE", help="last day the file covers, when it has no dates")
    imp.add_argument("--on-duplicate", choices=["replace", "skip", "fail"], default="fail",
                     help="figures already stored for the same person, KPI and period (default: fail)")
    imp.add_argument("--create-agents", action="store_true", help="create people the file names but the "
                     "database does not know")
    imp.add_argument("--force", action="store_true", help="import a file that was imported before")
    imp.add_argument("--sheet", metavar="NAME", help="the sheet of a workbook (default: the first)")
    imp.add_argument("--person", action="append", default=[], metavar="NAME=WHO",
                     help="who an agent the file names is: a person's UUID, 'create' or 'skip' (repeatable)")
    imp.add_argument("--encoding", metavar="NAME", help="the file's text encoding, e.g. cp1251 (default: detected)")
    imp.add_argument("--create-kpis", action="store_true", help="add a KPI for each metric column the catalogue "
                     "lacks, with the unit its values show")
    imp.add_argument("--dry-run", action="store_true", help="read and check everything, store nothing")
    imp.add_argument("--format", choices=["text", "json"], default="text")
    imp.add_argument("--undo", metavar="BATCH", help="remove every figure of an earlier import batch")

    kpis = sub.add_parser("kpis", help="stored KPI figures")
    kpis_sub = kpis.add_subparsers(dest="kpis_command", metavar="ACTION", required=True, parser_class=_Parser)
    show = kpis_sub.add_parser("show", help="print stored figures (values in base units: seconds, 0-1 fractions)")
    show.add_argument("--agent", metavar="A", help="name, alias, external id, e-mail or UUID")
    show.add_argument("--kpi", metavar="K", help="KPI code, e.g. AHT")
    show.add_argument("--from", dest="start", metavar="D", help="first day (YYYY-MM-DD)")
    show.add_argument("--to", dest="end", metavar="D", help="last day (YYYY-MM-DD)")
    show.add_argument("--format", choices=["csv", "json"], default="csv")
    kpis_sub.add_parser("batches", help="list import batches, newest first")

    objectives = sub.add_parser("objectives", help="objectives with their goals, levels and progress")
    objectives_sub = objectives.add_subparsers(dest="objectives_command", metavar="ACTION", required=True,
                                               parser_class=_Parser)
    olist = objectives_sub.add_parser("list", help="list objectives with parent goals, levels, current value and "
                                      "band (the figures the app shows)")
    olist.add_argument("--agent", metavar="A", help="name, alias, external id, e-mail or UUID")
    olist.add_argument("--team", metavar="T", help="a team's current members (name or UUID)")
    olist.add_argument("--status", choices=["open", "all", "draft", "agreed", "achieved", "missed", "withdrawn"],
                       default="open", help="which objectives (default: open, i.e. draft and agreed)")
    olist.add_argument("--on", metavar="D", help="compute progress as of this day (YYYY-MM-DD; default today)")
    olist.add_argument("--format", choices=["table", "csv", "json"], default="table")

    one_to_ones = sub.add_parser("one-to-ones", help="one-to-one sessions and who is due one")
    one_to_ones_sub = one_to_ones.add_subparsers(dest="one_to_ones_command", metavar="ACTION", required=True,
                                                 parser_class=_Parser)
    o2list = one_to_ones_sub.add_parser("list", help="one-to-ones, newest first; with --due, who is due or overdue")
    o2list.add_argument("--agent", metavar="A", help="name, alias, external id, e-mail or UUID")
    o2list.add_argument("--due", action="store_true", help="agents due or overdue a one-to-one, by their cadence")
    o2list.add_argument("--on", metavar="D", help="as of this day (YYYY-MM-DD; default today)")
    o2list.add_argument("--format", choices=["table", "csv", "json"], default="table")
    o2sched = one_to_ones_sub.add_parser("schedule", help="propose the next weeks of one-to-ones from each agent's "
                                         "rhythm, within working hours and without clashes, and schedule them")
    o2sched.add_argument("--team", metavar="T", help="a team (name or UUID; default: every team)")
    o2sched.add_argument("--weeks", type=int, default=4, help="how many weeks ahead (default 4)")
    o2sched.add_argument("--length", type=int, metavar="MIN", help="minutes per one-to-one (default: settings)")
    o2sched.add_argument("--dry-run", action="store_true", help="show the proposal, schedule nothing")
    o2sched.add_argument("--format", choices=["table", "csv", "json"], default="table")
    o2inv = one_to_ones_sub.add_parser("invite", help="write a one-to-one's invitation (or its cancellation) as an "
                                       "RFC 5545 .ics file for the leader's and the agent's calendars")
    o2inv.add_argument("--id", required=True, metavar="ID", help="the one-to-one's UUID")
    o2inv.add_argument("-o", "--output", required=True, metavar="FILE.ics")

    cal = sub.add_parser("calendar", help="calendar files and the calendar's settings")
    cal_sub = cal.add_subparsers(dest="calendar_command", metavar="ACTION", required=True, parser_class=_Parser)
    cexp = cal_sub.add_parser("export", help="write what is scheduled (one-to-ones, observations, follow-ups, due "
                              "dates) as an RFC 5545 .ics file")
    cexp.add_argument("--leader", metavar="L", help="a leader's teams and sessions (name, e-mail or UUID)")
    cexp.add_argument("--team", metavar="T", help="one team (name or UUID)")
    cexp.add_argument("--weeks", type=int, default=4, help="weeks ahead from today (default 4)")
    cexp.add_argument("-o", "--output", required=True, metavar="FILE.ics")
    cset = cal_sub.add_parser("settings", help="show or change working hours, time zone, length and reminders")
    cset.add_argument("--days", metavar="D,D", help="working days, e.g. mon,tue,wed,thu,fri")
    cset.add_argument("--start", metavar="HH:MM", help="start of the working day")
    cset.add_argument("--end", metavar="HH:MM", help="end of the working day")
    cset.add_argument("--time-zone", metavar="ZONE", help="an IANA name such as Europe/London ('' = the computer's)")
    cset.add_argument("--length", type=int, metavar="MIN", help="usual length of a one-to-one in minutes")
    cset.add_argument("--remind", type=int, metavar="MIN", help="remind this many minutes before a one-to-one")

    export = sub.add_parser("export", help="write every record (or one person's: a subject access request) to a "
                            "JSON exchange document (docs/data-format.md)")
    export.add_argument("-o", "--output", metavar="FILE.json", required=True, help="the document to write")
    export.add_argument("--agent", metavar="A", help="only the data held about this person (name, alias, external "
                        "id, e-mail or UUID)")
    import_data = sub.add_parser("import-data", help="load an exchange document into an empty database, or merge it "
                                 "by UUID; all or nothing")
    import_data.add_argument("file", metavar="FILE.json")
    import_data.add_argument("--dry-run", action="store_true", help="check everything and report, store nothing")
    erase = sub.add_parser("erase", help="erase a person's personal data (asks for their name unless --yes)")
    erase.add_argument("--agent", metavar="A", required=True, help="name, alias, external id, e-mail or UUID")
    erase.add_argument("--keep-aggregates", action="store_true", help="keep their KPI figures, roles, team "
                       "membership and ratings under an anonymous placeholder (docs/data-format.md)")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    from coachdesk.cli.report_commands import add_parser as add_report_parser

    add_report_parser(sub)

    sub.add_parser("self-test", help="open the main window and every page on the current database, timing each; "
                   "exit 0 only if all open")
    return parser
