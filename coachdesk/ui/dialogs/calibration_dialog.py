"""The calibration view: interactions rated by several observers, per behaviour the agreement and each observer's
deviation from the group, and per observer how lenient or harsh they rate. References match ignoring case and
spacing; near matches (other separators) are named where they were left out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services.common import AppContext
from coachdesk.services.observation import CalibrationRef, CalibrationView, LeftOut
from coachdesk.ui.actions import observation as actions
from coachdesk.ui.kit import fit, ops
from coachdesk.ui.kit.tables import fit_columns, item_table
from coachdesk.ui.theme import muted_label, scaled_font, title_label

REF_ROLE = Qt.ItemDataRole.UserRole
#: an observer whose mean deviation is within this many points of the group reads "in line with the group"
IN_LINE_POINTS = 5.0


def percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def points(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+.1f}" if signed else f"{value:.1f}"


def _cell(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class CalibrationDialog(QDialog):
    """Choose a reference on the left (arrows); its report shows on the right. Esc closes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationDialog")
        self.setWindowTitle(self.tr("Calibration"))
        self.setAccessibleName(self.windowTitle())
        self.ctx = ctx
        self.view: CalibrationView | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.windowTitle(), self, factor=1.5, name="calibrationTitle"))
        layout.addWidget(muted_label(self.tr(
            "Observers rate the same interaction (the same reference) on their own; here they see how far they "
            "agree. Exact agreement: the share of observer pairs who chose the same point. Deviation: an "
            "observer's score minus the group's mean, in points out of 100 (+ more lenient, − harsher)."), self))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("calibrationSplitter")
        self.references = QListWidget()
        self.references.setObjectName("calibrationReferences")
        self.references.setAccessibleName(self.tr("Interactions rated by several observers"))
        self.references.setFont(scaled_font(self.font(), 1.05))
        self.references.setSpacing(3)
        fit.elide_cells(self.references)
        self.references.currentItemChanged.connect(lambda item, _old: self.show_reference(
            item.data(REF_ROLE) if item else None))
        left = QWidget(splitter)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.references, 1)
        self.left_out = muted_label("", left, name="calibrationLeftOut")
        self.left_out.hide()
        left_column.addWidget(self.left_out)
        splitter.addWidget(left)
        right = QWidget(splitter)
        column = QVBoxLayout(right)
        column.setContentsMargins(8, 0, 0, 0)
        self.summary = QLabel(right)
        self.summary.setObjectName("calibrationSummary")
        self.summary.setWordWrap(True)
        self.summary.setFont(scaled_font(self.font(), 1.15, bold=True))
        column.addWidget(self.summary)
        self.near = muted_label("", right, name="calibrationNear")
        self.near.hide()
        column.addWidget(self.near)
        self.behaviours = item_table(right, "calibrationTable", self.tr("Agreement per behaviour"), stretch=None)
        column.addWidget(self.behaviours, 3)
        heading = QLabel(self.tr("Observers"), right)
        heading.setFont(scaled_font(self.font(), 1.1, bold=True))
        column.addWidget(heading)
        self.observers = item_table(right, "calibrationObservers", self.tr("Each observer's deviation"), stretch=None)
        column.addWidget(self.observers, 2)
        splitter.addWidget(right)
        splitter.setSizes([300, 840])
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("calibrationClose")
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit.resize_within_screen(self, 1180, 680)
        self.refresh()

    def refresh(self) -> None:
        """Reload the references (off the GUI thread); the first is shown."""
        actions.calibration_references(self, self.ctx, done=self._show_references,
                                       failed=ops.into_label(self.summary))

    def _show_references(self, found: tuple[list[CalibrationRef], list[LeftOut]]) -> None:
        refs, left_out = found
        self.references.clear()
        for ref in refs:
            lines = [self.tr("{reference} · {agent}").format(reference=ref.reference, agent=ref.agent_name),
                     self.tr("{observers} observers").format(observers=ref.observers)]
            if ref.in_progress:
                lines[1] += " · " + self.tr("{count} still rating").format(count=ref.in_progress)
            if ref.near:
                lines.append("⚠ " + self.tr("near match left out"))
            item = QListWidgetItem("\n".join(lines))
            item.setData(REF_ROLE, ref.reference)
            item.setToolTip(" · ".join(lines))
            self.references.addItem(item)
        self._show_left_out(left_out)
        if self.references.count():
            self.references.setCurrentRow(0)
            self.references.setFocus()
        else:
            self.show_reference(None)

    def _show_left_out(self, left_out: list[LeftOut]) -> None:
        lines = [self.tr("Left out: {references} ({agent}) look alike but were typed differently, so none has two "
                         "observers; if they are the same interaction, correct the reference in the sessions.")
                 .format(references=" / ".join(f"“{r}”" for r in item.references), agent=item.agent_name)
                 for item in left_out]
        self.left_out.setText("\n".join(lines))
        self.left_out.setVisible(bool(lines))

    def show_reference(self, reference: str | None) -> None:
        self.behaviours.clear()
        self.observers.clear()
        self.behaviours.setRowCount(0)
        self.observers.setRowCount(0)
        self.near.hide()
        if reference is None:
            self.view = None
            self.summary.setText(self.tr(
                "No interaction has been rated by two observers yet. To calibrate, each observer starts a session "
                "for the agent (recording review), presses F5 and types the same reference with F7."))
            return
        actions.calibration_view(self, self.ctx, reference, done=self._show_view, failed=ops.into_label(self.summary))

    def _show_view(self, view: CalibrationView) -> None:
        self.view = view
        reference = view.reference
        self._show_near(view)
        if view.report is None:
            self.summary.setText(self.tr(
                "{reference}: results stay hidden until every observer has finished ({count} still rating), so "
                "nobody rates under the influence of the others.").format(reference=reference,
                                                                         count=view.in_progress))
            return
        report = view.report
        self.summary.setText(self.tr("{reference} · {agent}: exact agreement {agreement} of pairs · mean absolute "
                                     "deviation {mad} points").format(
            reference=reference, agent=view.agent_name, agreement=percent(report.exact_agreement),
            mad=points(report.mean_abs_deviation)))
        self._fill_behaviours(view)
        self._fill_observers(view)

    def _show_near(self, view: CalibrationView) -> None:
        parts = []
        if len(view.spellings) > 1:
            parts.append(self.tr("Typed as {spellings}: matched as one interaction (case and spaces are "
                                 "ignored).").format(spellings=", ".join(f"“{s}”" for s in view.spellings)))
        if view.near:
            parts.append(self.tr("Left out: {near} looks alike but is kept apart (other separators); if it is the "
                                 "same interaction, correct its reference in that session.").format(
                near=", ".join(f"“{s}”" for s in view.near)))
        self.near.setText(" ".join(parts))
        self.near.setVisible(bool(parts))

    def _fill_behaviours(self, view: CalibrationView) -> None:
        observers = list(view.observers)
        headers = [self.tr("Behaviour")] + [view.observers[o] for o in observers] + [
            self.tr("Agreement"), self.tr("Group mean"), self.tr("MAD")]
        table = self.behaviours
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        rows = view.report.behaviours if view.report else ()
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            table.setItem(r, 0, _cell(view.behaviours.get(row.behaviour, row.behaviour)))
            for c, observer in enumerate(observers, start=1):
                label = view.labels.get((row.behaviour, observer), "–")
                deviation = row.deviations.get(observer)
                text = f"{label} ({points(deviation, signed=True)})" if deviation is not None else label
                table.setItem(r, c, _cell(text))
            base = len(observers) + 1
            table.setItem(r, base, _cell(percent(row.exact_agreement), right=True))
            table.setItem(r, base + 1, _cell(points(row.group_mean), right=True))
            table.setItem(r, base + 2, _cell(points(row.mean_abs_deviation), right=True))
        fit_columns(table, 0)

    def _fill_observers(self, view: CalibrationView) -> None:
        table = self.observers
        headers = [self.tr("Observer"), self.tr("Behaviours scored"), self.tr("Mean deviation"), self.tr("MAD"),
                   self.tr("Reading")]
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        rows = view.report.observers if view.report else ()
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            bias = row.mean_deviation
            reading = self.tr("in line with the group") if bias is None or abs(bias) < IN_LINE_POINTS else (
                self.tr("more lenient than the group") if bias > 0 else self.tr("harsher than the group"))
            for c, text in enumerate((view.observers.get(row.observer, row.observer), str(row.scored),
                                      points(bias, signed=True), points(row.mean_abs_deviation), reading)):
                table.setItem(r, c, _cell(text, right=c in (1, 2, 3)))
        fit_columns(table, 4)
