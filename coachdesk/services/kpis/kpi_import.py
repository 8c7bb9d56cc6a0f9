"""KPI import use cases: preview a file, commit it all-or-nothing in one transaction, undo a batch, keep mappings.

GUI flow, each call off the GUI thread with ``progress(fraction, message)`` and a ``cancelled()`` flag:
``preview_file`` → show the ``ImportPlan`` (mapping, problems, unknown people, duplicates) → ``commit(db, plan,
...)`` with the user's choices. The CLI calls ``import_file``, which reads and writes in one pass. Every refusal is a
``ValidationError`` whose text names the file, and the row, column and reason of each problem.
"""

from __future__ import annotations

import json
from collections.abc import Mapping as MappingType
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from coachdesk.domain.enums import AuditAction, ImportStatus
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.domain.text import plural, printable, shorten_list
from coachdesk.importers import presets as preset_rules
from coachdesk.importers.dates import ORDER_WORDS
from coachdesk.importers.mapping import Mapping
from coachdesk.importers.shapes import Decisions
from coachdesk.services import common as common_api
from coachdesk.services.common import load_preset
from coachdesk.services.kpis.kpi_import_run import (
    Cancelled,
    ImportCancelled,
    Outcome,
    Pass,
    Prepared,
    Progress,
    RepeatedInFile,
    prepare,
)
from coachdesk.services.kpis.kpi_import_types import (
    EarlierBatch,
    ImportOptions,
    ImportPlan,
    ImportRejected,
    ImportResult,
    UndoResult,
)
from coachdesk.services.kpis.kpi_import_undo import remove_added
from coachdesk.storage import bulk
from coachdesk.storage.database import Database
from coachdesk.storage.models import ImportBatch, ImportMapping
from coachdesk.storage.types import utcnow

__all__ = ["ImportCancelled", "ImportOptions", "ImportPlan", "ImportRejected", "ImportResult", "UndoResult",
           "commit", "describe_order", "import_file", "list_presets", "preview_file", "save_mapping", "sheet_names",
           "undo_batch"]


def _presets() -> list[preset_rules.Preset]:
    return preset_rules.load_presets(load_preset("import_presets.json"))


def list_presets() -> list[tuple[str, str, str]]:
    """(name, label, vendor) of every import preset."""
    return [(p.name, p.label, p.vendor) for p in _presets()]


def _path(path: str | Path) -> Path:
    return Path(path).expanduser()


def _ticker(progress: Progress | None, cancelled: Cancelled | None):  # noqa: ANN202
    """Cancel checks and a heartbeat for the date-order pass before the main one."""

    def tick(rows):  # noqa: ANN001, ANN202
        count = 0
        for item in rows:
            count += 1
            if count % 5000 == 0:
                if cancelled is not None and cancelled():
                    raise ImportCancelled("The import was cancelled; nothing was written.")
                if progress is not None:
                    progress(0.02, "Checking dates")
            yield item
    return tick


def _earlier(session, sha256: str) -> tuple[EarlierBatch, ...]:  # noqa: ANN001
    rows = session.scalars(select(ImportBatch).where(ImportBatch.file_sha256 == sha256,
                                                     ImportBatch.status == ImportStatus.COMMITTED)
                           .order_by(ImportBatch.id)).all()
    return tuple(EarlierBatch(b.uuid, b.file_name, b.finished_at, b.figures_stored) for b in rows)


def _refusal(file: str, missing: list[str] | tuple[str, ...], preset: preset_rules.Preset | None,
             header: tuple[str, ...], left=()) -> ValidationError:  # noqa: ANN001
    new = [item.column for item in left if item.new_kpi_unit]
    reason = "; ".join(missing)
    no_kpi = any(m.startswith("what") for m in missing)
    if no_kpi and preset is not None and preset.no_kpi_reason:
        return ValidationError(f"{file}: nothing to import: recognised as a {preset.label}, and "
                               f"{preset.no_kpi_reason}")
    if no_kpi:
        columns = shorten_list([h for h in header if h.strip()])
        offer = f"; the columns {shorten_list(new)} hold figures: add them as new KPIs with --create-kpis" if new \
            else ""
        return ValidationError(f"{file}: nothing to import: none of its columns ({columns}) is a KPI that the "
                               f"catalogue knows; {printable(reason, 400)}{offer}")
    return ValidationError(f"{file}: cannot import: the file lacks {reason}")


