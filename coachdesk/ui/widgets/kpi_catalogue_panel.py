"""The KPI catalogue tab: every KPI definition (new, edit) and the KPI set of each role (tick, save)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import Aggregation, Direction, Role
from coachdesk.services.common import AppContext
from coachdesk.ui.actions import kpis
from coachdesk.ui.actions.kpis import Catalogue
from coachdesk.ui.kit import changes, ops
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.kit.forms import named
from coachdesk.ui.kit.tables import Column, RowTableModel, selected_row, table_view
from coachdesk.ui.kit.words import role_label
from coachdesk.ui.theme import muted_label

_RULES = {Aggregation.MEAN: "mean", Aggregation.SUM: "sum", Aggregation.WEIGHTED_MEAN: "weighted mean"}


class KpiModel(RowTableModel):
    TR_CONTEXT = "KpiModel"
    CODE, NAME, UNIT, BETTER, RULE, WEIGHT, FORMAT, TOLERANCE, ACTIVE, FIGURES = range(10)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("KpiModel", "Code"), lambda r: r.code),
        Column(QT_TRANSLATE_NOOP("KpiModel", "Name"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("KpiModel", "Unit"), lambda r: r.unit.value),
        Column(QT_TRANSLATE_NOOP("KpiModel", "Better"), lambda r: "higher" if r.direction is
               Direction.HIGHER_IS_BETTER else "lower"),
        Column(QT_TRANSLATE_NOOP("KpiModel", "Over a period"), lambda r: _RULES[r.aggregation]),
        Column(QT_TRANSLATE_NOOP("KpiModel", "Weighted by"), lambda r: r.weight_kpi_code or ""),
        Column(QT_TRANSLATE_NOOP("KpiModel", "Format"), lambda r: r.display_format),
        Column(QT_TRANSLATE_NOOP("KpiModel", "Tolerance"), lambda r: r.band_tolerance_text, align_right=True),
        Column(QT_TRANSLATE_NOOP("KpiModel", "In use"), lambda r: "yes" if r.is_active else "no"),
        Column(QT_TRANSLATE_NOOP("KpiModel", "Figures"), lambda r: f"{r.figures:,}", lambda r: r.figures,
               align_right=True),
    )


class KpiCataloguePanel(QWidget):
    changed = Signal()
    #: (kind, argument): the page opens that dialog (``dialogs.openers``)
    dialog_requested = Signal(str, object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiCataloguePanel")
        self.setAccessibleName(self.tr("KPI catalogue"))
        self.ctx = ctx
        self.dialog: Any = None
        self.model = KpiModel(parent=self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("kpiCatalogueSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_catalogue(splitter))
        splitter.addWidget(self._build_role_sets(splitter))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.addWidget(splitter, 1)
        self.role_sets: dict = {}
        changes.watch(self, [Kind.KPI], self.refresh)
        self.refresh()

    def _build_catalogue(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 8, 0)
        buttons = QHBoxLayout()
        for text, name, slot in ((self.tr("&New KPI…"), "kpiNew", self.new_kpi),
                                 (self.tr("&Edit KPI…"), "kpiEdit", self.edit_kpi)):
            button = named(QPushButton(text, box), name, text.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _checked=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table = table_view(box, "kpiTable", self.tr("KPI definitions"), self.model, stretch=KpiModel.NAME)
        self.table.activated.connect(lambda _index: self.edit_kpi())
        named(self.table.horizontalHeader(), "kpiTableHeader", self.tr("KPI columns"))
        layout.addWidget(self.table, 1)
        layout.addWidget(muted_label(self.tr("Figures are stored in base units: seconds, 0-1 fractions for "
                                             "percentages. A weighted mean is weighted by its volume KPI's figure "
                                             "for the same person and day."), box))
        return box

    def _build_role_sets(self, parent: QWidget) -> QWidget:
        box = QGroupBox(self.tr("KPI set of a role"), parent)
        box.setObjectName("roleSets")
        layout = QVBoxLayout(box)
        self.role = named(QComboBox(box), "roleSetRole", self.tr("Role"))
        for role in Role:
            self.role.addItem(role_label(role), role)
        self.role.currentIndexChanged.connect(self._show_role_set)
        layout.addWidget(self.role)
        self.role_list = named(QListWidget(box), "roleSetKpis", self.tr("KPIs in the set"))
        self.role_list.setWordWrap(True)  # a narrow panel (150 %) wraps a KPI's name rather than scrolling sideways
        self.role_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.role_list, 1)
        self.role_status = muted_label(self.tr("Space ticks a KPI in or out of the set."), box, name="roleSetStatus")
        layout.addWidget(self.role_status)
        save = named(QPushButton(self.tr("&Save the set"), box), "roleSetSave", self.tr("Save the set"))
        save.clicked.connect(self.save_role_set)
        layout.addWidget(save)
        return box

    def refresh(self) -> None:
        """The definitions and the role sets, off the GUI thread (again after any write to KPIs)."""
        kpis.catalogue(self, self.ctx, self._show_catalogue, failed=ops.into_label(self.role_status))

    def _show_catalogue(self, catalogue: Catalogue) -> None:
        self.model.set_rows(catalogue.kpis)
        self.role_sets = catalogue.role_sets
        self._show_role_set()

    def _show_role_set(self) -> None:
        chosen = set(self.role_sets.get(Role(self.role.currentData()), ()))
        self.role_list.clear()
        for row in self.model.rows():
            item = QListWidgetItem(f"{row.code} – {row.name}", self.role_list)
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, row.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row.code in chosen else Qt.CheckState.Unchecked)

    def checked_codes(self) -> list[str]:
        return [self.role_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.role_list.count())
                if self.role_list.item(i).checkState() == Qt.CheckState.Checked]

    def save_role_set(self) -> None:
        role = Role(self.role.currentData())
        kpis.set_role_kpis(self, self.ctx, role, self.checked_codes(), lambda codes: self._role_set_saved(role, codes),
                           failed=ops.into_label(self.role_status))

    def _role_set_saved(self, role: Role, codes: tuple[str, ...]) -> None:
        self.role_status.setText(self.tr("Saved: {role} has {count} KPIs.").format(role=role_label(role),
                                                                                   count=len(codes)))
        self.changed.emit()

    def new_kpi(self) -> Any:
        return self._ask(None)

    def edit_kpi(self) -> Any:
        row = selected_row(self.table)
        return self._ask(self.model.row_at(row).code) if row >= 0 else None

    def _ask(self, code: str | None) -> Any:
        self.dialog = None
        self.dialog_requested.emit("kpi", code)  # the page opens the KPI dialog
        return self.dialog

    def kpi_saved(self, _row: object) -> None:
        """The KPI dialog saved (and announced it: the catalogue has reloaded)."""
        self.changed.emit()
