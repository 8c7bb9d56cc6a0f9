"""What a walk through the app checks at every step, as a user would see it: the main window neither moved nor
resized, each widget touched is shown whole inside its window (scrolled to, at most, as a scroll area does on
focus), every window or dialog fits the screen's available area; and a screenshot of each step."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget

from tests.ui.fit_checks import describe, settle


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    """``widget``'s whole rectangle in ``ancestor``'s coordinates."""
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _scroll_areas(widget: QWidget) -> list[QScrollArea]:
    """The scroll areas ``widget`` lies in, innermost first."""
    found, parent = [], widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QScrollArea):
            found.append(parent)
        parent = parent.parentWidget()
    return found


def _shown(widget: QWidget) -> QRegion:
    """What of ``widget`` (its children included) can be seen: ``visibleRegion()`` leaves out the part its own
    children cover (a list's viewport covers the list), so theirs is added back."""
    region = widget.visibleRegion()
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child.isVisible() and not child.isWindow():
            region = region.united(_shown(child).translated(child.pos()))
    return region


def out_of_sight(widget: QWidget) -> list[str]:
    """Why ``widget`` is not wholly in sight in its window as it is scrolled now ([] when it is)."""
    name = describe(widget)
    if not widget.isVisible():
        return [f"{name} is hidden"]
    problems = []
    window = widget.window()
    if not window.rect().contains(_rect_in(widget, window)):
        inside = _rect_in(widget, window)
        problems.append(f"{name} at {inside.x()},{inside.y()} {inside.width()}x{inside.height()} is outside its "
                        f"window ({window.width()}x{window.height()})")
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():  # every parent clips: a scroll viewport is one of them
        if not parent.rect().contains(_rect_in(widget, parent)):
            viewport = isinstance(parent.parentWidget(), QAbstractScrollArea) and \
                parent is parent.parentWidget().viewport()
            problems.append(f"{name} is not wholly inside " + (f"the viewport of {describe(parent.parentWidget())}"
                                                               if viewport else describe(parent)))
        parent = parent.parentWidget()
    hidden = QRegion(widget.rect()).subtracted(_shown(widget))
    if not hidden.isEmpty():
        box = hidden.boundingRect()
        problems.append(f"{box.width()}x{box.height()} px of {name} are cut off or covered")
    return problems


def fits_screen(window: QWidget) -> list[str]:
    """Why the top-level ``window`` does not fit its screen's available area ([] when it does)."""
    area = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    frame = window.frameGeometry()
    problems = []
    if not area.contains(frame):
        problems.append(f"{describe(window)} at {frame.x()},{frame.y()} {frame.width()}x{frame.height()} does not "
                        f"fit the screen's {area.width()}x{area.height()}")
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    if hint.width() > area.width() or hint.height() > area.height():
        problems.append(f"{describe(window)} asks for at least {hint.width()}x{hint.height()}, more than the "
                        f"screen's {area.width()}x{area.height()}")
    return problems


class Walk:
    """One user at the keyboard and mouse: every touch is checked first, every step ends with a check of the
    main window and every open window, and a screenshot in ``shots``."""

    def __init__(self, qtbot, window: QWidget, shots: Path) -> None:  # noqa: ANN001
        self.qtbot, self.window, self.shots = qtbot, window, shots
        shots.mkdir(parents=True, exist_ok=True)
        for old in shots.glob("*.png"):
            old.unlink()
        settle()
        self.geometry = window.geometry()
        self.frame = window.frameGeometry()
        self.number = 0
        self.scrolled: list[str] = []  # widgets that were out of sight until their scroll area was scrolled

    def reach(self, widget: QWidget, scroll: bool = True) -> QWidget:
        """Bring ``widget`` into sight as a user can without resizing anything (scroll its scroll areas to it, as
        Qt does when it takes the focus), then check that it is wholly in sight."""
        settle()
        if scroll and out_of_sight(widget):
            for area in _scroll_areas(widget):  # the whole widget (ensureWidgetVisible shows a line's cursor)
                across = area.horizontalScrollBar().value()
                centre = widget.mapTo(area.widget(), widget.rect().center())
                area.ensureVisible(centre.x(), centre.y(), widget.width() // 2 + 1, widget.height() // 2 + 1)
                assert area.horizontalScrollBar().value() == across, \
                    f"{describe(widget)} is reached only by scrolling {describe(area)} sideways"
            settle()
            self.scrolled.append(describe(widget))
        problems = out_of_sight(widget)
        assert not problems, "\n".join(problems)
        return widget

    def click(self, widget: QWidget, scroll: bool = True) -> None:
        self.reach(widget, scroll)
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
        settle()

    def click_at(self, widget: QWidget, point: QPoint) -> None:
        """A click on one spot of ``widget`` (a list's row): the spot must be in sight too."""
        self.reach(widget)
        assert widget.rect().contains(point) and widget.visibleRegion().contains(point), \
            f"{describe(widget)}: {point.x()},{point.y()} is out of sight"
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
        settle()

    def back(self) -> None:
        """A dialog closed: the main window is active again (a window manager does this; offscreen, the test)."""
        self.window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window, timeout=2000)
        settle()

    def focused(self) -> QWidget:
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
        return QApplication.focusWidget()

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            into: QWidget | None = None) -> None:
        """A key press where the focus is (or into ``into``), which must be in sight."""
        target = into or self.focused()
        self.reach(target)
        self.qtbot.keyClick(target, key, modifier)
        settle()

    def type(self, text: str, into: QWidget | None = None) -> None:
        target = into or self.focused()
        self.reach(target)
        self.qtbot.keyClicks(target, text)
        settle()

    def step(self, name: str) -> None:
        """The end of a step: the main window is where and as large as it was, every window fits the screen;
        a screenshot of each."""
        settle()
        self.number += 1
        assert self.window.geometry() == self.geometry and self.window.frameGeometry() == self.frame, (
            f"after {name}: the main window moved or resized from {self.geometry.getRect()} to "
            f"{self.window.geometry().getRect()}")
        problems = []
        for top in self.open_windows():
            problems += fits_screen(top)
            suffix = "" if top is self.window else "-" + re.sub(r"\W+", "-", top.objectName() or "dialog")
            shot = self.shots / f"{self.number:02d}-{name}{suffix}.png"
            assert top.grab().save(str(shot)), f"could not save {shot}"
        assert not problems, f"after {name}:\n" + "\n".join(problems)

    def open_windows(self) -> list[QWidget]:
        tops = [w for w in QApplication.topLevelWidgets() if w.isVisible()
                and w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)]  # not menus, pop-ups, tips
        return sorted(tops, key=lambda w: w is not self.window)
