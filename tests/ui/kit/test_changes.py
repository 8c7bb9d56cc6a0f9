"""The change channel: a visible watcher refreshes at once, a hidden one when next shown, others stay quiet."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget

from coachdesk.ui.kit import changes
from coachdesk.ui.kit.changes import Kind


def _pages(qtbot):  # noqa: ANN001, ANN202
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    first, second = QWidget(stack), QWidget(stack)
    first.setObjectName("first")
    second.setObjectName("second")
    stack.addWidget(first)
    stack.addWidget(second)
    stack.show()
    qtbot.waitExposed(stack)
    return stack, first, second


def test_visible_views_refresh_at_once_hidden_ones_when_shown(qtbot) -> None:  # noqa: ANN001
    stack, first, second = _pages(qtbot)
    seen: list[str] = []
    changes.watch(first, Kind.ONE_TO_ONE, lambda: seen.append("first"))
    hidden = changes.watch(second, [Kind.ONE_TO_ONE, Kind.OBJECTIVE], lambda: seen.append("second"))
    changes.announce(Kind.ONE_TO_ONE, ["u1"])
    assert seen == ["first"] and hidden.stale
    changes.announce(Kind.ONE_TO_ONE, ["u2"])
    assert seen == ["first", "first"]  # a hidden view reloads once, however many changes it missed
    stack.setCurrentWidget(second)
    assert seen == ["first", "first", "second"] and not hidden.stale
    stack.setCurrentWidget(first)
    stack.setCurrentWidget(second)
    assert seen.count("second") == 1  # shown again with nothing new: no reload


def test_other_kinds_and_unwanted_ids_are_ignored(qtbot) -> None:  # noqa: ANN001
    _stack, first, _second = _pages(qtbot)
    seen = []
    changes.watch(first, Kind.PERSON, lambda: seen.append(1), wants=lambda c: c.names("shown-uuid"))
    changes.announce(Kind.KPI_FIGURE)
    changes.announce(Kind.PERSON, ["someone-else"])
    assert seen == []
    changes.announce(Kind.PERSON, ["shown-uuid"])
    changes.announce(Kind.PERSON)  # no ids: could be anyone
    changes.announce(Kind.EVERYTHING)
    assert seen == [1, 1, 1]


def test_a_failing_refresh_does_not_stop_the_others(qtbot) -> None:  # noqa: ANN001
    _stack, first, _second = _pages(qtbot)
    seen = []
    changes.watch(first, Kind.GOAL, lambda: 1 / 0)
    changes.watch(first, Kind.GOAL, lambda: seen.append(1))
    changes.announce(Kind.GOAL)
    assert seen == [1]


def test_a_deleted_view_is_no_longer_called(qtbot) -> None:  # noqa: ANN001
    _stack, first, _second = _pages(qtbot)
    view = QWidget(first)
    view.show()
    seen = []
    changes.watch(view, Kind.TEAM, lambda: seen.append(1))
    view.deleteLater()
    qtbot.wait(10)
    changes.announce(Kind.TEAM)
    assert seen == []


def test_change_values() -> None:
    news = changes.change(["person", Kind.TEAM], ["a", None, ""])
    assert news.kinds == {"person", "team"} and news.ids == {"a"}
    assert news.touches([Kind.TEAM]) and not news.touches([Kind.GOAL])
    assert changes.change(Kind.EVERYTHING).touches([Kind.GOAL])
