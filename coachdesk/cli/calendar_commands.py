"""``coachdesk one-to-ones schedule`` / ``invite`` and ``coachdesk calendar export`` / ``settings``: scheduling
from the rhythm and RFC 5545 files, from the same services as the Calendar page."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.common import EXIT_OK, UserError, open_context, print_records

if TYPE_CHECKING:
    import argparse

    from coachdesk.paths import AppPaths

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _context(args: argparse.Namespace, paths: AppPaths):  # noqa: ANN202
    from coachdesk.services import calendar

    ctx = open_context(args, paths)
    calendar.configure_feeds(paths.data_dir / "calendars")
    return ctx


def _write(path: str, data: bytes, out: TextIO, what: str) -> None:
    from coachdesk.services.calendar import write_atomically

    target = Path(path)
    if target.suffix.lower() != ".ics":
        raise UserError(f"-o {path!r}: calendar files end in .ics; name the file FILE.ics.")
    write_atomically(target, data)
    print(f"Wrote {what} to {target}.", file=out)


def cmd_schedule(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import calendar

    if args.weeks < 1 or args.weeks > 26:
        raise UserError(f"--weeks {args.weeks}: propose between 1 and 26 weeks ahead.")
    ctx = _context(args, paths)
    proposal = calendar.propose_next(ctx.db, args.team, args.weeks, minutes=args.length)
    zone = calendar.zone(proposal.zone_name)
    rows = [{"start": s.start.astimezone(zone).strftime("%a %Y-%m-%d %H:%M"), "minutes": s.minutes,
             "agent": s.agent_name, "leader": s.leader_name,
             **({"agent_uuid": s.agent_uuid, "start_iso": s.start.isoformat()} if args.format == "json" else {})}
            for s in proposal.sessions]
    if rows:
        print_records(rows, args.format, out)
    if args.format == "table":
        for name, day in proposal.no_room:
            print(f"No free slot within working hours near {day:%d %b %Y} for {name}.", file=out)
    if args.dry_run:
        if args.format == "table":
            print(f"{len(rows)} one-to-one(s) proposed in {proposal.zone_name} ({proposal.hours.text()}); "
                  "nothing saved (--dry-run).", file=out)
        return EXIT_OK
    from coachdesk.services.common import signed_in_person

    who = signed_in_person(ctx.db)
    uuids = calendar.accept(ctx.db, proposal.sessions, actor_uuid=who.uuid if who else None)
    if args.format == "table":
        print(f"Scheduled {len(uuids)} one-to-one(s) in {proposal.zone_name}.", file=out)
    return EXIT_OK


def cmd_invite(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import calendar

    ctx = _context(args, paths)
    data = calendar.invitation(ctx.db, args.id)
    _write(args.output, data, out, "the cancellation" if b"METHOD:CANCEL" in data else "the invitation")
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import calendar
    from coachdesk.services.people import resolve_person

    ctx = _context(args, paths)
    if args.calendar_command == "settings":
        return _settings(ctx.db, args, out)
    if args.weeks < 1 or args.weeks > 52:
        raise UserError(f"--weeks {args.weeks}: export between 1 and 52 weeks.")
    leader = resolve_person(ctx.db, args.leader).uuid if args.leader else None
    teams = calendar.team_uuids_for(ctx.db, args.team)
    settings = calendar.calendar_settings(ctx.db)
    today = datetime.now(settings.zone).date()
    data = calendar.calendar_file(ctx.db, leader, teams, today, today + timedelta(weeks=args.weeks))
    _write(args.output, data, out, f"{data.count(b'BEGIN:VEVENT')} calendar entries")
    return EXIT_OK


def _settings(db, args: argparse.Namespace, out: TextIO) -> int:  # noqa: ANN001
    from dataclasses import replace

    from coachdesk.domain.calendar_rules import WorkingHours
    from coachdesk.services import calendar

    current = calendar.calendar_settings(db)
    hours = current.hours
    try:
        if args.days:
            hours = replace(hours, days=frozenset(DAY_NAMES.index(d.strip().lower()[:3])
                                                  for d in args.days.split(",")))
        if args.start:
            hours = replace(hours, start=time.fromisoformat(args.start))
        if args.end:
            hours = replace(hours, end=time.fromisoformat(args.end))
    except ValueError:
        raise UserError("--days takes names like mon,tue,wed; --start and --end take times like 09:00.") from None
    changed = replace(current, hours=WorkingHours(hours.days, hours.start, hours.end),
                      time_zone=current.time_zone if args.time_zone is None else args.time_zone,
                      minutes=args.length or current.minutes,
                      remind_minutes=current.remind_minutes if args.remind is None else args.remind)
    if changed != current:
        current = calendar.save_calendar_settings(db, changed)
    print(f"Working hours: {current.hours.text()}; time zone {current.zone_name}"
          f"{'' if current.time_zone else ' (the computer’s)'}; one-to-ones last {current.minutes} minutes; "
          f"reminders {current.remind_minutes} minutes before.", file=out)
    return EXIT_OK
