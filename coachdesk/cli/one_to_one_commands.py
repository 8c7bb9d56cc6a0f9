"""``coachdesk one-to-ones list``: one-to-one sessions (newest first), or with ``--due`` the agents due or overdue
one by their cadence, from the same services as the One-to-ones and Today pages."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.common import EXIT_OK, UserError, open_context, print_records
from coachdesk.paths import AppPaths

if TYPE_CHECKING:
    import argparse


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def cmd_one_to_ones(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    if args.one_to_ones_command in ("schedule", "invite"):
        from coachdesk.cli import calendar_commands

        return (calendar_commands.cmd_schedule if args.one_to_ones_command == "schedule"
                else calendar_commands.cmd_invite)(args, paths, out)
    from coachdesk.services import one_to_ones as one_to_ones_api
    from coachdesk.services.people import resolve_person

    try:
        on = date.fromisoformat(args.on) if args.on else date.today()
    except ValueError:
        raise UserError(f"--on {args.on!r} is not a date: write it as YYYY-MM-DD.") from None
    ctx = open_context(args, paths)
    agent = resolve_person(ctx.db, args.agent).uuid if args.agent else None
    if args.due:
        rows = [r for r in one_to_ones_api.due_list(ctx.db, on=on, agent_uuid=agent)
                if r.state.value in ("overdue", "due", "never")]
        if not rows and args.format == "table":
            print("Nobody is due a one-to-one.", file=out)
            return EXIT_OK
        print_records([{
            "agent": r.agent_name, "team": r.team or "", "state": r.state.value, "due": _day(r.due_date),
            "last_held": _day(r.last_held), "days_since": "" if r.days_since is None else r.days_since,
            "cadence_days": r.cadence_days, **({"agent_uuid": r.agent_uuid} if args.format != "table" else {}),
        } for r in rows], args.format, out)
        return EXIT_OK
    lines = one_to_ones_api.list_sessions(ctx.db, agent_uuid=agent)
    if not lines and args.format == "table":
        print("No one-to-ones yet.", file=out)
        return EXIT_OK
    print_records([{
        "date": _day(s.day), "agent": s.agent_name, "team": s.team or "", "leader": s.leader or "",
        "type": s.type.value, "status": s.status.value, "open_items": s.open_items, "next": _day(s.next_date),
        **({"uuid": s.uuid, "agent_uuid": s.agent_uuid} if args.format != "table" else {}),
    } for s in lines], args.format, out)
    return EXIT_OK