def _plan(prep: Prepared, options: ImportOptions, outcome: Outcome | None, earlier) -> ImportPlan:  # noqa: ANN001
    info, d = prep.table.info, prep.decisions
    problems = ([d.date_problem] if d.date_problem is not None else []) + list(d.scale_problems)
    o = outcome or Outcome()
    return ImportPlan(
        file=prep.file, path=str(prep.path), sha256=prep.sha256, size=prep.size, options=options,
        encoding=info.encoding, encoding_note=info.encoding_note, delimiter=info.delimiter, decimal=info.decimal, sheet=info.sheet, header=info.header,
        header_row=info.header_row, preamble=info.preamble, mapping=prep.mapping, header_signature=prep.signature,
        preset=prep.mapping.preset, preset_label=prep.preset.label if prep.preset else None,
        saved_mapping=prep.saved_mapping, missing=tuple(prep.missing), date_order=d.date_order,
        date_order_source=d.date_order_source, date_evidence=d.date_evidence,
        needs_date_order=d.date_problem is not None, rows_read=o.rows_read, figures=o.figures,
        figures_by_kpi=dict(o.by_kpi), first_day=o.first_day, last_day=o.last_day, skipped=dict(o.skipped),
        skipped_rows=o.skipped_rows, problems=tuple(problems + o.problems), problem_count=len(problems) +
        o.problem_count, warnings=tuple(list(prep.mapping.notes) + o.warnings), unknown_people=tuple(o.unknown),
        matched_people=o.matched_people, people_to_create=tuple(o.created), duplicates=o.duplicates,
        duplicate_sample=tuple(o.duplicate_sample), earlier_batches=earlier, sample=tuple(o.sample), decisions=d,
        no_kpi_reason=prep.preset.no_kpi_reason if prep.preset else None, sample_rows=prep.sample_rows,
        left_out=prep.left_out, created_kpis=prep.created_kpis, rules=tuple(o.rules),
        suggested_period=prep.suggested_period, partial=o.partial)


def preview_file(db: Database, path: str | Path, options: ImportOptions | None = None,
                 progress: Progress | None = None, cancelled: Cancelled | None = None) -> ImportPlan:
    """Read the whole file and say what importing it would do; writes nothing. A file that cannot be read at all
    raises ValidationError; everything else (missing columns, ambiguous dates, bad cells) is in the plan."""
    options = (options or ImportOptions()).checked()
    with db.session() as session:
        prep = prepare(session, _path(path), options, _presets(), tick=_ticker(progress, cancelled))
        earlier = _earlier(session, prep.sha256) if prep.sha256 else ()
        if prep.missing or prep.decisions.date_problem is not None or prep.decisions.scale_problems:
            return _plan(prep, options, None, earlier)
        outcome = Pass(session, prep, options, batch_id=None, progress=progress, cancelled=cancelled,
                       base=0.05).run()
        session.rollback()
        return _plan(prep, options, outcome, earlier)


def commit(db: Database, plan: ImportPlan, *, on_duplicate: str | None = None, create_agents: bool | None = None,
           people: MappingType[str, str] | None = None, force: bool | None = None, mapping: dict | None = None,
           date_order: str | None = None, remember_mapping: bool | None = None, mapping_name: str | None = None,
           progress: Progress | None = None, cancelled: Cancelled | None = None) -> ImportResult:
    """Import the previewed file with the user's choices, all or nothing. A changed ``mapping`` or
    ``date_order`` re-reads the file with them; the file must not have changed since the preview.
    ``remember_mapping`` keeps the mapping to offer it for the next file with the same header."""
    changes = {key: value for key, value in (("on_duplicate", on_duplicate), ("create_agents", create_agents),
                                             ("people", people), ("force", force), ("mapping", mapping),
                                             ("date_order", date_order), ("remember_mapping", remember_mapping),
                                             ("mapping_name", mapping_name)) if value is not None}
    options = replace(plan.options, **changes).checked()
    reuse = mapping is None and date_order is None and plan.decisions is not None and not plan.needs_date_order
    return _commit(db, _path(plan.path), options, progress, cancelled,
                   mapping=plan.mapping if mapping is None else None,
                   decisions=plan.decisions if reuse else None, expected_sha=plan.sha256)


