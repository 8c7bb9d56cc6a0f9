"""An objective's progress as a card: statement, line of sight (team goal → organisation goal), current value
against target, band (words, mark and a palette-safe tint) and forecast. Used by the agent page and the Goals page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coachdesk.services.goals import ProgressRow
from coachdesk.ui.theme import muted_label, scaled_font
from coachdesk.ui.widgets.band_style import band_accent, band_background, band_label, band_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("ObjectiveCard", text)


def day_text(day) -> str:  # noqa: ANN001
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def line_of_sight_text(row: ProgressRow) -> str:
    """"Team goal → organisation goal", or a flag when the objective serves no goal."""
    if not row.line_of_sight:
        return "⚑ " + _tr("Serves no goal yet: no line of sight")
    parts = [g.title + (" " + _tr("(archived)") if g.archived else "") for g in row.line_of_sight]
    return " → ".join(parts)


def meta_text(row: ProgressRow) -> str:
    """Measure, target, due date and status, in one line."""
    parts = [row.measure_code] if row.measure_code else []
    if row.target is not None:
        parts.append(_tr("target {target}").format(target=row.target_text))
    parts.append(_tr("due {date}").format(date=day_text(row.due_date)))
    parts.append(QCoreApplication.translate("ObjectiveStatus", row.status.value.capitalize()))
    if row.weight is not None:
        parts.append(_tr("weight {weight}%").format(weight=f"{row.weight * 100:g}"))
    return " · ".join(parts)


def progress_text(row: ProgressRow) -> str:
    """"Now 6:10 (0:20 to go) · forecast 5:55, on track", or why there is nothing to show yet."""
    if row.current is None:
        return row.note or _tr("No figures yet.")
    text = _tr("Now {current} ({distance})").format(current=row.current_text, distance=row.distance_text)
    if row.forecast is not None:
        verdict = "" if row.on_track is None else (_tr("on track") if row.on_track else _tr("off track"))
        text += " · " + _tr("forecast {value}").format(value=row.forecast_text) + (f", {verdict}" if verdict else "")
    else:
        text += " · " + _tr("too few days for a forecast")
    return text


def accessible_summary(row: ProgressRow) -> str:
    return ". ".join([row.statement, line_of_sight_text(row), progress_text(row), band_label(row.band)])


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


class ObjectiveCardList(QWidget):
    """Cards for a list of ``ProgressRow``; an empty list shows ``empty_text``."""

    def __init__(self, empty_text: str, parent: QWidget | None = None, name: str = "objectiveCards") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(_tr("Objectives"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.empty = muted_label(empty_text, self, name=f"{name}Empty")
        layout.addWidget(self.empty)
        self._cards = QVBoxLayout()
        self._cards.setSpacing(8)
        layout.addLayout(self._cards)
        self.rows: list[ProgressRow] = []

    def set_rows(self, rows: list[ProgressRow]) -> None:
        self.rows = list(rows)
        while self._cards.count():
            item = self._cards.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for row in rows:
            self._cards.addWidget(ObjectiveCard(row, self))
        self.empty.setVisible(not rows)

    def cards(self) -> list[ObjectiveCard]:
        return [self._cards.itemAt(i).widget() for i in range(self._cards.count())]
