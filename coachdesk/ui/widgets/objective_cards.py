"""An objective's progress as a card: statement, line of sight (team goal → organisation goal), current value
against target, band (words, mark and a palette-safe tint) and forecast. Used by the agent page and the Goals page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coachdesk.services.goals import ProgressRow
from coachdesk.ui.kit.band_style import band_accent, band_background
from coachdesk.ui.kit.words import band_label, band_text
from coachdesk.ui.models.progress_text import accessible_summary, line_of_sight_text, meta_text, progress_text
from coachdesk.ui.theme import muted_label, scaled_font


def _tr(text: str) -> str:
    return QCoreApplication.translate("ObjectiveCard", text)


class BandChip(QLabel):
    """The band as words and mark on a tinted background; repaints itself when the palette changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bandChip")
        self.setAutoFillBackground(True)
        self.setContentsMargins(8, 2, 8, 2)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.band = None

    def set_band(self, band) -> None:  # noqa: ANN001
        self.band = band
        self.setText(band_text(band))
        self.setAccessibleName(_tr("Band: {band}").format(band=band_label(band)))
        self._paint()

    def _paint(self) -> None:
        palette = self.palette()
        app_palette = self.parentWidget().palette() if self.parentWidget() else palette
        color = band_background(self.band, app_palette)
        palette.setColor(QPalette.ColorRole.Window, color or app_palette.color(QPalette.ColorRole.Window))
        palette.setColor(QPalette.ColorRole.WindowText, app_palette.color(QPalette.ColorRole.Text))
        self.setPalette(palette)

    def changeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        if event.type() == event.Type.ParentChange and self.band is not None:
            self._paint()
        super().changeEvent(event)


class ObjectiveCard(QFrame):
    """One objective with its line of sight and progress."""

    def __init__(self, row: ProgressRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setObjectName("objectiveCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(accessible_summary(row))
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 10, 0)
        outer.setSpacing(10)
        self.bar = QFrame(self)
        self.bar.setFixedWidth(5)
        self.bar.setAutoFillBackground(True)
        outer.addWidget(self.bar)
        column = QVBoxLayout()
        column.setContentsMargins(4, 8, 0, 8)
        column.setSpacing(3)
        top = QHBoxLayout()
        self.statement = QLabel(row.statement, self)
        self.statement.setObjectName("objectiveStatement")
        self.statement.setWordWrap(True)
        self.statement.setFont(scaled_font(self.statement.font(), 1.05, bold=True))
        top.addWidget(self.statement, 1)
        self.chip = BandChip(self)
        self.chip.set_band(row.band)
        top.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(top)
        self.sight = muted_label(line_of_sight_text(row), self, name="objectiveLineOfSight")
        column.addWidget(self.sight)
        self.progress = QLabel(progress_text(row), self)
        self.progress.setObjectName("objectiveProgress")
        self.progress.setWordWrap(True)
        column.addWidget(self.progress)
        self.meta = muted_label(meta_text(row), self, name="objectiveMeta")
        column.addWidget(self.meta)
        outer.addLayout(column, 1)
        self._paint_bar()

    def _paint_bar(self) -> None:
        palette = self.bar.palette()
        palette.setColor(QPalette.ColorRole.Window, band_accent(self.row.band, self.palette()))
        self.bar.setPalette(palette)

    def changeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        if event.type() == event.Type.PaletteChange and hasattr(self, "bar"):
            self._paint_bar()
            self.chip.set_band(self.row.band)
        super().changeEvent(event)
