"""``coachdesk import-kpis`` and ``coachdesk kpis``: import exports, undo a batch, print stored figures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.common import EXIT_FAILED, EXIT_OK, UserError, open_context, print_records
from coachdesk.paths import AppPaths

if TYPE_CHECKING:
    import argparse


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{option} {text!r} is not a date: write it as YYYY-MM-DD.") from None


def _mapping(path: str | None) -> dict | None:
    if path is None:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path} does not exist.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path} is not a JSON mapping: {exc}.") from None
    if not isinstance(data, dict):
        raise UserError(f"{path} is not a JSON mapping: it holds a {type(data).__name__}, not an object.")
    return data


def cmd_import_kpis(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import kpis as kpis_api
    from coachdesk.services.kpis import ImportOptions

    if args.list_presets:
        presets = kpis_api.list_presets()
        width = max(len(key) for key, _, _ in presets)
        for key, label, _vendor in presets:
            print(f"{key:<{width}}  {label}", file=out)
        return EXIT_OK
    ctx = open_context(args, paths)
    if args.undo:
        undone = kpis_api.undo_batch(ctx.db, args.undo)
        print(f"Undid batch {undone.batch_uuid} ({undone.file_name}): {undone.figures_deleted:,} figures removed, "
              f"{undone.figures_restored:,} earlier values restored.", file=out)
        return EXIT_OK
    if not args.file:
        raise UserError("import-kpis needs a FILE (or --undo BATCH, or --list-presets).")
    options = ImportOptions(
        auto=args.auto, preset=args.preset, mapping=_mapping(args.mapping), date_order=args.date_order,
        period_start=_day(args.period_start, "--period-start"), period_end=_day(args.period_end, "--period-end"),
        on_duplicate=args.on_duplicate, create_agents=args.create_agents, dry_run=args.dry_run, force=args.force,
        sheet=args.sheet,
    )
    result = kpis_api.import_file(ctx.db, Path(args.file), options)
    if args.format == "json":
        json.dump(result.as_dict(), out, indent=2, ensure_ascii=False, default=str)
        out.write("\n")
    else:
        _print_result(result, out)
    if result.dry_run:
        return EXIT_OK if result.figures_planned else EXIT_FAILED
    return EXIT_OK if result.figures_stored else EXIT_FAILED


def _print_result(result, out: TextIO) -> None:  # noqa: ANN001
    verb = "Would store" if result.dry_run else "Stored"
    count = result.figures_planned if result.dry_run else result.figures_stored
    print(f"{result.file}: {result.rows_read:,} rows read; {verb.lower()} {count:,} figures"
          + (f" ({result.figures_replaced:,} replaced)" if result.figures_replaced else "")
          + (f"; {result.duplicates_skipped:,} duplicates skipped" if result.duplicates_skipped else "") + ".",
          file=out)
    if result.first_day:
        print(f"Period: {result.first_day} to {result.last_day}", file=out)
    if result.figures_by_kpi:
        print("Figures by KPI: " + ", ".join(f"{k} {v:,}" for k, v in result.figures_by_kpi.items()), file=out)
    for reason, n in result.skipped.items():
        print(f"Skipped {n:,} row{'s' if n != 1 else ''}: {reason}", file=out)
    for name in result.people_created:
        print(f"Created person: {name}", file=out)
    for person in result.unknown_people:
        who = person.name or person.agent_id or person.email
        print(f"Unknown person left out: {who} ({person.rows:,} rows, first on row {person.first_row})", file=out)
    if result.unknown_people and not result.dry_run:
        print("Add them under People, or import again with --create-agents.", file=out)
    for warning in result.warnings:
        print(f"Warning: {warning}", file=out)
    print("Mapping: " + json.dumps(result.mapping, ensure_ascii=False, sort_keys=True, default=str), file=out)
    if result.batch_uuid:
        print(f"Batch: {result.batch_uuid} (undo with: coachdesk import-kpis --undo {result.batch_uuid})", file=out)
    elif not result.dry_run:
        print("Nothing was stored.", file=out)


def cmd_kpis(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import kpis as kpis_api

    ctx = open_context(args, paths)
    if args.kpis_command == "batches":
        rows = kpis_api.list_batches(ctx.db)
        print_records([{"batch": b.uuid, "file": b.file_name, "finished": b.finished_at.isoformat(
            timespec="seconds") if b.finished_at else "", "rows": b.rows_read, "skipped": b.rows_skipped,
            "figures": b.figures_stored, "status": b.status.value} for b in rows], "table", out)
        return EXIT_OK
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    figures = kpis_api.list_figures(ctx.db, agent=args.agent, kpi=args.kpi, start=start, end=end)
    if args.format == "json":
        out.write("[")
        for n, f in enumerate(figures):
            out.write(("," if n else "") + "\n  " + json.dumps(
                {"person": f.person, "person_uuid": f.person_uuid, "kpi": f.kpi,
                 "period_start": f.period_start.isoformat(), "period_end": f.period_end.isoformat(),
                 "value": f.value}, ensure_ascii=False))
        out.write("\n]\n")
        return EXIT_OK
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["person", "kpi", "period_start", "period_end", "value"])
    for f in figures:
        writer.writerow([f.person, f.kpi, f.period_start.isoformat(), f.period_end.isoformat(), repr(f.value)])
    return EXIT_OK
