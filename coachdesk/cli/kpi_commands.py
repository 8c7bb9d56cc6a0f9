"""``coachdesk import-kpis`` and ``coachdesk kpis``: import exports, undo a batch, print stored figures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.common import EXIT_FAILED, EXIT_OK, UserError, open_context, print_records
from coachdesk.domain.text import plural, printable, shorten_list
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


def _people(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, who = pair.rpartition("=")
        if not sep or not name.strip() or not who.strip():
            raise UserError(f"--person {pair!r}: write NAME=UUID, NAME=create or NAME=skip.")
        out[name.strip()] = who.strip()
    return out


def cmd_import_kpis(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services import kpis as kpis_api

    if args.list_presets:
        presets = kpis_api.list_presets()
        width = max(len(key) for key, _, _ in presets)
        for key, label, _vendor in presets:
            print(f"{key:<{width}}  {label}", file=out)
        return EXIT_OK
    if not args.file and not args.undo:
        raise UserError("import-kpis needs a FILE (or --undo BATCH, or --list-presets).")
    if args.dry_run and not args.undo:
        return _dry_run_without_creating(args, paths, out)
    ctx = open_context(args, paths)
    if args.undo:
        undone = kpis_api.undo_batch(ctx.db, args.undo)
        print(f"Undid batch {undone.batch_uuid} ({undone.file_name}): "
              f"{plural(undone.figures_deleted, 'figure')} removed, "
              f"{plural(undone.figures_restored, 'earlier value')} restored.", file=out)
        for line in undone.removed:
            print(f"Removed {line}", file=out)
        for line in undone.kept:
            print(f"Kept {line}", file=out)
        return EXIT_OK
    return _import(args, ctx, out)


def _dry_run_without_creating(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    """A dry run against a database file that does not exist yet reads the file against a throw-away copy of a new
    database, so that nothing is created where ``--db`` points."""
    import tempfile

    from coachdesk.services.common import AppContext, open_store, resolve_location, sqlite_location

    location = resolve_location(paths, db=args.db, db_url=args.db_url)
    if location.path is None or location.path.exists():
        return _import(args, open_context(args, paths), out)

    with tempfile.TemporaryDirectory(prefix="coachdesk-dry-run-") as folder:
        scratch = sqlite_location(Path(folder) / "dry-run.sqlite3")
        store = open_store(scratch)
        try:
            if args.format != "json":
                print(f"Note: {location.path} does not exist; the dry run read the file against an empty database "
                      "and created nothing.", file=out)
            return _import(args, AppContext(db=store.db, paths=paths, location=scratch), out)
        finally:
            store.db.dispose()


def _import(args: argparse.Namespace, ctx, out: TextIO) -> int:  # noqa: ANN001
    from coachdesk.services import kpis as kpis_api
    from coachdesk.services.kpis import ImportOptions

    options = ImportOptions(
        auto=args.auto, preset=args.preset, mapping=_mapping(args.mapping), date_order=args.date_order,
        period_start=_day(args.period_start, "--period-start"), period_end=_day(args.period_end, "--period-end"),
        on_duplicate=args.on_duplicate, create_agents=args.create_agents, dry_run=args.dry_run, force=args.force,
        sheet=args.sheet, encoding=args.encoding, create_kpis=args.create_kpis, people=_people(args.person),
    )
    result = kpis_api.import_file(ctx.db, Path(args.file), options)
    if args.format == "json":
        json.dump(result.as_dict(), out, indent=2, ensure_ascii=False, default=str)
        out.write("\n")
    else:
        _print_result(result, out, _undo_hint(args))
    if result.dry_run:
        return EXIT_OK if result.figures_planned else EXIT_FAILED
    return EXIT_OK if result.figures_stored else EXIT_FAILED


def _undo_hint(args: argparse.Namespace) -> str:
    """The command that undoes a batch, with the same database options as this one."""
    import shlex

    where = [f"--db {shlex.quote(args.db)}"] if args.db else []
    where += [f"--db-url {shlex.quote(args.db_url)}"] if getattr(args, "db_url", None) else []
    return " ".join(["coachdesk", *where, "import-kpis", "--undo"])


def _print_result(result, out: TextIO, undo: str = "coachdesk import-kpis --undo") -> None:  # noqa: ANN001
    verb = "Would store" if result.dry_run else "Stored"
    count = result.figures_planned if result.dry_run else result.figures_stored
    print(f"{result.file}: {plural(result.rows_read, 'row')} read; {verb.lower()} {plural(count, 'figure')}"
          + (f" ({result.figures_replaced:,} replaced)" if result.figures_replaced else "")
          + (f"; {result.duplicates_skipped:,} duplicates skipped" if result.duplicates_skipped else "") + ".",
          file=out)
    if result.encoding and not result.encoding.startswith("utf-8 (UTF-8)"):
        print(f"Encoding: {result.encoding}", file=out)
    if result.first_day:
        print(f"Period: {result.first_day} to {result.last_day}", file=out)
    for rule in result.rules:
        print(f"Rule: {printable(rule, 300)}", file=out)
    if result.created_kpis:
        print(f"New KPIs: {', '.join(result.created_kpis)} (check their units and directions under KPIs)", file=out)
    for item in result.left_out[:40]:
        print(f"Not imported: {printable(item.column, 60)!r}: {item.why}", file=out)
    if len(result.left_out) > 40:
        print(f"Not imported: and {len(result.left_out) - 40:,} more columns", file=out)
    if result.figures_by_kpi:
        print("Figures by KPI: " + ", ".join(f"{k} {v:,}" for k, v in result.figures_by_kpi.items()), file=out)
    for reason, n in result.skipped.items():
        print(f"Skipped {plural(n, 'row')}: {reason}", file=out)
    if result.people_created:
        verb = "Would create" if result.dry_run else "Created"
        print(f"{verb} {plural(len(result.people_created), 'person', 'people')}: "
              f"{shorten_list(result.people_created, keep=10)}", file=out)
    near = [p for p in result.unknown_people if p.status.startswith("near match")]
    others = [p for p in result.unknown_people if p not in near]
    for person in others[:30]:
        who = printable(person.name or person.agent_id or person.email, 80)
        print(f"Unknown person left out: {who} ({plural(person.rows, 'row')}, first on row {person.first_row})",
              file=out)
    for person in near[:30]:
        who = printable(person.name or person.agent_id or person.email, 80)
        maybe = "; ".join(f"{printable(name, 80)} ({why}, {uuid})" for uuid, name, why in person.candidates)
        print(f"Near match left out: {who} ({plural(person.rows, 'row')}, first on row {person.first_row}) may be "
              f"{maybe}", file=out)
    if len(near) > 30:
        print(f"Near match left out: and {len(near) - 30:,} more (see --format json)", file=out)
    if near:
        print("Say who each near match is with --person 'NAME=UUID' (or NAME=create, NAME=skip); --create-agents "
              "never creates them.", file=out)
    if len(others) > 30:
        print(f"Unknown person left out: and {len(others) - 30:,} more (see --format json)", file=out)
    if others and not result.dry_run:
        print("Add them under People, or import again with --create-agents.", file=out)
    for warning in result.warnings:
        print(f"Warning: {warning}", file=out)
    print("Mapping: " + json.dumps(result.mapping, ensure_ascii=False, sort_keys=True, default=str), file=out)
    if result.batch_uuid:
        print(f"Batch: {result.batch_uuid} (undo with: {undo} {result.batch_uuid})", file=out)
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

    from coachdesk.domain.text import spreadsheet_safe

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["person", "kpi", "period_start", "period_end", "value"])
    for f in figures:  # names come from imported files: a spreadsheet must not run "=HYPERLINK(...)" in them
        writer.writerow([spreadsheet_safe(f.person), spreadsheet_safe(f.kpi), f.period_start.isoformat(),
                         f.period_end.isoformat(), repr(f.value)])
    return EXIT_OK