def import_file(db: Database, path: str | Path, options: ImportOptions | None = None,
                progress: Progress | None = None, cancelled: Cancelled | None = None) -> ImportResult:
    """Import a file in one pass (``dry_run``: read it and say what would be stored). Without ``auto``, a
    proposed mapping is refused: give ``preset`` or ``mapping``, or accept the proposal with ``auto``."""
    options = (options or ImportOptions()).checked()
    if options.dry_run:
        plan = preview_file(db, path, options, progress, cancelled)
        _check_plan(plan, options)
        return _result_from_plan(plan)
    return _commit(db, _path(path), options, progress, cancelled)


def _check_plan(plan: ImportPlan, options: ImportOptions) -> None:
    if plan.missing:
        preset = next((p for p in _presets() if p.name == plan.preset), None)
        raise _refusal(plan.file, plan.missing, preset, plan.header, plan.left_out)
    _check_proposal(plan.file, plan.mapping, options)
    if plan.problems:
        raise ImportRejected(plan.file, list(plan.problems), plan.problem_count)


def _check_proposal(file: str, mapping: Mapping, options: ImportOptions) -> None:
    if mapping.source == "proposed" and not options.auto:
        fields = shorten_list([f"'{printable(c.column, 40)}' -> {c.field}" for c in mapping.used], keep=20, limit=80)
        raise ValidationError(f"{file}: no preset or saved mapping fits this file; the proposed mapping is "
                              f"{fields}. Accept it with --auto, or give --preset or --mapping.")


class _NothingStored(Exception):
    def __init__(self, result: ImportResult) -> None:
        self.result = result


def _commit(db: Database, path: Path, options: ImportOptions, progress: Progress | None,
            cancelled: Cancelled | None, mapping: Mapping | None = None, decisions: Decisions | None = None,
            expected_sha: str | None = None) -> ImportResult:
    try:
        with db.unit_of_work() as session:
            prep = prepare(session, path, options, _presets(), mapping=mapping, decisions=decisions,
                           tick=_ticker(progress, cancelled))
            if expected_sha is not None and prep.sha256 != expected_sha:
                raise ValidationError(f"{prep.file}: the file changed since it was previewed; preview it again")
            if prep.missing:
                raise _refusal(prep.file, prep.missing, prep.preset, prep.table.info.header, prep.left_out)
            if mapping is None:
                _check_proposal(prep.file, prep.mapping, options)
            if prep.decisions.date_problem is not None:
                problem = prep.decisions.date_problem
                raise ImportRejected(prep.file, [replace(problem, reason=problem.reason + " (--date-order)")], 1)
            if prep.decisions.scale_problems:
                raise ImportRejected(prep.file, prep.decisions.scale_problems, len(prep.decisions.scale_problems))
            earlier = _earlier(session, prep.sha256)
            if earlier and not options.force:
                first = earlier[0]
                raise ValidationError(
                    f"{prep.file}: this very file (SHA-256 {prep.sha256[:12]}...) was imported before as batch "
                    f"{first.uuid} ({plural(first.figures, 'figure')}); undo that batch, or force a second import")
            batch = ImportBatch(file_name=prep.file, file_sha256=prep.sha256, file_size=prep.size, source="file",
                                preset=prep.mapping.preset, mapping_json=json.dumps(prep.mapping.to_json()),
                                started_at=utcnow(), status=ImportStatus.COMMITTED)
            session.add(batch)
            session.flush()
            outcome = Pass(session, prep, options, batch_id=batch.id, progress=progress, cancelled=cancelled,
                           base=0.05).run()
            if outcome.problems:
                raise ImportRejected(prep.file, outcome.problems, outcome.problem_count)
            result = _result(prep, options, outcome, batch.uuid if outcome.stored + outcome.replaced else None,
                             earlier)
            if not outcome.stored and not outcome.replaced:
                raise _NothingStored(result)
            _finish(session, batch, prep, options, outcome)
            return result
    except _NothingStored as nothing:
        return nothing.result
    except RepeatedInFile as repeated:
        # the unique index caught a figure the file gives twice: read the file again to say where
        again = replace(options, mapping=mapping.to_json()) if mapping is not None else options
        plan = preview_file(db, path, again, progress, cancelled)
        if plan.problems:
            raise ImportRejected(plan.file, list(plan.problems), plan.problem_count) from None
        raise ValidationError(f"{path.name}: nothing was imported: near row {repeated.row} the file gives a figure "
                              "(agent, KPI and period) twice") from None


