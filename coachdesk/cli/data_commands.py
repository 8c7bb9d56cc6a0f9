"""``coachdesk export``, ``import-data`` and ``erase``: the exchange document, subject access and erasure."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.common import EXIT_FAILED, EXIT_OK, UserError, open_context
from coachdesk.paths import AppPaths

if TYPE_CHECKING:
    import argparse


def cmd_export(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import people as people_api
    from coachdesk.services.exchange import export_document

    ctx = open_context(args, paths)
    person = people_api.resolve_person(ctx.db, args.agent).uuid if args.agent else None
    report = export_document(ctx.db, Path(args.output), person=person)
    what = "every record" if person is None else f"the data held about {report.scope}"
    size = f"{report.size_bytes / 1e6:,.1f} MB" if report.size_bytes >= 1e6 else f"{report.size_bytes / 1e3:,.0f} kB"
    print(f"Exported {what} to {report.path}: {report.total:,} records, {size}.", file=out)
    return EXIT_OK


def cmd_import_data(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services.exchange import import_document

    ctx = open_context(args, paths)
    report = import_document(ctx.db, Path(args.file), dry_run=args.dry_run)
    for line in report.lines():
        print(line, file=out)
    return EXIT_OK


def _confirm(prompt: str, expected: str) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError("erase needs a confirmation: run it in a terminal, or add --yes.")
    answer = input(prompt)
    return answer.strip() == expected


def cmd_erase(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import people as people_api

    ctx = open_context(args, paths)
    person = people_api.resolve_person(ctx.db, args.agent)
    if not args.yes:
        seen = people_api.preview_erasure(ctx.db, person.uuid)
        print(f"This erases the personal data of {seen.display_name} ({seen.uuid}): {seen.total:,} records"
              + (f", and clears {sum(seen.links.values()):,} links in other people's records" if seen.links else "")
              + (". Figures and ratings stay under an anonymous placeholder." if args.keep_aggregates else ".")
              + " It cannot be undone.", file=out)
        out.flush()
        if not _confirm(f"Type the person's name ({seen.display_name}) to erase: ", seen.display_name):
            print("Nothing was erased.", file=out)
            return EXIT_FAILED
    report = people_api.erase_person(ctx.db, person.uuid, keep_aggregates=args.keep_aggregates)
    for line in report.lines():
        print(line, file=out)
    return EXIT_OK
