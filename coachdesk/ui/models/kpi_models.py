"""Table models of the KPI import preview (mapping, people, problems, skipped rows, figures, rows), without widgets."""


from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.text import name_key
from coachdesk.services.kpis import (
    DURATION,
    DURATION_UNITS,
    IGNORE,
    KPI_PREFIX,
    PERCENT,
    PERCENT_SCALES,
    KpiChoice,
    MappingColumn,
    UnknownPerson,
    fields_for,
    value_kind,
)
from coachdesk.ui.kit.tables import Column
from coachdesk.ui.kit.words import period_text
from coachdesk.ui.models.people_models import ListModel

_CONTEXT = "KpiModels"
#: Role giving the (value, label) pairs an editor offers for a cell.
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 10
#: Role telling the editor to offer a search box (long lists such as people).
SEARCHABLE_ROLE = Qt.ItemDataRole.UserRole + 11
CREATE, SKIP = "create", "skip"

_Index = QModelIndex | QPersistentModelIndex

_FIELD_LABELS = {
    IGNORE: QT_TRANSLATE_NOOP("KpiModels", "(not imported)"),
    "agent_name": QT_TRANSLATE_NOOP("KpiModels", "Agent name"),
    "agent_id": QT_TRANSLATE_NOOP("KpiModels", "Agent id (login)"),
    "email": QT_TRANSLATE_NOOP("KpiModels", "Agent e-mail"),
    "first_name": QT_TRANSLATE_NOOP("KpiModels", "Agent first name"),
    "last_name": QT_TRANSLATE_NOOP("KpiModels", "Agent last name"),
    "date": QT_TRANSLATE_NOOP("KpiModels", "Date"),
    "time": QT_TRANSLATE_NOOP("KpiModels", "Time of day"),
    "interval_start": QT_TRANSLATE_NOOP("KpiModels", "Period start"),
    "interval_end": QT_TRANSLATE_NOOP("KpiModels", "Period end"),
    "kpi_name": QT_TRANSLATE_NOOP("KpiModels", "KPI name (long file)"),
    "value": QT_TRANSLATE_NOOP("KpiModels", "KPI value (long file)"),
    "call_id": QT_TRANSLATE_NOOP("KpiModels", "Contact id"),
    "answered": QT_TRANSLATE_NOOP("KpiModels", "Answered (yes/no)"),
    "abandoned": QT_TRANSLATE_NOOP("KpiModels", "Abandoned (yes/no)"),
    "resolved": QT_TRANSLATE_NOOP("KpiModels", "Resolved (yes/no)"),
    "transferred": QT_TRANSLATE_NOOP("KpiModels", "Transferred (yes/no)"),
    "speed_of_answer": QT_TRANSLATE_NOOP("KpiModels", "Speed of answer"),
    "talk": QT_TRANSLATE_NOOP("KpiModels", "Talk time"),
    "hold": QT_TRANSLATE_NOOP("KpiModels", "Hold time"),
    "acw": QT_TRANSLATE_NOOP("KpiModels", "After-call work"),
    "handle": QT_TRANSLATE_NOOP("KpiModels", "Handle time"),
    "rating": QT_TRANSLATE_NOOP("KpiModels", "Satisfaction rating"),
    "count:transferred": QT_TRANSLATE_NOOP("KpiModels", "Transferred contacts (count)"),
    "count:resolved": QT_TRANSLATE_NOOP("KpiModels", "Resolved contacts (count)"),
}
_READS_AS = {
    None: QT_TRANSLATE_NOOP("KpiModels", "as written"),
    "seconds": QT_TRANSLATE_NOOP("KpiModels", "numbers are seconds"),
    "minutes": QT_TRANSLATE_NOOP("KpiModels", "numbers are minutes"),
    "hours": QT_TRANSLATE_NOOP("KpiModels", "numbers are hours"),
    "milliseconds": QT_TRANSLATE_NOOP("KpiModels", "numbers are milliseconds"),
    "fraction": QT_TRANSLATE_NOOP("KpiModels", "numbers are fractions (0.87)"),
    "percent": QT_TRANSLATE_NOOP("KpiModels", "numbers are percents (87)"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def field_label(field: str, kpis: dict[str, KpiChoice]) -> str:
    """A field as the user reads it: "KPI: AHT – Average handle time", "Agent name"..."""
    if field.startswith(KPI_PREFIX):
        code = field[len(KPI_PREFIX):]
        kpi = kpis.get(code)
        return _tr("KPI: {code} – {name}").format(code=code, name=kpi.name) if kpi else _tr("KPI: {code}").format(
            code=code)
    label = _FIELD_LABELS.get(field)
    return _tr(label) if label else field


def reads_as_label(value: str | None) -> str:
    return _tr(_READS_AS.get(value, value or ""))


# -- the mapping -------------------------------------------------------------------------------------------------
class MappingModel(ListModel):
    """``MappingColumn`` rows; the field and how plain numbers read are editable, and every edit emits ``edited``."""

    COLUMN, EXAMPLES, FIELD, READS_AS, CONFIDENCE = range(5)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("KpiModels", "Column in the file"), lambda r: r.header or _tr("(no name)"),
               lambda r: r.index),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Example values"), lambda r: " · ".join(r.examples),
               tooltip=lambda r: "\n".join(r.examples)),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Imported as"), lambda r: r.field),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Numbers"), lambda r: r.unit or r.scale or ""),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Confidence"),
               lambda r: f"{round(r.confidence * 100)}%" if r.field != IGNORE and r.confidence else "",
               lambda r: r.confidence, align_right=True),
    )
    TR_CONTEXT = _CONTEXT
    edited = Signal()

    def __init__(self, kpis: list[KpiChoice] | None = None, parent: Any = None) -> None:
        super().__init__((), parent)
        self.kpis = {k.code: k for k in kpis or ()}
        self.shape = "summary"

    def set_mapping(self, columns: list[MappingColumn], shape: str) -> None:
        self.shape = shape
        self.set_rows(columns)

    def columns(self) -> list[MappingColumn]:
        return list(self.rows())

    def dimmed(self, item: MappingColumn) -> bool:
        return item.field == IGNORE or not item.editable

    def kind(self, item: MappingColumn) -> str | None:
        return value_kind(item.field, self.kpis)

    def field_choices(self) -> list[tuple[str, str]]:
        plain = [(f, field_label(f, self.kpis)) for f in fields_for(self.shape)]
        if self.shape != "summary":
            return plain
        return plain[:1] + [(KPI_PREFIX + code, field_label(KPI_PREFIX + code, self.kpis)) for code in self.kpis] + \
            plain[1:]

    def reads_as_choices(self, item: MappingColumn) -> list[tuple[str | None, str]]:
        kind = self.kind(item)
        values = DURATION_UNITS if kind == DURATION else PERCENT_SCALES if kind == PERCENT else ()
        return [(None, reads_as_label(None))] + [(v, reads_as_label(v)) for v in values]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        item: MappingColumn = self.row_at(index.row())
        column = index.column()
        if column == self.FIELD:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return field_label(item.field, self.kpis)
            if role == Qt.ItemDataRole.EditRole:
                return item.field
            if role == CHOICES_ROLE:
                return self.field_choices()
            if role == SEARCHABLE_ROLE:
                return True
        if column == self.READS_AS and self.kind(item) is not None:
            value = item.unit if self.kind(item) == DURATION else item.scale
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return reads_as_label(value)
            if role == Qt.ItemDataRole.EditRole:
                return value
            if role == CHOICES_ROLE:
                return self.reads_as_choices(item)
        if role == Qt.ItemDataRole.ToolTipRole and not item.editable:
            return _tr("This column has no name, or the same name as an earlier column, so it cannot be mapped.")
        return super().data(index, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        item: MappingColumn = self.row_at(index.row())
        if item.editable and (index.column() == self.FIELD or
                              (index.column() == self.READS_AS and self.kind(item) is not None)):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.flags(index) & \
                Qt.ItemFlag.ItemIsEditable:
            return False
        item: MappingColumn = self.row_at(index.row())
        if index.column() == self.FIELD:
            if value == item.field:
                return False
            changed = replace(item, field=str(value), confidence=1.0)
            if self.kind(changed) != self.kind(item):
                changed = replace(changed, unit=None, scale=None)
        else:
            value = value or None
            changed = replace(item, unit=value) if self.kind(item) == DURATION else replace(item, scale=value)
            if changed == item:
                return False
        self.replace_row(index.row(), changed)
        self.edited.emit()
        return True

    def set_field(self, header: str, field: str) -> bool:
        """Map the column named ``header`` to ``field`` (as an edit in the table would)."""
        for number, item in enumerate(self.rows()):
            if item.header == header:
                return self.setData(self.index(number, self.FIELD), field)
        return False


# -- people ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PersonChoice:
    """An agent the file names whom nobody matches, and what to do: create, skip, or a person's UUID."""

    key: str
    label: str
    rows: int
    first_row: int
    status: str
    choice: str
    #: for a near match: (UUID, name, why) of the people the agent may be
    candidates: tuple[tuple[str, str, str], ...] = ()


#: The choice of a near match nobody has decided yet: the import waits for it.
UNDECIDED = ""


def _status_text(status: str) -> str:
    """The engine's finding about an agent: not found, or why they could not be matched (e.g. ambiguous)."""
    if status.startswith("near match: "):
        return _tr("Near {names}").format(names=status[len("near match: "):].split("; choose")[0])
    return _tr("Not in CoachDesk") if status in ("unknown", CREATE, SKIP) else status


class PeopleChoicesModel(ListModel):
    """Unknown agents with a choice each: create a person, leave them out, or map them to someone."""

    AGENT, ROWS, FIRST_ROW, STATUS, CHOICE = range(5)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("KpiModels", "Agent in the file"), lambda r: r.label, lambda r: name_key(r.label)),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Rows"), lambda r: f"{r.rows:,}", lambda r: r.rows, align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModels", "First row"), lambda r: str(r.first_row), lambda r: r.first_row,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Found"), lambda r: _status_text(r.status)),
        Column(QT_TRANSLATE_NOOP("KpiModels", "What to do"), lambda r: r.choice),
    )
    TR_CONTEXT = _CONTEXT
    edited = Signal()

    def __init__(self, people: list[tuple[str, str]] | None = None, parent: Any = None) -> None:
        super().__init__((), parent)
        self.set_people(people or [])
        self.default_choice = CREATE

    def set_people(self, people: list[tuple[str, str]]) -> None:
        """``(uuid, label)`` of everyone an agent can be mapped to."""
        self.people = list(people)
        self._names = dict(people)

    def choice_label(self, choice: str) -> str:
        if choice == UNDECIDED:
            return _tr("Decide: who is this?")
        if choice == CREATE:
            return _tr("Create a new person")
        if choice == SKIP:
            return _tr("Leave out")
        return _tr("Same person as {name}").format(name=self._names.get(choice, choice))

    def choices(self, item: PersonChoice | None = None) -> list[tuple[str, str]]:
        """What an agent may be: for a near match the people it is near come first, named with why."""
        near = [(uuid, _tr("Same person as {name} ({why})").format(name=name, why=why))
                for uuid, name, why in (item.candidates if item is not None else ()) if uuid in self._names]
        first = {uuid for uuid, _label in near}
        return near + [(CREATE, self.choice_label(CREATE)), (SKIP, self.choice_label(SKIP))] + \
            [(uuid, self.choice_label(uuid)) for uuid, _name in self.people if uuid not in first]

    def _default_for(self, person: UnknownPerson) -> str:
        if person.status.startswith("near match"):
            return UNDECIDED  # a near match is the user's decision: never created by default
        return SKIP if person.status.startswith("ambiguous") else self.default_choice

    def undecided(self) -> int:
        return sum(1 for row in self.rows() if row.choice == UNDECIDED)

    def merge(self, unknown: tuple[UnknownPerson, ...] | list[UnknownPerson]) -> None:
        """Show the agents of a new preview, keeping the choices already made (an agent mapped to someone is no
        longer "unknown" to the engine, but stays listed with its choice)."""
        old = {row.key: row for row in self.rows()}
        rows = []
        for person in unknown:
            before = old.pop(person.key, None)
            status = before.status if before is not None and person.status in (CREATE, SKIP) else person.status
            choice = before.choice if before is not None else self._default_for(person)
            rows.append(PersonChoice(person.key, person.label, person.rows, person.first_row, status, choice,
                                     person.candidates or (before.candidates if before is not None else ())))
        rows += [row for row in old.values() if row.choice not in (CREATE, SKIP, UNDECIDED)]
        rows.sort(key=lambda r: (-r.rows, r.first_row))
        self.set_rows(rows)

    def set_all(self, choice: str) -> None:
        """Every agent to ``choice``, except near matches with "create": those stay the user's decision."""
        self.default_choice = choice
        self.set_rows([row if choice == CREATE and row.status.startswith("near match") and row.choice == UNDECIDED
                       else replace(row, choice=choice) for row in self.rows()])
        self.edited.emit()

    def choice_map(self) -> dict[str, str]:
        """Per agent key: "create", "skip" or a person's UUID (what ``ImportOptions.people`` takes); undecided near
        matches are left out (the import leaves them out and waits)."""
        return {row.key: row.choice for row in self.rows() if row.choice != UNDECIDED}

    def count(self, choice: str) -> int:
        if choice in (CREATE, SKIP):
            return sum(1 for row in self.rows() if row.choice == choice)
        return sum(1 for row in self.rows() if row.choice not in (CREATE, SKIP, UNDECIDED))

    def dimmed(self, item: PersonChoice) -> bool:
        return item.choice == SKIP

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.CHOICE and 0 <= index.row() < self.rowCount():
            item: PersonChoice = self.row_at(index.row())
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.choice_label(item.choice)
            if role == Qt.ItemDataRole.EditRole:
                return item.choice
            if role == CHOICES_ROLE:
                return self.choices(item)
            if role == SEARCHABLE_ROLE:
                return True
        return super().data(index, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.CHOICE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.CHOICE:
            return False
        value = str(value)
        if value not in (CREATE, SKIP) and value not in self._names:
            return False
        item: PersonChoice = self.row_at(index.row())
        if item.choice == value:
            return False
        self.replace_row(index.row(), replace(item, choice=value))
        self.edited.emit()
        return True

    def set_choice(self, key: str, choice: str) -> bool:
        for number, item in enumerate(self.rows()):
            if item.key == key:
                return self.setData(self.index(number, self.CHOICE), choice)
        return False


# -- read-only reports -------------------------------------------------------------------------------------------
class ProblemsModel(ListModel):
    """``Problem`` rows (file, row, column, reason): cells and rows that cannot be read."""

    FILE, ROW, COLUMN, REASON = range(4)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("KpiModels", "File"), lambda r: r.file),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Row"), lambda r: str(r.row) if r.row else "", lambda r: r.row,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Column"), lambda r: r.column),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Problem"), lambda r: r.reason, tooltip=lambda r: str(r)),
    )
    TR_CONTEXT = _CONTEXT


