"""The KPI import's options, plan, result and refusal types, shared by the import service, the CLI and the GUI."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping as MappingType
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import Enum

from coachdesk.domain.errors import ValidationError
from coachdesk.importers.columns import LeftOut
from coachdesk.importers.dates import ORDERS
from coachdesk.importers.mapping import Mapping
from coachdesk.importers.shapes import Decisions, Problem
from coachdesk.services.kpis.kpi_import_people import UnknownPerson
from coachdesk.services.kpis.kpi_import_run import FAIL, REPLACE, SKIP, FigurePreview

DUPLICATE_POLICIES = (REPLACE, SKIP, FAIL)
#: How many problems a refusal's message names before "and N more".
MESSAGE_PROBLEMS = 5


def _plain(value: object) -> object:
    """JSON-ready: dates as ISO text, enums as values, dataclasses and tuples unpacked."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


@dataclass(frozen=True)
class ImportOptions:
    """How to read and store a file. ``mapping`` is the JSON form (header -> field); ``people`` maps an unknown
    agent's key (``UnknownPerson.key``) to "create", "skip" or the UUID of the person it is."""

    auto: bool = False
    preset: str | None = None
    mapping: dict | None = None
    date_order: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    on_duplicate: str = FAIL
    create_agents: bool = False
    dry_run: bool = False
    #: import a file whose identical copy (same SHA-256) was imported before
    force: bool = False
    people: MappingType[str, str] = field(default_factory=dict)
    #: the system under which new agents' ids are stored as external ids
    id_system: str = "acd"
    sheet: str | None = None
    #: the file's text encoding (a Python codec name); None: detected
    encoding: str | None = None
    #: create a KPI for each metric column no catalogue KPI matches, with the unit its values show
    create_kpis: bool = False
    #: a preview reads only this many data rows (a first look at a big file; the plan says it is partial)
    preview_rows: int | None = None
    #: keep the mapping, to be offered for the next file with the same header
    remember_mapping: bool = False
    mapping_name: str | None = None

    def checked(self) -> ImportOptions:
        if self.on_duplicate not in DUPLICATE_POLICIES:
            raise ValidationError(f"on_duplicate must be one of {', '.join(DUPLICATE_POLICIES)}, "
                                  f"not {self.on_duplicate!r}")
        if self.date_order is not None and self.date_order.casefold() not in ORDERS:
            raise ValidationError(f"date order must be one of {', '.join(ORDERS)}, not {self.date_order!r}")
        if self.date_order is not None and self.date_order != self.date_order.casefold():
            return replace(self, date_order=self.date_order.casefold())
        return self


@dataclass(frozen=True)
class EarlierBatch:
    uuid: str
    file_name: str
    finished_at: datetime | None
    figures: int


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file would do; nothing has been written."""

    file: str
    path: str
    sha256: str
    size: int
    options: ImportOptions
    encoding: str
    delimiter: str
    #: how the encoding was found (given, a byte-order mark, valid UTF-8, detected)
    encoding_note: str
    decimal: str
    sheet: str | None
    header: tuple[str, ...]
    header_row: int
    preamble: tuple[str, ...]
    mapping: Mapping
    header_signature: str
    preset: str | None
    preset_label: str | None
    saved_mapping: str | None
    #: what the file lacks for an import (who, when, what); empty when it can be imported
    missing: tuple[str, ...]
    date_order: str | None
    date_order_source: str
    date_evidence: str
    needs_date_order: bool
    rows_read: int = 0
    figures: int = 0
    figures_by_kpi: dict[str, int] = field(default_factory=dict)
    first_day: date | None = None
    last_day: date | None = None
    skipped: dict[str, int] = field(default_factory=dict)
    skipped_rows: dict[str, list[int]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    problem_count: int = 0
    warnings: tuple[str, ...] = ()
    unknown_people: tuple[UnknownPerson, ...] = ()
    matched_people: int = 0
    people_to_create: tuple[str, ...] = ()
    duplicates: int = 0
    duplicate_sample: tuple[str, ...] = ()
    earlier_batches: tuple[EarlierBatch, ...] = ()
    sample: tuple[FigurePreview, ...] = ()
    decisions: Decisions | None = None
    no_kpi_reason: str | None = None
    #: the first data rows as text (row number, cells), for the mapping editor
    sample_rows: tuple[tuple[int, tuple[str, ...]], ...] = ()
    #: every named column not imported, with why and how to map it
    left_out: tuple[LeftOut, ...] = ()
    #: KPIs the import adds (``create_kpis``)
    created_kpis: tuple[str, ...] = ()
    #: how values are read or converted, one line per column or KPI ("'CSAT': 87 read as 87 %, ...")
    rules: tuple[str, ...] = ()
    #: for a file without dates: the period its title rows or name give, and where, for the user to confirm
    suggested_period: tuple[tuple[date, date], str] | None = None
    #: only the first ``options.preview_rows`` rows were read: counts are a first look, not the file's
    partial: bool = False

    @property
    def mapping_json(self) -> dict:
        return self.mapping.to_json()

    @property
    def can_commit(self) -> bool:
        return not self.missing and not self.problems and not self.needs_date_order and self.figures > 0 \
            and not self.partial

    def as_dict(self) -> dict:
        """The plan, JSON-ready (the mapping in its JSON form; internal decisions left out)."""
        data = {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)
                if f.name not in ("mapping", "decisions", "options")}
        data["mapping"] = self.mapping_json
        data["problems"] = [str(p) for p in self.problems]
        return data


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    file: str
    sha256: str
    batch_uuid: str | None
    dry_run: bool
    rows_read: int
    figures_planned: int
    figures_stored: int
    figures_replaced: int
    duplicates_skipped: int
    skipped: dict[str, int]
    people_created: tuple[str, ...]
    people_mapped: tuple[str, ...]
    unknown_people: tuple[UnknownPerson, ...]
    warnings: tuple[str, ...]
    mapping: dict
    preset: str | None
    date_order: str | None
    first_day: date | None
    last_day: date | None
    figures_by_kpi: dict[str, int]
    left_out: tuple[LeftOut, ...] = ()
    created_kpis: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    encoding: str = ""

    @property
    def rows_skipped(self) -> int:
        return sum(self.skipped.values())

    def as_dict(self) -> dict:
        """Everything, JSON-ready (for ``--format json``)."""
        data = _plain(self)
        data["rows_skipped"] = self.rows_skipped
        return data


@dataclass(frozen=True)
class UndoResult:
    batch_uuid: str
    file_name: str
    figures_deleted: int
    figures_restored: int
    #: what else the undo removed (people, aliases, external ids, KPIs the batch created), one line each
    removed: tuple[str, ...] = ()
    #: what the batch created but the undo kept, with why ("Ann Lee: 3 observations refer to them")
    kept: tuple[str, ...] = ()


class ImportRejected(ValidationError):
    """The file has problems (unreadable cells, ambiguous dates, duplicates under "fail"); nothing was written."""

    def __init__(self, file: str, problems: list[Problem], count: int) -> None:
        self.file = file
        self.problems = tuple(problems)
        self.count = count
        shown = "; ".join(str(p) for p in problems[:MESSAGE_PROBLEMS])
        more = f"; and {count - MESSAGE_PROBLEMS} more" if count > MESSAGE_PROBLEMS else ""
        super().__init__(f"{file}: nothing was imported because of {count} problem{'s' if count != 1 else ''}: "
                         f"{shown}{more}")
