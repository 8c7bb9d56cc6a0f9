"""The calendar grid: a week (days across, working hours down, whole-day items on top) or a month (six weeks of
days), painted from plain entries. Items are moved by dragging or from the keyboard; the widget only asks for a
move (``move_requested``) and the page calls the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from coachdesk.services.calendar import CalendarEntry, EntryKind
from coachdesk.ui.kit import keys
from coachdesk.ui.kit.words import day_month_text, time_text, weekday_text

SNAP_MINUTES = 15
# the calendar's own keys (handled in keyPressEvent), listed in Help > Keyboard shortcuts
keys.declare("Calendar", "Move the chosen item 15 minutes (a week in a month)", "Ctrl+Up", "Ctrl+Down")
keys.declare("Calendar", "Move the chosen item a day earlier or later", "Ctrl+Left", "Ctrl+Right")
keys.declare("Calendar", "Open the chosen item: prepare the one-to-one, close the follow-up", "Return")
HEADER = 24
ALL_DAY_LINE = 18
TIME_GUTTER = 44
#: entry colours per kind (hue only; lightness follows the palette)
HUES = {EntryKind.ONE_TO_ONE: 210, EntryKind.OBSERVATION: 140, EntryKind.FOLLOW_UP: 35, EntryKind.ACTION: 280,
        EntryKind.OBJECTIVE: 0}


@dataclass(frozen=True)
class Hit:
    index: int
    rect: QRectF


class CalendarView(QWidget):
    """Entries of one week or month; ``selected`` is the index of the chosen entry."""

    #: kind, uuid, new start (aware), minutes
    move_requested = Signal(str, str, object, int)
    #: kind, uuid: Enter or a double-click on an entry
    open_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarGrid")
        self.setAccessibleName(self.tr("Calendar"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(False)
        self.mode = "week"
        self.first = date.today() - timedelta(days=date.today().weekday())
        self.zone: tzinfo | None = None
        self.day_start, self.day_end = time(8), time(18)
        self.working = (time(9), time(17), frozenset(range(5)))
        self.entries: list[CalendarEntry] = []
        self.selected: int | None = None
        self._hits: list[Hit] = []
        self._drag: tuple[int, QPoint] | None = None
        self._ghost: tuple[int, datetime] | None = None

    # -- data ----------------------------------------------------------------------------------------------------
    def set_period(self, mode: str, first: date) -> None:
        self.mode, self.first = mode, first
        self.selected = None
        self.update()

    def days(self) -> list[date]:
        count = 7 if self.mode == "week" else 42
        return [self.first + timedelta(days=i) for i in range(count)]

    def set_entries(self, entries: list[CalendarEntry], zone: tzinfo, start: time, end: time,
                    workdays: frozenset[int]) -> None:
        keep = self.entries[self.selected].uuid if self.selected is not None and self.selected < len(self.entries) \
            else None
        self.entries, self.zone = entries, zone
        self.working = (start, end, workdays)
        self.day_start = time(max(0, start.hour - 1))
        self.day_end = time(min(23, end.hour + (1 if end.minute == 0 else 2)))
        self.selected = next((i for i, e in enumerate(entries) if e.uuid == keep), None)
        self.update()

    def selected_entry(self) -> CalendarEntry | None:
        return self.entries[self.selected] if self.selected is not None else None

    def short_text(self, e: CalendarEntry) -> str:
        """What fits in a block: time, a short kind and the agent's name (the full title is the tooltip)."""
        kinds = {EntryKind.ONE_TO_ONE: "", EntryKind.OBSERVATION: self.tr("Obs: ") if e.announced
                 else self.tr("Unannounced obs: "), EntryKind.FOLLOW_UP: self.tr("Follow-up: "),
                 EntryKind.ACTION: self.tr("Action: "), EntryKind.OBJECTIVE: self.tr("Objective: ")}
        when = f"{time_text(e.start, zone=self.zone)} " if e.start and e.minutes and self.zone else ""
        untimed = self.tr(" (1:1, no time yet)") if e.kind is EntryKind.ONE_TO_ONE and not e.minutes else ""
        return f"{'⚠ ' if e.clash or e.out_of_hours else ''}{when}{kinds[e.kind]}{e.agent_name}{untimed}"

    @staticmethod
    def head_text(day: date) -> str:
        """A week column's head: "Mon 07/12" (the locale's day and month, no year)."""
        return f"{weekday_text(day)} {day_month_text(day)}"

    def entry_text(self, e: CalendarEntry) -> str:
        marks = []
        if e.clash:
            marks.append(self.tr("clash"))
        if e.out_of_hours:
            marks.append(self.tr("out of hours"))
        when = f"{time_text(e.start, zone=self.zone)} " if e.start and self.zone else ""
        return f"{'⚠ ' if marks else ''}{when}{e.title}" + (f" ({', '.join(marks)})" if marks else "")

    # -- geometry ------------------------------------------------------------------------------------------------
    def _week_geometry(self) -> tuple[float, float, float, float]:
        """x of the first day column, column width, y of the time grid, pixels per minute."""
        all_day = max([sum(1 for e in self.entries if e.day == d and not e.minutes) for d in self.days()] + [0])
        top = HEADER + min(all_day, 4) * ALL_DAY_LINE + 6
        minutes = (self.day_end.hour - self.day_start.hour) * 60
        col = (self.width() - TIME_GUTTER) / 7
        return TIME_GUTTER, col, top, max(0.3, (self.height() - top - 10) / max(60, minutes))

    def _cell(self, index: int) -> QRectF:
        cols, rows = 7, 6
        w, h = self.width() / cols, (self.height() - HEADER) / rows
        return QRectF((index % cols) * w, HEADER + (index // cols) * h, w, h)

    # -- painting ------------------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        self._hits = []
        if self.mode == "week":
            self._paint_week(p, pal)
        else:
            self._paint_month(p, pal)
        if self.hasFocus():
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1))
            p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        p.end()

    def _colours(self, e: CalendarEntry, pal: QPalette) -> tuple[QColor, QColor]:
        dark = pal.color(QPalette.ColorRole.Base).lightness() < 128
        fill = QColor.fromHsl(HUES[e.kind], 120, 70 if dark else 215)
        return fill, pal.color(QPalette.ColorRole.Text)

    def _paint_entry(self, p: QPainter, pal: QPalette, index: int, rect: QRectF) -> None:
        e = self.entries[index]
        fill, text = self._colours(e, pal)
        p.setBrush(fill)
        pen = QPen(QColor(200, 30, 30) if e.clash else pal.color(QPalette.ColorRole.Mid), 2 if e.clash else 1)
        if e.out_of_hours:
            pen.setStyle(Qt.PenStyle.DashLine)
        if index == self.selected:
            pen = QPen(pal.color(QPalette.ColorRole.Highlight), 3)
        p.setPen(pen)
        p.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
        p.setPen(text)
        inner = rect.adjusted(4, 1, -3, -1)
        label = self.short_text(e)
        if inner.height() < 2 * self.fontMetrics().height():
            label = self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(inner.width()))
        p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, label)
        self._hits.append(Hit(index, rect))

    def _paint_week(self, p: QPainter, pal: QPalette) -> None:
        x0, col, top, ppm = self._week_geometry()
        days = self.days()
        grid = pal.color(QPalette.ColorRole.Mid)
        off = pal.color(QPalette.ColorRole.AlternateBase)
        start_min = self.day_start.hour * 60
        w_start, w_end, workdays = self.working
        bold = QFont(self.font())
        bold.setBold(True)
        for i, day in enumerate(days):
            x = x0 + i * col
            # out-of-hours shading: before and after the working day, and whole non-working days
            ws = (w_start.hour * 60 + w_start.minute - start_min) * ppm
            we = (w_end.hour * 60 + w_end.minute - start_min) * ppm
            if day.weekday() not in workdays:
                p.fillRect(QRectF(x, top, col, self.height() - top), off)
            else:
                p.fillRect(QRectF(x, top, col, max(0, ws)), off)
                p.fillRect(QRectF(x, top + we, col, self.height() - top - we), off)
            p.setPen(grid)
            p.drawLine(int(x), 0, int(x), self.height())
            p.setPen(pal.color(QPalette.ColorRole.Text))
            p.setFont(bold if day == date.today() else self.font())
            p.drawText(QRectF(x, 0, col, HEADER), Qt.AlignmentFlag.AlignCenter, self.head_text(day))
        p.setFont(self.font())
        for hour in range(self.day_start.hour, self.day_end.hour + 1):
            y = top + (hour * 60 - start_min) * ppm
            p.setPen(grid)
            p.drawLine(int(x0), int(y), self.width(), int(y))
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(QRectF(0, y - 8, TIME_GUTTER - 4, 16), Qt.AlignmentFlag.AlignRight, f"{hour:02d}:00")
        lines: dict[date, int] = {}
        for index, e in enumerate(self.entries):
            if e.day not in days:
                continue
            x = x0 + days.index(e.day) * col
            if not e.minutes or e.start is None:
                n = lines.get(e.day, 0)
                lines[e.day] = n + 1
                if n < 4:
                    self._paint_entry(p, pal, index, QRectF(x, HEADER + n * ALL_DAY_LINE, col, ALL_DAY_LINE))
                continue
            local = e.start.astimezone(self.zone)
            y = top + (local.hour * 60 + local.minute - start_min) * ppm
            self._paint_entry(p, pal, index, QRectF(x + 2, y, col - 4, max(14.0, e.minutes * ppm)))
        if self._ghost is not None:
            index, start = self._ghost
            local = start.astimezone(self.zone)
            if local.date() in days:
                x = x0 + days.index(local.date()) * col
                y = top + (local.hour * 60 + local.minute - start_min) * ppm
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine))
                p.drawRect(QRectF(x + 2, y, col - 4, max(14.0, (self.entries[index].minutes or 30) * ppm)))

    def _paint_month(self, p: QPainter, pal: QPalette) -> None:
        days = self.days()
        month = (self.first + timedelta(days=14)).month
        grid, off = pal.color(QPalette.ColorRole.Mid), pal.color(QPalette.ColorRole.AlternateBase)
        w = self.width() / 7
        for i in range(7):
            p.setPen(pal.color(QPalette.ColorRole.Text))
            p.drawText(QRectF(i * w, 0, w, HEADER), Qt.AlignmentFlag.AlignCenter, weekday_text(days[i]))
        by_day: dict[date, list[int]] = {}
        for index, e in enumerate(self.entries):
            by_day.setdefault(e.day, []).append(index)
        line = self.fontMetrics().height() + 2
        for n, day in enumerate(days):
            cell = self._cell(n)
            if day.month != month or day.weekday() not in self.working[2]:
                p.fillRect(cell, off)
            p.setPen(grid)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(cell)
            p.setPen(pal.color(QPalette.ColorRole.Text if day.month == month else QPalette.ColorRole.PlaceholderText))
            p.drawText(cell.adjusted(4, 2, -4, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                       str(day.day))
            items = by_day.get(day, [])
            room = max(0, int((cell.height() - line - 4) // line))
            shown = items if len(items) <= room else items[:max(0, room - 1)]
            for k, index in enumerate(shown):
                self._paint_entry(p, pal, index, QRectF(cell.x() + 2, cell.y() + line + k * line, cell.width() - 4,
                                                        line))
            if len(shown) < len(items):
                p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
                p.drawText(QRectF(cell.x() + 4, cell.y() + line + len(shown) * line, cell.width() - 8, line),
                           Qt.AlignmentFlag.AlignLeft, self.tr("+{n} more").format(n=len(items) - len(shown)))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            index = self._hit(event.pos())
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.entry_text(self.entries[index]), self)
            return True
        return super().event(event)

    # -- mouse ---------------------------------------------------------------------------------------------------
    def _hit(self, pos: QPoint) -> int | None:
        for hit in reversed(self._hits):
            if hit.rect.contains(pos.toPointF()):
                return hit.index
        return None

    def _start_at(self, index: int, pos: QPoint) -> datetime | None:
        """Where an entry dropped at ``pos`` would start (snapped), or None outside the grid."""
        e = self.entries[index]
        if self.mode == "week":
            x0, col, top, ppm = self._week_geometry()
            if pos.x() < x0 or pos.y() < top:
                return None
            day = self.first + timedelta(days=min(6, int((pos.x() - x0) // col)))
            minute = self.day_start.hour * 60 + (pos.y() - top) / ppm
            minute = int(round(minute / SNAP_MINUTES) * SNAP_MINUTES)
            return datetime.combine(day, time.min, tzinfo=self.zone) + timedelta(minutes=minute)
        for n, day in enumerate(self.days()):
            if self._cell(n).contains(pos.toPointF()):
                local = e.start.astimezone(self.zone)
                return datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=self.zone)
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        index = self._hit(event.position().toPoint())
        self.selected = index
        if index is not None and self.entries[index].movable and self.entries[index].start is not None:
            self._drag = (index, event.position().toPoint())
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            return
        index, origin = self._drag
        if (event.position().toPoint() - origin).manhattanLength() < 6:
            return
        start = self._start_at(index, event.position().toPoint())
        self._ghost = (index, start) if start is not None else None
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: ARG002
        ghost, self._ghost, self._drag = self._ghost, None, None
        if ghost is not None:
            index, start = ghost
            e = self.entries[index]
            if start != e.start:
                self.move_requested.emit(e.kind.value, e.uuid, start, e.minutes or 30)
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self._hit(event.position().toPoint())
        if index is not None:
            self.open_requested.emit(self.entries[index].kind.value, self.entries[index].uuid)

    # -- keyboard ------------------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        moving = bool(mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        visible = [i for i, e in enumerate(self.entries) if e.day in self.days()]
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            e = self.entries[self.selected]
            self.open_requested.emit(e.kind.value, e.uuid)
        elif moving and self.selected is not None and key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left,
                                                              Qt.Key.Key_Right):
            e = self.entries[self.selected]
            if e.movable and e.start is not None:
                step = {Qt.Key.Key_Left: timedelta(days=-1), Qt.Key.Key_Right: timedelta(days=1)}.get(key)
                if step is None:
                    sign = -1 if key == Qt.Key.Key_Up else 1
                    step = timedelta(minutes=sign * SNAP_MINUTES) if self.mode == "week" else timedelta(weeks=sign)
                self.move_requested.emit(e.kind.value, e.uuid, e.start.astimezone(self.zone) + step, e.minutes or 30)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Left) and visible:
            forward = key in (Qt.Key.Key_Down, Qt.Key.Key_Right)
            if self.selected not in visible:
                self.selected = visible[0 if forward else -1]
            else:
                at = visible.index(self.selected) + (1 if forward else -1)
                self.selected = visible[max(0, min(len(visible) - 1, at))]
            e = self.entries[self.selected]
            self.setAccessibleDescription(self.entry_text(e))
            self.setToolTip(self.entry_text(e))
            self.update()
        else:
            super().keyPressEvent(event)