@dataclass(frozen=True)
class SkipLine:
    reason: str
    rows: int
    first_rows: tuple[int, ...]


def skip_lines(skipped: dict[str, int], rows: dict[str, list[int]]) -> list[SkipLine]:
    return [SkipLine(reason, count, tuple(sorted(rows.get(reason, []))[:8]))
            for reason, count in sorted(skipped.items(), key=lambda item: -item[1])]


class SkippedModel(ListModel):
    """Rows left out, by reason: how many, and the first few row numbers."""

    REASON, ROWS, EXAMPLES = range(3)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("KpiModels", "Rows left out because"), lambda r: r.reason),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Rows"), lambda r: f"{r.rows:,}", lambda r: r.rows, align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModels", "For example rows"), lambda r: ", ".join(str(n) for n in r.first_rows)),
    )
    TR_CONTEXT = _CONTEXT


@dataclass(frozen=True)
class KpiCount:
    code: str
    name: str
    figures: int


class KpiCountsModel(ListModel):
    """Figures the import would store, per KPI."""

    CODE, NAME, FIGURES = range(3)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("KpiModels", "KPI"), lambda r: r.code),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Name"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Figures"), lambda r: f"{r.figures:,}", lambda r: r.figures,
               align_right=True),
    )
    TR_CONTEXT = _CONTEXT


