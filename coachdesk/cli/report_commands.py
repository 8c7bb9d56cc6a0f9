"""``coachdesk report``: print recognitions, feedback summaries, one-to-one records, prep sheets and team summaries
to PDF files, from the same service functions as the Reports page (``services.reports``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.common import EXIT_OK, UserError, open_context
from coachdesk.paths import AppPaths

if TYPE_CHECKING:
    import argparse


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option} {value!r} is not a date: write it as YYYY-MM-DD.") from None


def _output(args: argparse.Namespace, default: str) -> Path:
    path = Path(args.output or default)
    if path.suffix.lower() != ".pdf":
        raise UserError(f"-o {path}: the file name should end in .pdf.")
    if not path.parent.is_dir():
        raise UserError(f"-o {path}: the folder {path.parent} does not exist.")
    return path


def _month(value: str) -> tuple[date, date]:
    from coachdesk.services.reports import month_bounds

    try:
        return month_bounds(value)
    except Exception as exc:  # noqa: BLE001 - month_bounds raises a ValidationError with a clear message
        raise UserError(f"--month {value!r} is not a month: write it as YYYY-MM.") from exc


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-")[:60] or "report"


def cmd_report(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import reports

    kind = args.report_command
    if kind == "recognition":
        if bool(args.id) == bool(args.month):
            raise UserError("report recognition: give either --id ID or --month YYYY-MM.")
        if args.month:
            _month(args.month)
        target = _output(args, f"recognitions-{args.month}.pdf" if args.month else f"recognition-{_safe(args.id)}.pdf")
        ctx = open_context(args, paths)
        pdf = reports.recognition_pdf(ctx.db, uuid=args.id, month=args.month, style=args.style)
    elif kind == "feedback":
        start, end = _day(args.start, "--from"), _day(args.end, "--to")
        if bool(args.agent) == bool(args.team):
            raise UserError("report feedback: give --agent A (one agent) or --team T (every member).")
        if start is None or end is None:
            raise UserError("report feedback: give the period with --from YYYY-MM-DD --to YYYY-MM-DD.")
        if end < start:
            raise UserError(f"report feedback: --to {end} is before --from {start}.")
        target = _output(args, f"feedback-{_safe(args.agent or args.team)}-{start}-{end}.pdf")
        ctx = open_context(args, paths)
        pdf = (reports.feedback_pdf(ctx.db, args.agent, start, end) if args.agent
               else reports.team_feedback_pdf(ctx.db, args.team, start, end))
    elif kind == "one-to-one":
        target = _output(args, f"one-to-one-{_safe(args.id)}.pdf")
        ctx = open_context(args, paths)
        pdf = reports.one_to_one_pdf(ctx.db, args.id)
    elif kind in ("observation", "feedback-record"):
        target = _output(args, f"{kind}-{_safe(args.id)}.pdf")
        ctx = open_context(args, paths)
        pdf = (reports.observation_pdf if kind == "observation" else reports.feedback_record_pdf)(ctx.db, args.id)
    elif kind == "prep":
        on = _day(args.on, "--on")
        target = _output(args, f"prep-{_safe(args.agent)}.pdf")
        ctx = open_context(args, paths)
        pdf = reports.prep_pdf(ctx.db, args.agent, on)
    else:  # team
        start, end = _month(args.month)
        target = _output(args, f"team-{_safe(args.team)}-{args.month}.pdf")
        ctx = open_context(args, paths)
        pdf = reports.team_pdf(ctx.db, args.team, start, end)
    written = reports.save(pdf, target)
    print(f"Wrote {written} ({len(pdf) // 1024} kB).", file=out)
    return EXIT_OK


def add_parser(sub) -> None:  # noqa: ANN001 - the subparsers action of build_parser
    report = sub.add_parser("report", help="print a recognition, feedback summary, one-to-one, prep sheet or team "
                            "summary to PDF")
    kinds = report.add_subparsers(dest="report_command", metavar="DOCUMENT", required=True,
                                  parser_class=type(report))
    rec = kinds.add_parser("recognition", help="a recognition certificate (or letter), or all of a month's")
    rec.add_argument("--id", metavar="ID", help="the recognition's UUID")
    rec.add_argument("--month", metavar="YYYY-MM", help="every recognition of this month, one per page")
    rec.add_argument("--style", choices=["certificate", "letter"], default="certificate")
    fb = kinds.add_parser("feedback", help="an agent's feedback summary over a period (or every team member's)")
    fb.add_argument("--agent", metavar="A", help="name, alias, external id, e-mail or UUID")
    fb.add_argument("--team", metavar="T", help="every member of this team (name or UUID), in one PDF")
    fb.add_argument("--from", dest="start", metavar="D", help="first day (YYYY-MM-DD)")
    fb.add_argument("--to", dest="end", metavar="D", help="last day (YYYY-MM-DD)")
    one = kinds.add_parser("one-to-one", help="a one-to-one record, with signature lines until acknowledged")
    one.add_argument("--id", metavar="ID", required=True, help="the one-to-one's UUID")
    prep = kinds.add_parser("prep", help="the one-to-one prep sheet of an agent")
    prep.add_argument("--agent", metavar="A", required=True, help="name, alias, external id, e-mail or UUID")
    prep.add_argument("--on", metavar="D", help="prepare as of this day (YYYY-MM-DD; default today)")
    obs = kinds.add_parser("observation", help="an observation session: behaviours scored, notes, its feedback")
    obs.add_argument("--id", metavar="ID", required=True, help="the observation session's UUID")
    given = kinds.add_parser("feedback-record", help="one feedback conversation, for the agent to keep")
    given.add_argument("--id", metavar="ID", required=True, help="the feedback's UUID")
    team = kinds.add_parser("team", help="a team summary for a month")
    team.add_argument("--team", metavar="T", required=True, help="team name or UUID")
    team.add_argument("--month", metavar="YYYY-MM", required=True)
    for parser in (rec, fb, one, obs, given, prep, team):
        parser.add_argument("-o", "--output", metavar="FILE.pdf", help="where to write (default: a name in the "
                            "current folder)")