def _finish(session, batch: ImportBatch, prep: Prepared, options: ImportOptions, o: Outcome) -> None:  # noqa: ANN001
    batch.finished_at = utcnow()
    batch.rows_read = o.rows_read
    batch.rows_skipped = sum(o.skipped.values())
    batch.figures_stored = o.stored + o.replaced
    report = {"skipped": dict(o.skipped), "warnings": list(prep.mapping.notes) + o.warnings,
              "date_order": prep.decisions.date_order, "date_evidence": prep.decisions.date_evidence,
              "duplicates": o.duplicates, "duplicates_skipped": o.duplicates_skipped, "replaced_count": o.replaced,
              "people_created": o.created, "people_mapped": o.mapped, "on_duplicate": options.on_duplicate,
              "figures_by_kpi": dict(o.by_kpi),
              "replaced": [[p, k, s.isoformat(), e.isoformat(), v, b] for p, k, s, e, v, b in o.replaced_values],
              "replaced_kept": len(o.replaced_values), "added": o.added}
    batch.report_json = json.dumps(report, default=str)
    common_api.record(session, AuditAction.IMPORT, "import_batch", batch.uuid,
                 f"Imported {batch.figures_stored:,} KPI figures from {prep.file}",
                 details={"sha256": prep.sha256, "preset": prep.mapping.preset, "rows_read": o.rows_read})
    if options.remember_mapping:
        _remember(session, prep, options.mapping_name)
    elif prep.mapping.source == "saved":
        saved = session.scalar(select(ImportMapping).where(ImportMapping.header_signature == prep.signature)
                               .order_by(ImportMapping.last_used_at.desc(), ImportMapping.id.desc()))
        if saved is not None:
            saved.last_used_at = utcnow()


def _remember(session, prep: Prepared, name: str | None) -> None:  # noqa: ANN001
    row = session.scalar(select(ImportMapping).where(ImportMapping.header_signature == prep.signature))
    text = json.dumps(prep.mapping.to_json())
    if row is None:
        session.add(ImportMapping(name=name or f"{prep.file} columns", header_signature=prep.signature,
                                  mapping_json=text, last_used_at=utcnow()))
    else:
        row.mapping_json, row.last_used_at = text, utcnow()
        if name:
            row.name = name


def _result(prep: Prepared, options: ImportOptions, o: Outcome, batch_uuid: str | None,
            earlier) -> ImportResult:  # noqa: ANN001
    warnings = list(prep.mapping.notes) + o.warnings
    if o.replaced > len(o.replaced_values):
        warnings.append(f"{o.replaced:,} stored figures were replaced; undoing this batch puts back the first "
                        f"{len(o.replaced_values):,} earlier values and deletes the rest")
    if earlier:
        warnings.append(f"this very file was imported before as batch {earlier[0].uuid}; imported again (forced)")
    return ImportResult(prep.file, prep.sha256, batch_uuid, False, o.rows_read, o.figures, o.stored + o.replaced,
                        o.replaced, o.duplicates_skipped, dict(o.skipped), tuple(o.created), tuple(o.mapped),
                        tuple(p for p in o.unknown if p.status != "create"), tuple(warnings),
                        prep.mapping.to_json(), prep.mapping.preset, prep.decisions.date_order, o.first_day,
                        o.last_day, dict(o.by_kpi), prep.left_out, prep.created_kpis, tuple(o.rules),
                        _encoding_words(prep.table.info))


def _result_from_plan(plan: ImportPlan) -> ImportResult:
    warnings = list(plan.warnings)
    if plan.earlier_batches:
        warnings.append(f"this very file was imported before as batch {plan.earlier_batches[0].uuid}")
    return ImportResult(plan.file, plan.sha256, None, True, plan.rows_read, plan.figures, 0, 0, 0,
                        dict(plan.skipped), plan.people_to_create, (), tuple(p for p in plan.unknown_people
                                                                             if p.status != "create"),
                        tuple(warnings), plan.mapping_json, plan.preset, plan.date_order, plan.first_day,
                        plan.last_day, dict(plan.figures_by_kpi), plan.left_out, plan.created_kpis, plan.rules,
                        f"{plan.encoding} ({plan.encoding_note})" if plan.encoding else "")