def _period(r: Any) -> str:
    start, end = r.period_start, r.period_end
    return period_text(start, end)


class SampleFiguresModel(ListModel):
    """``FigurePreview`` rows: the first figures the import would store, with values in the KPI's display unit."""

    ROW, AGENT, KPI, PERIOD, VALUE, PERSON = range(6)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("KpiModels", "Row"), lambda r: str(r.row), lambda r: r.row, align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Agent"), lambda r: r.agent, lambda r: name_key(r.agent)),
        Column(QT_TRANSLATE_NOOP("KpiModels", "KPI"), lambda r: r.kpi),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Period"), _period, lambda r: (r.period_start, r.period_end)),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Value"), lambda r: f"{r.value:g}", lambda r: r.value, align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModels", "Person"),
               lambda r: _tr("will be created") if r.person == CREATE else _tr("matched") if r.person == "matched"
               else r.person),
    )
    TR_CONTEXT = _CONTEXT

    def __init__(self, kpis: list[KpiChoice] | None = None, parent: Any = None) -> None:
        super().__init__((), parent)
        self.kpis = {k.code: k for k in kpis or ()}

    def value_text(self, item: Any) -> str:
        kpi = self.kpis.get(item.kpi)
        return format_value(item.value, kpi.unit, kpi.display_format) if kpi else f"{item.value:g}"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.VALUE and role in (
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) and 0 <= index.row() < self.rowCount():
            return self.value_text(self.row_at(index.row()))
        return super().data(index, role)


class FileRowsModel(QAbstractTableModel):
    """The file's first data rows as text, under the file's own header (with the row number first)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.header: tuple[str, ...] = ()
        self._rows: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def set_rows(self, header: tuple[str, ...] | list[str], rows: tuple[tuple[int, tuple[str, ...]], ...]) -> None:
        self.beginResetModel()
        self.header, self._rows = tuple(header), tuple(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.header) + 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        number, cells = self._rows[index.row()]
        if index.column() == 0:
            return str(number)
        position = index.column() - 1
        return cells[position] if position < len(cells) else ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return _tr("Row")
        return self.header[section - 1] if 0 < section <= len(self.header) else None
