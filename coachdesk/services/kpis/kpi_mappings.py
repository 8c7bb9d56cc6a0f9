"""What the KPI import screen needs beside the engine: mapping columns to edit, saved mappings, and stored figures.

``mapping_columns(plan)`` turns a preview's mapping into light rows an editor can change, ``mapping_json`` turns
them back into the JSON form ``ImportOptions.mapping`` takes; ``list_saved_mappings`` / ``forget_mapping`` manage
the mappings kept for the next file with the same header (``figures_overview`` moved to ``kpi_figures``);
``refusal`` says in one sentence why a previewed file cannot be imported yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from coachdesk.domain.enums import Unit
from coachdesk.domain.text import printable, shorten_list
from coachdesk.importers import mapping as m
from coachdesk.importers.dates import ORDERS
from coachdesk.importers.sniff import normalise_header
from coachdesk.services.kpis.kpi_figures import FiguresOverview as FiguresOverview  # the KPIs page's, here before
from coachdesk.services.kpis.kpi_figures import KpiTotals as KpiTotals
from coachdesk.services.kpis.kpi_figures import figures_overview as figures_overview
from coachdesk.services.kpis.kpi_import_types import ImportPlan
from coachdesk.services.kpis.kpi_saved_mappings import SavedMapping as SavedMapping  # here before
from coachdesk.services.kpis.kpi_saved_mappings import forget_mapping as forget_mapping
from coachdesk.services.kpis.kpi_saved_mappings import list_saved_mappings as list_saved_mappings
from coachdesk.storage.database import Database
from coachdesk.storage.models import KpiDefinition

#: The file shapes a mapping can name, and the date orders a user can give.
SHAPES: tuple[str, ...] = m.SHAPES
SUMMARY, LONG, INTERACTIONS = m.SUMMARY, m.LONG, m.INTERACTIONS
DATE_ORDERS: tuple[str, ...] = ORDERS
IGNORE = m.IGNORE
KPI_PREFIX = m.KPI_PREFIX
#: How plain numbers in a duration column are read, and bare numbers in a percentage column.
DURATION_UNITS = ("seconds", "minutes", "hours", "milliseconds")
PERCENT_SCALES = ("fraction", "percent")
DURATION, PERCENT = "duration", "percent"

_WHO = (m.AGENT_NAME, m.AGENT_ID, m.EMAIL, m.FIRST_NAME, m.LAST_NAME)
_WHEN = (m.DATE, m.TIME, m.INTERVAL_START, m.INTERVAL_END)
_FIELDS = {
    SUMMARY: (*_WHO, *_WHEN, *m.RATE_OF_COUNT),
    LONG: (*_WHO, *_WHEN, m.KPI_NAME, m.VALUE),
    INTERACTIONS: (*_WHO, *_WHEN, *m.CALL_FIELDS),
}
EXAMPLES = 3


@dataclass(frozen=True)
class MappingColumn:
    """One column of the file as the mapping editor shows it."""

    index: int
    header: str
    field: str
    unit: str | None
    scale: str | None
    confidence: float
    #: first filled values of the column in the file
    examples: tuple[str, ...]
    #: False for a blank header or a header repeated earlier in the file (a mapping names columns by header)
    editable: bool = True

    @property
    def kpi(self) -> str | None:
        return self.field[len(KPI_PREFIX):] if self.field.startswith(KPI_PREFIX) else None


@dataclass(frozen=True)
class KpiChoice:
    code: str
    name: str
    unit: Unit
    display_format: str


# -- the mapping editor ------------------------------------------------------------------------------------------
def fields_for(shape: str) -> tuple[str, ...]:
    """The fields other than KPIs that a column can feed in a file of ``shape`` (``IGNORE`` first)."""
    return (IGNORE, *_FIELDS.get(shape, _FIELDS[SUMMARY]))


def catalogue_kpis(db: Database) -> list[KpiChoice]:
    """Active catalogue KPIs, in catalogue order: what a summary column can be mapped to."""
    with db.session() as session:
        rows = session.execute(select(KpiDefinition.code, KpiDefinition.name, KpiDefinition.unit,
                                      KpiDefinition.display_format)
                               .where(KpiDefinition.is_active.is_(True))
                               .order_by(KpiDefinition.sort_order, KpiDefinition.code)).all()
    return [KpiChoice(*row) for row in rows]


def value_kind(field: str, kpis: dict[str, KpiChoice]) -> str | None:
    """``DURATION`` or ``PERCENT`` when a column feeding ``field`` can say how its plain numbers read, else None."""
    if field in m.DURATION_FIELDS:
        return DURATION
    code = field[len(KPI_PREFIX):] if field.startswith(KPI_PREFIX) else None
    kpi = kpis.get(code) if code else None
    if kpi is None:
        return None
    return {Unit.SECONDS: DURATION, Unit.PERCENT: PERCENT}.get(Unit(kpi.unit))


def mapping_columns(plan: ImportPlan) -> list[MappingColumn]:
    """Every column of the previewed file with the field it feeds, its confidence and a few example values."""
    seen: set[str] = set()
    out = []
    for column in plan.mapping.columns:
        key = normalise_header(column.column)
        editable = bool(key) and key not in seen
        seen.add(key)
        examples = []
        for _row, cells in plan.sample_rows:
            value = cells[column.index].strip() if column.index < len(cells) else ""
            if value and value not in examples:
                examples.append(value)
            if len(examples) >= EXAMPLES:
                break
        out.append(MappingColumn(column.index, column.column, column.field, column.unit, column.scale,
                                 column.confidence, tuple(examples), editable))
    return out


def mapping_json(columns: list[MappingColumn], shape: str, base: dict | None = None) -> dict:
    """The JSON form of an edited mapping (what ``ImportOptions.mapping`` takes); derived KPIs, the CSAT rule and
    the preset name are kept from ``base``, the mapping the preview used."""
    data: dict[str, object] = {"format": "coachdesk.import-mapping", "version": 1, "shape": shape, "columns": {}}
    entries: dict[str, object] = {}
    for column in columns:
        if column.field == IGNORE or not column.editable:
            continue
        entry: dict[str, object] = {"field": column.field}
        if column.unit:
            entry["unit"] = column.unit
        if column.scale:
            entry["scale"] = column.scale
        entries[column.header] = entry if len(entry) > 1 else column.field
    data["columns"] = entries
    for key in ("derive", "csat_rule", "preset"):
        if base and key in base:
            data[key] = base[key]
    return data


# -- why a previewed file cannot be imported yet -------------------------------------------------------------------
def refusal(plan: ImportPlan) -> str | None:
    """The sentence (file, row, column, reason) saying why ``plan`` cannot be imported as it is, or None."""
    if plan.missing:
        # the GUI asks for the period itself: leave out the command line's option names
        reason = "; ".join(item.replace(" (--period-start/--period-end)", "") for item in plan.missing)
        if any(item.startswith("what") for item in plan.missing):
            if plan.preset_label and plan.no_kpi_reason:
                return f"{plan.file}: nothing to import: recognised as a {plan.preset_label}, and {plan.no_kpi_reason}"
            columns = shorten_list([h for h in plan.header if h.strip()])
            return (f"{plan.file}: nothing to import: none of its columns ({columns}) is a KPI that the catalogue "
                    f"knows; {printable(reason, 400)}")
        return f"{plan.file}: cannot import: the file lacks {reason}"
    if plan.problems:
        shown = "; ".join(str(p) for p in plan.problems[:3])
        more = f"; and {plan.problem_count - 3} more" if plan.problem_count > 3 else ""
        return (f"{plan.file}: nothing can be imported because of {plan.problem_count} "
                f"problem{'s' if plan.problem_count != 1 else ''}: {shown}{more}")
    if plan.figures == 0:
        skipped = ", ".join(f"{reason} ({count})" for reason, count in plan.skipped.items())
        return f"{plan.file}: no figure to store" + (f"; rows left out: {skipped}" if skipped else "")
    return None
