"""``coachdesk people``: list people, or show one found by name, alias, external id, e-mail or UUID."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.common import EXIT_OK, UserError, open_context, print_records
from coachdesk.paths import AppPaths

if TYPE_CHECKING:
    import argparse


def cmd_people(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    import json

    from coachdesk.services import people as people_api

    ctx = open_context(args, paths)
    if args.people_command == "show":
        row = people_api.resolve_person(ctx.db, args.agent)
        header = people_api.agent_header(ctx.db, row.uuid)
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
        teams = [t for t in people_api.list_teams(ctx.db, include_inactive=True)
                 if args.team in (t.uuid, t.name) or t.name.casefold() == args.team.casefold()]
        if not teams:
            raise UserError(f"No team named {args.team!r}.")
        team_uuid = teams[0].uuid
    rows = people_api.list_people(ctx.db, search=args.search, include_inactive=args.inactive, team_uuid=team_uuid)
    records = [{"name": r.display_name, "team": r.team or "", "roles": ",".join(x.value for x in r.roles),
                "email": r.email or "", "active": r.is_active, "uuid": r.uuid} for r in rows]
    print_records(records, args.format, out)
    return EXIT_OK
