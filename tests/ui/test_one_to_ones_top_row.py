"""The One-to-ones page's top row on a laptop (1280x720): the chooser gives way so that whom it lists ("Nobody signed
in: every team's agents") is shown whole, and a chosen agent's line shows its start, the name, however long."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from coachdesk.ui.pages.one_to_ones_page import FIND_EMS


def test_whom_it_lists_is_whole_and_the_chosen_name_shows_at_a_laptops_size(qtbot, window, sample) -> None:  # noqa: ANN001
    window.resize(1280, 720)
    page = window.show_page("one_to_ones")
    QApplication.processEvents()
    assert page.who.text() == "Nobody signed in: every team's agents"
    qtbot.waitUntil(lambda: page.who.width() > 0)
    assert not page.who.is_elided(), page.who.width()
    em = page.agent.fontMetrics().horizontalAdvance("M")
    assert page.agent.width() == FIND_EMS * em  # as wide as it may be: the rest of the row is the label's
    assert page.open_agent(sample.agent_uuids["Bartłomiej Nowak"])
    assert page.agent.lineEdit().text().startswith("Bartłomiej Nowak — ")
    assert page.agent.lineEdit().cursorPosition() == 0  # its start, the name, is in view, not its end
