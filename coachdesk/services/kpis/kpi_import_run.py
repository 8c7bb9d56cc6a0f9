"""The pass over a KPI file that preview and commit share, from mapping choice to chunked writes.

It chooses the mapping, settles the date order, streams the figures, matches people, finds duplicates and (on
commit) writes in chunks, reporting progress and honouring cancel. Nothing here commits: the caller owns the
transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coachdesk.domain.enums import Aggregation, Direction, Unit
from coachdesk.domain.errors import CoachDeskError, ValidationError
from coachdesk.domain.text import printable
from coachdesk.importers import presets as preset_rules
from coachdesk.importers.columns import LeftOut, kpi_code, left_out, merge
from coachdesk.importers.mapping import (
    IGNORE,
    KPI_PREFIX,
    KpiSpec,
    Mapping,
    header_hint,
    header_signature,
    parse_mapping,
    propose,
)
from coachdesk.importers.periods import suggest_period
from coachdesk.importers.shapes import Decisions, Problem, ShapeReader, prescan
from coachdesk.importers.sniff import SkipLog, Table, TableError
from coachdesk.services.kpis.kpi_import_people import PeopleResolver, UnknownPerson, agent_label
from coachdesk.storage import bulk
from coachdesk.storage.models import ImportMapping, KpiDefinition, KpiFigure

CHUNK = 5000
SAMPLE_FIGURES = 200
SAMPLE_ROWS = 20
#: How often (in rows) the pass checks the cancel flag and reports progress.
TICK_ROWS = 2000
DUPLICATES_KEPT = 50
#: How many replaced values a batch keeps for its undo (memory stays bounded on a huge re-import).
REPLACED_KEPT = 250_000

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]
REPLACE, SKIP, FAIL = "replace", "skip", "fail"


class ImportCancelled(CoachDeskError):
    """The user cancelled; the transaction was rolled back and nothing was written."""


class RepeatedInFile(Exception):  # noqa: N818 - internal signal, never shown
    """A commit met a figure the file gives twice; the caller rolls back and previews to say where."""

    def __init__(self, row: int) -> None:
        super().__init__(row)
        self.row = row


@dataclass(frozen=True)
class FigurePreview:
    row: int
    agent: str
    kpi: str
    period_start: date
    period_end: date
    value: float
    #: "matched", "create", or why the figure would not be stored
    person: str


@dataclass
class Prepared:
    """Everything settled before the main pass."""

    path: Path
    file: str
    size: int
    sha256: str
    table: Table
    kpis: dict[str, KpiSpec]
    kpi_ids: dict[str, int]
    mapping: Mapping
    signature: str
    preset: preset_rules.Preset | None
    decisions: Decisions
    period: tuple[date, date] | None
    missing: list[str]
    saved_mapping: str | None = None
    #: the first data rows as text, for a mapping editor to show what each column holds
    sample_rows: tuple[tuple[int, tuple[str, ...]], ...] = ()
    #: every named column not imported, with why (and the unit of a column that could become a new KPI)
    left_out: tuple[LeftOut, ...] = ()
    #: codes of the KPIs this import adds (``create_kpis``)
    created_kpis: tuple[str, ...] = ()
    #: for a file without dates: the period its title rows or name give, and where it was read
    suggested_period: tuple[tuple[date, date], str] | None = None


@dataclass
class Outcome:
    """What the main pass found (and, on commit, wrote)."""

    rows_read: int = 0
    figures: int = 0
    stored: int = 0
    replaced: int = 0
    duplicates: int = 0
    duplicates_skipped: int = 0
    not_stored: int = 0
    by_kpi: Counter = field(default_factory=Counter)
    first_day: date | None = None
    last_day: date | None = None
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    warnings: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    skipped_rows: dict[str, list[int]] = field(default_factory=dict)
    unknown: list[UnknownPerson] = field(default_factory=list)
    matched_people: int = 0
    created: list[str] = field(default_factory=list)
    mapped: list[str] = field(default_factory=list)
    sample: list[FigurePreview] = field(default_factory=list)
    duplicate_sample: list[str] = field(default_factory=list)
    #: figures a replace overwrote: (person id, KPI id, first day, last day, old value, old batch id)
    replaced_values: list[tuple] = field(default_factory=list)
    #: how values were read or converted, one line each, for the preview and the import report
    rules: list[str] = field(default_factory=list)
    #: a preview stopped after ``preview_rows`` rows with more of the file left
    partial: bool = False
    #: records the pass added besides figures (people, aliases, external ids, KPIs), for the batch's undo
    added: dict[str, list] = field(default_factory=dict)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def kpi_catalogue(session: Session) -> tuple[dict[str, KpiSpec], dict[str, int]]:
    """Active catalogue KPIs as importer specs, and their ids, by code."""
    rows = session.execute(select(KpiDefinition).where(KpiDefinition.is_active.is_(True))).scalars().all()
    codes = {k.id: k.code for k in rows}
    specs = {k.code: KpiSpec(k.code, k.name, k.unit.value, k.aggregation.value, codes.get(k.weight_kpi_id),
                             k.scale, k.satisfaction_basis) for k in rows}
    return specs, {k.code: k.id for k in rows}


def _refuse(file: str, reason: str) -> ValidationError:
    return ValidationError(f"{printable(file, 120)}: {printable(reason, 500)}")


def prepare(session: Session, path: Path, options, presets: list[preset_rules.Preset],  # noqa: ANN001
            mapping: Mapping | None = None, decisions: Decisions | None = None,
            tick: Callable[[Iterable], Iterable] | None = None) -> Prepared:
    """Open and sniff the file, choose its mapping and settle its date order; raise ValidationError for a file
    that cannot be read at all or a mapping that does not fit it."""
    file = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refuse(str(path), f"cannot be read: {exc.strerror or exc}") from None
    kpis, kpi_ids = kpi_catalogue(session)
    try:
        table = Table(path, sheet=options.sheet, encoding=options.encoding, header_hint=header_hint(kpis))
    except TableError as exc:
        raise _refuse(file, str(exc)) from None
    header = list(table.info.header)
    signature = header_signature(header)
    try:
        sample = table.sample()
    except TableError as exc:
        raise _refuse(file, str(exc)) from None
    preset = None
    saved = None
    detected: Mapping | None = None
    if mapping is None:
        try:
            if options.mapping is not None:
                mapping = parse_mapping(options.mapping, header, kpis, source="given")
            elif options.preset:
                preset = preset_rules.find(options.preset, presets)
                mapping = preset_rules.apply(preset, header, kpis)
        except ValueError as exc:
            raise _refuse(file, str(exc)) from None
        if mapping is None:
            saved_row = session.scalar(select(ImportMapping).where(ImportMapping.header_signature == signature)
                                       .order_by(ImportMapping.last_used_at.desc(), ImportMapping.id.desc()))
            if saved_row is not None:
                try:
                    mapping = parse_mapping(json.loads(saved_row.mapping_json), header, kpis, source="saved")
                    saved = saved_row.name
                except ValueError:
                    mapping = None
        if mapping is None:
            preset = preset_rules.recognise(header, presets)
            if preset is not None:
                mapping = preset_rules.apply(preset, header, kpis)
        detected = propose(header, [cells for _row, cells in sample], kpis)
        if mapping is None:
            mapping = detected
        elif mapping.source == "preset":
            mapping = merge(mapping, detected)
    elif mapping.preset:
        preset = next((p for p in presets if p.name == mapping.preset), None)
    if options.create_kpis and any(c.kpi and c.kpi not in kpis for c in mapping.columns):
        # a previewed mapping names the KPIs the preview would add: add them again in this transaction
        mapping = replace(mapping, columns=tuple(replace(c, field=IGNORE) if c.kpi and c.kpi not in kpis else c
                                                 for c in mapping.columns))
    period = None
    if options.period_start or options.period_end:
        if not (options.period_start and options.period_end):
            raise _refuse(file, "a period needs both a start and an end date")
        if options.period_end < options.period_start:
            raise _refuse(file, f"the period ends ({options.period_end}) before it starts ({options.period_start})")
        period = (options.period_start, options.period_end)
    cells = [c for _row, c in sample]
    left = left_out(mapping, cells, (detected or propose(header, cells, kpis)).notes)
    created: tuple[str, ...] = ()
    if options.create_kpis and any(item.new_kpi_unit for item in left):
        mapping, left, created = _create_kpis(session, mapping, left)
        kpis, kpi_ids = kpi_catalogue(session)
    suggested = None
    if period is None and not mapping.has_dates:
        suggested = suggest_period(table.info.preamble, file, options.date_order)
        if suggested is not None and options.auto:
            period = suggested[0]
            mapping = replace(mapping, notes=(*mapping.notes, (
                f"no date column: the period {_span_words(period)} was read from {suggested[1]} (accepted with "
                "--auto; give --period-start and --period-end if it is wrong)")))
    missing = mapping.missing(period is not None)
    if suggested is not None and period is None:
        missing = [f"when: no date or interval column; {suggested[1]} gives the period {_span_words(suggested[0])}:"
                   f" confirm it with --period-start {suggested[0][0]} --period-end {suggested[0][1]} (or --auto)"
                   if item.startswith("when:") else item for item in missing]
    if decisions is None:
        rows = table.rows(SkipLog())
        try:
            if options.preview_rows:  # a first look settles what its own rows show
                rows = islice(rows, options.preview_rows)
            decisions = prescan(file, mapping, kpis, tick(rows) if tick else rows, table.info.decimal,
                                options.date_order) if not missing else Decisions()
        except TableError as exc:
            raise _refuse(file, str(exc)) from None
    shown = tuple((row, tuple("" if c is None else str(c) for c in cells)) for row, cells in sample[:SAMPLE_ROWS])
    digest = "" if options.preview_rows else file_digest(path)  # a first look skips hashing the whole file
    return Prepared(path, file, size, digest, table, kpis, kpi_ids, mapping, signature, preset, decisions,
                    period, missing, saved, shown, tuple(left), created, suggested)


def _span_words(period: tuple[date, date]) -> str:
    return str(period[0]) if period[0] == period[1] else f"{period[0]} to {period[1]}"


_FORMATS = {"percent": ("0.0%", Aggregation.MEAN), "seconds": ("m:ss", Aggregation.MEAN),
            "count": ("0", Aggregation.SUM), "score": ("0.00", Aggregation.MEAN)}


def _create_kpis(session: Session, mapping: Mapping, left: list[LeftOut]) -> tuple[Mapping, list[LeftOut], tuple]:
    """Add a catalogue KPI for each left-out column of figures (unit from its values) and map the column to it."""
    taken = set(session.scalars(select(KpiDefinition.code)))
    order = (session.scalar(select(func.max(KpiDefinition.sort_order))) or 0) + 1
    by_column: dict[str, str] = {}
    for item in left:
        if item.new_kpi_unit is None:
            continue
        code = kpi_code(item.column, taken)
        taken.add(code)
        display, aggregation = _FORMATS[item.new_kpi_unit]
        session.add(KpiDefinition(
            code=code, name=item.column.strip()[:200], unit=Unit(item.new_kpi_unit),
            description=f"Added by a KPI import from the column {item.column!r}; its unit was read from the values "
                        "and its direction assumed (higher is better): check both in the KPI catalogue.",
            direction=Direction.HIGHER_IS_BETTER, display_format=display, aggregation=aggregation, sort_order=order))
        order += 1
        by_column[item.column] = code
    session.flush()
    columns = tuple(replace(c, field=KPI_PREFIX + by_column[c.column], confidence=1.0)
                    if c.field == IGNORE and c.column in by_column else c for c in mapping.columns)
    notes = tuple(f"new KPI {code} ({_UNIT_WORDS[next(i.new_kpi_unit for i in left if i.column == column)]}) "
                  f"added for the column {column!r}; direction assumed higher-is-better"
                  for column, code in by_column.items())
    mapping = replace(mapping, columns=columns, notes=(*mapping.notes, *notes))
    return mapping, [i for i in left if i.column not in by_column], tuple(by_column.values())


_UNIT_WORDS = {"percent": "a percentage", "seconds": "a duration", "count": "a count", "score": "a number"}


class Pass:
    """One streamed pass of figures through people matching and duplicate checks, writing when ``batch_id`` is
    set (the caller's transaction) and only counting otherwise."""

    def __init__(self, session: Session, prepared: Prepared, options, *, batch_id: int | None,  # noqa: ANN001
                 progress: Progress | None = None, cancelled: Cancelled | None = None, base: float = 0.0) -> None:
        self.session = session
        self.prep = prepared
        self.options = options
        self.batch_id = batch_id
        self.write = batch_id is not None
        self.progress = progress
        self.cancelled = cancelled
        self.base = base
        self.out = Outcome()
        self.rows_read = 0
        self.duplicate_problems: list[Problem] = []
        self.conn = session.connection()
        self.resolver = PeopleResolver(session, create=options.create_agents, choices=options.people,
                                       id_system=options.id_system, write=self.write, source=prepared.file)
        kpi_ids = list(prepared.kpi_ids.values())
        self.check_stored = session.scalar(select(KpiFigure.id).where(KpiFigure.kpi_id.in_(kpi_ids)).limit(1)) \
            is not None

    def tick(self, records: int) -> None:
        """Every few thousand records: count them, honour the cancel flag, report progress."""
        self.rows_read += records
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled("The import was cancelled; nothing was written.")
        if self.progress is not None:
            self.progress(self.base + (1.0 - self.base) * 0.95 * self.prep.table.fraction, "Reading")

    def run(self) -> Outcome:
        try:
            if not self.write:
                return self._run()
            with bulk.wide_cache(self.conn):
                return self._run()
        except TableError as exc:  # the file turned out unreadable past the part sniffing saw
            raise _refuse(self.prep.file, str(exc)) from None

    def _run(self) -> Outcome:
        prep, out = self.prep, self.out
        skipped = SkipLog()
        reader = ShapeReader(prep.file, prep.mapping, prep.kpis, prep.table.info.decimal, prep.decisions,
                             prep.period)
        rows = prep.table.rows(skipped, tick=self.tick, every=TICK_ROWS)
        source = rows
        limit = None if self.write else getattr(self.options, "preview_rows", None)
        if limit:
            rows = islice(rows, limit)
        resolve, kpi_ids, by_kpi = self.resolver.resolve, prep.kpi_ids, out.by_kpi
        # A preview finds repeated figures itself; a commit leaves that to the unique index (see flush).
        seen: set[tuple] | None = None if self.write else set()
        chunk: list[tuple] = []
        sample, settled = out.sample, self.resolver.settled.get
        for row, agent, code, start, end, value in reader.figures(rows):
            person = settled(agent)
            if person is None:
                person = resolve(agent, row)
                if person is None:
                    out.not_stored += 1
                    continue
            kpi_id = kpi_ids[code]
            if seen is not None:
                key = (person, kpi_id, start, end)
                if key in seen:
                    reader.problems.add(Problem(prep.file, row, "", (
                        f"repeats the {code} figure for {agent_label(agent)} for {_period_text(start, end)} given "
                        "earlier in the file")))
                    continue
                seen.add(key)
            by_kpi[code] += 1
            if len(sample) < SAMPLE_FIGURES:
                sample.append(FigurePreview(row, agent_label(agent), code, start, end, value,
                                            "create" if person < 0 else "matched"))
            chunk.append((person, kpi_id, start, end, value, row))
            if len(chunk) >= CHUNK:
                self.flush(chunk, reader.problems.count)
                chunk = []
        self.flush(chunk, reader.problems.count)
        out.partial = bool(limit) and next(source, None) is not None  # rows left after the first look
        source.close()  # a first look leaves the rest of the file unread: close it now
        out.rows_read = max(self.rows_read, limit or 0) if out.partial else self.rows_read
        out.figures = sum(by_kpi.values())
        out.problems = list(reader.problems.kept) + self.duplicate_problems
        out.problem_count = reader.problems.count + len(self.duplicate_problems)
        out.warnings = reader.missing.warnings() + reader.warnings
        out.rules = list(prep.decisions.rules.values()) + reader.rules()
        for log in (skipped, reader.skipped):
            out.skipped.update(log.counts)
            for reason, rows in log.rows.items():
                out.skipped_rows.setdefault(reason, []).extend(rows)
        out.unknown = self.resolver.unknown()
        for person in out.unknown:
            if person.status != "create":
                reason = "agent not in the database" if person.status == "unknown" else \
                    "agent near a known person: waiting for a choice" if person.status.startswith("near match") \
                    else f"agent left out ({person.status})"
                out.skipped[reason] += person.rows
                out.skipped_rows.setdefault(reason, []).append(person.first_row)
        out.matched_people = self.resolver.matched
        out.created, out.mapped = self.resolver.created, self.resolver.mapped
        if self.write:
            self.session.flush()
            out.added = {"people": list(self.resolver.created_uuids),
                         "aliases": [a.id for a in self.resolver.added_aliases],
                         "external_ids": [e.id for e in self.resolver.added_ids],
                         "kpis": list(self.prep.created_kpis)}
        if self.progress is not None:
            self.progress(1.0, "Done")
        return out

    def flush(self, chunk: list[tuple], problems: int) -> None:
        if not chunk:
            return
        out, policy = self.out, self.options.on_duplicate
        first, last = min(f[2] for f in chunk), max(f[3] for f in chunk)
        if out.first_day is None or first < out.first_day:
            out.first_day = first
        if out.last_day is None or last > out.last_day:
            out.last_day = last
        fresh = chunk
        if self.check_stored:
            real = [f for f in chunk if f[0] > 0]
            stored = bulk.stored_figures(self.conn, {f[0] for f in real}, {f[1] for f in real},
                                         min((f[2] for f in real), default=date.max),
                                         max((f[2] for f in real), default=date.min)) if real else []
            if stored:
                index = {(p, k, s, e): (fid, v, b) for fid, p, k, s, e, v, b in stored}
                fresh, updates = [], []
                for figure in chunk:
                    hit = index.get(figure[:4])
                    if hit is None:
                        fresh.append(figure)
                        continue
                    if self.write and hit[2] == self.batch_id:
                        raise RepeatedInFile(figure[5])
                    out.duplicates += 1
                    if len(out.duplicate_sample) < DUPLICATES_KEPT:
                        out.duplicate_sample.append(self._describe_duplicate(figure, hit[1]))
                    if policy == SKIP:
                        out.duplicates_skipped += 1
                    elif policy == REPLACE:
                        updates.append((hit[0], figure[4], self.batch_id))
                        if self.write and len(out.replaced_values) < REPLACED_KEPT:
                            out.replaced_values.append((*figure[:4], hit[1], hit[2]))
                    elif self.write:
                        self._fail_duplicate(figure, hit[1])
                if self.write and not problems:
                    out.replaced += bulk.replace_values(self.conn, updates)
        if self.write and not problems and not self.duplicate_problems:
            batch = self.batch_id
            try:
                out.stored += bulk.insert_figures(self.conn,
                                                  [(p, k, s, e, v, batch) for p, k, s, e, v, _r in fresh])
            except IntegrityError:
                raise RepeatedInFile(chunk[0][5]) from None
        if self.progress is not None:
            self.progress(self.base + (1.0 - self.base) * 0.95 * self.prep.table.fraction, "Writing")

    def _describe_duplicate(self, figure: tuple, old: float) -> str:
        code = next(c for c, i in self.prep.kpi_ids.items() if i == figure[1])
        return (f"row {figure[5]}: {code} for person #{figure[0]}, {_period_text(figure[2], figure[3])}: "
                f"stored {old:g}, file {figure[4]:g}")

    def _fail_duplicate(self, figure: tuple, old: float) -> None:
        code = next(c for c, i in self.prep.kpi_ids.items() if i == figure[1])
        if len(self.duplicate_problems) >= 200:
            return
        self.duplicate_problems.append(Problem(self.prep.file, figure[5], code, (
            f"a {code} figure for {_period_text(figure[2], figure[3])} is already stored for this person "
            f"({old:g}); choose replace or skip for figures already stored")))


def _period_text(start: date, end: date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"