def _encoding_words(info) -> str:  # noqa: ANN001
    return f"{info.encoding} ({info.encoding_note})" if info.encoding else ""


def undo_batch(db: Database, batch_uuid: str) -> UndoResult:
    """Delete every figure of an import batch, put back the values it replaced (unless a later import has since
    taken their place, or their own batch was undone), and mark the batch undone."""
    with db.unit_of_work() as session:
        batch = _find_batch(session, batch_uuid)
        if batch.status == ImportStatus.UNDONE:
            raise ValidationError(f"Import batch {batch_uuid} ({batch.file_name}) was already undone.")
        conn = session.connection()
        deleted = bulk.delete_batch(conn, batch.id)
        report = json.loads(batch.report_json or "{}")
        restored = _restore(session, report.get("replaced", []))
        removed, kept = remove_added(session, report.get("added", {}), batch.uuid)
        batch.status = ImportStatus.UNDONE
        common_api.record(session, AuditAction.UNDO_IMPORT, "import_batch", batch.uuid,
                     f"Undid the import of {batch.file_name}: {deleted:,} figures deleted, {restored:,} restored"
                     + "".join(f"; removed {line}" for line in removed) + "".join(f"; kept {line}" for line in kept))
        return UndoResult(batch.uuid, batch.file_name, deleted, restored, tuple(removed), tuple(kept))


def _find_batch(session, given: str) -> ImportBatch:  # noqa: ANN001
    """The batch a full UUID or an unambiguous start of one (at least 6 characters, as ``kpis batches`` shows
    it) names."""
    text = given.strip().casefold()
    batch = session.scalar(select(ImportBatch).where(ImportBatch.uuid == text))
    if batch is not None:
        return batch
    if len(text) < 6 or not all(c in "0123456789abcdef-" for c in text):
        raise NotFound(f"No import batch {printable(given, 60)!r}: give its id as `coachdesk kpis batches` shows it "
                       "(at least its first 6 characters).")
    found = session.scalars(select(ImportBatch).where(ImportBatch.uuid.startswith(text)).limit(3)).all()
    if not found:
        raise NotFound(f"No import batch starts with {text!r}: see `coachdesk kpis batches`.")
    if len(found) > 1:
        raise ValidationError(f"{text!r} starts more than one import batch ({', '.join(b.uuid for b in found)}); "
                              "give more of the id.")
    return found[0]


def _restore(session, replaced: list) -> int:  # noqa: ANN001
    if not replaced:
        return 0
    live = {b for (b,) in session.execute(select(ImportBatch.id).where(ImportBatch.status == ImportStatus.COMMITTED))}
    rows = [(p, k, date.fromisoformat(s), date.fromisoformat(e), v, b) for p, k, s, e, v, b in replaced
            if b is None or b in live]
    if not rows:
        return 0
    conn = session.connection()
    taken = {(p, k, s, e) for _f, p, k, s, e, _v, _b in bulk.stored_figures(
        conn, {r[0] for r in rows}, {r[1] for r in rows}, min(r[2] for r in rows), max(r[2] for r in rows))}
    return bulk.insert_figures(conn, [r for r in rows if r[:4] not in taken])


def save_mapping(db: Database, path: str | Path, mapping: dict, name: str | None = None,
                 options: ImportOptions | None = None) -> str:
    """Keep ``mapping`` (JSON form) for files with the same header as ``path``; returns the saved mapping's UUID."""
    options = replace(options or ImportOptions(), mapping=mapping).checked()
    with db.unit_of_work() as session:
        prep = prepare(session, _path(path), options, _presets(), decisions=Decisions())
        _remember(session, prep, name)
        session.flush()
        row = session.scalar(select(ImportMapping).where(ImportMapping.header_signature == prep.signature))
        return row.uuid


def sheet_names(path: str | Path) -> list[str]:
    """The sheets of a workbook, for ``ImportOptions.sheet`` (the first sheet with data is read by default)."""
    from coachdesk.importers.spreadsheet import sheet_names as names

    path = _path(path)
    try:
        return names(path)
    except ValueError as exc:
        raise ValidationError(f"{path.name}: {exc}") from None


def describe_order(order: str | None) -> str:
    return ORDER_WORDS.get(order or "", "not needed")
