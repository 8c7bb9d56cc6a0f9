"""Edit conflicts: someone saved the record while it was open here; both versions side by side, field by field.

``ask_choice`` asks which version to keep; ``ops.save`` (what every editor saves with) acts on the answer: it saves
again with the other version as the base when the user keeps theirs (a deliberate overwrite, recorded in the audit
log by the service), reloads the editor when they take the other version, and leaves the editor as it was on
cancel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.errors import CoachDeskError, ConflictError

KEEP_MINE, TAKE_THEIRS, CANCEL = "mine", "theirs", "cancel"


class NotSaved(CoachDeskError):
    """The user left a conflict without overwriting; the sentence says what is in the editor now."""


def _tint(palette: QPalette) -> QColor:
    """The highlight colour mixed into the base colour: readable text in light and dark palettes."""
    base, hue = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Highlight)
    share = 0.28
    return QColor(round(base.red() + (hue.red() - base.red()) * share),
                  round(base.green() + (hue.green() - base.green()) * share),
                  round(base.blue() + (hue.blue() - base.blue()) * share))


class ConflictDialog(QDialog):
    """Both versions of the record; ``choice`` is ``KEEP_MINE``, ``TAKE_THEIRS`` or ``CANCEL`` once closed."""

    def __init__(self, error: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.error = error
        self.choice = CANCEL
        self.setWindowTitle(self.tr("Someone else changed this record"))
        self.setAccessibleName(self.windowTitle())
        changed = error.differences()
        intro = QLabel(self.tr(
            "<b>{label}</b> was saved by someone else after you opened it. Nothing of yours has been saved yet. "
            "The {count} field(s) marked ≠ differ; choose which version to keep.").format(
                label=error.label or self.tr("This record"), count=len(changed)), self)
        intro.setObjectName("conflictIntro")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.table = self._table(error, set(changed))
        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("conflictButtons")
        self.keep_mine = self._button(self.tr("&Keep mine (overwrite theirs)"), "conflictKeepMine",
                                      QDialogButtonBox.ButtonRole.AcceptRole, KEEP_MINE)
        self.take_theirs = self._button(self.tr("&Take theirs (discard mine)"), "conflictTakeTheirs",
                                        QDialogButtonBox.ButtonRole.DestructiveRole, TAKE_THEIRS)
        self.cancel = self._button(self.tr("Back to &editing"), "conflictCancel",
                                   QDialogButtonBox.ButtonRole.RejectRole, CANCEL)
        self.cancel.setDefault(True)  # Enter never overwrites anyone by accident
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self.cancel.setFocus()

    def _button(self, text: str, name: str, role: QDialogButtonBox.ButtonRole, choice: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: self._choose(choice))
        self.buttons.addButton(button, role)
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == CANCEL:
            self.reject()
        else:
            self.accept()

    def reject(self) -> None:  # Esc and the window's close button
        self.choice = CANCEL
        super().reject()

    def _table(self, error: ConflictError, changed: set[str]) -> QTableWidget:
        keys = list(error.theirs) + [k for k in error.mine if k not in error.theirs]
        table = QTableWidget(len(keys), 4, self)
        table.setObjectName("conflictTable")
        table.setAccessibleName(self.tr("Both versions, field by field"))
        table.setHorizontalHeaderLabels(["", self.tr("Field"), self.tr("Theirs (saved now)"),
                                         self.tr("Mine (not saved)")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.setStyleSheet("QTableWidget::item { padding: 3px 6px; }")
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        tint = _tint(self.palette())
        for row, key in enumerate(keys):
            differs = key in changed
            cells = ["≠" if differs else "", key, error.theirs.get(key, ""), error.mine.get(key, "")]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if differs:
                    item.setBackground(tint)
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setData(Qt.ItemDataRole.AccessibleTextRole,
                                 self.tr("{value} (differs)").format(value=value or self.tr("empty")))
                table.setItem(row, column, item)
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())  # heights follow the wrapped widths
        return table

    def differing_fields(self) -> list[str]:
        return [self.table.item(r, 1).text() for r in range(self.table.rowCount()) if self.table.item(r, 0).text()]


def ask_choice(parent: QWidget | None, error: ConflictError) -> str:
    dialog = ConflictDialog(error, parent)
    dialog.exec()
    return dialog.choice
