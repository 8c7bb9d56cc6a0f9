"""Views never go stale after an observation: starting a session, rating, stamping a note, ending or discarding it
on the Observe page shows on the Agent page (history and scores) and Today without F5 or choosing the agent again.
Each test would fail without its write's announcement on the change channel (the pages are shown with
``refresh=False``: they reload only because they were told)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coachdesk.ui.models.history_models import HistoryModel

ALT = Qt.KeyboardModifier.AltModifier


def _agent_page(window, uuid: str):  # noqa: ANN001, ANN202
    agent = window.show_page("agent")
    assert agent.open_agent(uuid)
    return agent


def _history_cell(agent, row: int, column: int) -> str:  # noqa: ANN001
    model = agent.history_view.model
    return model.data(model.index(row, column))


def _observe(window, uuid: str):  # noqa: ANN001, ANN202
    page = window.show_page("observe", refresh=False)
    page.start_session(uuid)
    assert page.session_uuid() is not None
    return page


def test_starting_a_session_shows_it_in_progress_on_the_agent_page(window, sample) -> None:
    amelia = sample.agent_uuids["Amelia Brown"]
    agent = _agent_page(window, amelia)
    assert agent.history_view.session_count() == 0
    _observe(window, amelia)
    agent = window.show_page("agent", refresh=False)
    assert agent.history_view.session_count() == 1
    assert _history_cell(agent, 0, HistoryModel.FEEDBACK) == "in progress"


def test_a_rating_shows_in_the_agents_history_while_the_session_runs(window, sample, qtbot) -> None:
    farah = sample.agent_uuids["Farah Khan"]
    page = _observe(window, farah)
    agent = _agent_page(window, farah)  # loaded after the start: one session, nothing rated yet
    assert _history_cell(agent, 0, HistoryModel.N) == "0"
    page = window.show_page("observe", refresh=False)
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_3, ALT)  # tone of voice
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_4)  # excellent: shown at once, saved, announced
    assert page.view.model.ratings[page.state.framework.behaviours[2].id].label == "Excellent"
    agent = window.show_page("agent", refresh=False)
    assert _history_cell(agent, 0, HistoryModel.N) == "1"


def test_ending_a_session_takes_in_progress_off_the_agent_page(window, sample, qtbot) -> None:
    chloe = sample.agent_uuids["Chloé Martin"]
    page = _observe(window, chloe)
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_1, ALT)
    qtbot.keyClick(page.view.checklist, Qt.Key.Key_3)
    qtbot.keyClicks(page.view.note, "Let the customer finish")
    qtbot.keyClick(page.view.note, Qt.Key.Key_Return)
    agent = _agent_page(window, chloe)
    assert _history_cell(agent, 0, HistoryModel.FEEDBACK) == "in progress"
    page = window.show_page("observe", refresh=False)
    page.end_session()
    assert page.session_uuid() is None
    page.dialog.reject()  # the feedback composer it offers: not now
    agent = window.show_page("agent", refresh=False)
    assert agent.history_view.session_count() == 1
    assert _history_cell(agent, 0, HistoryModel.FEEDBACK) != "in progress"
    assert "from 1 observations" in agent.history_view.scores_label.text()


def test_discarding_an_empty_session_takes_it_off_the_agent_page(window, sample, qtbot) -> None:
    daniel = sample.agent_uuids["Daniel Okafor"]
    _observe(window, daniel)
    agent = _agent_page(window, daniel)
    assert agent.history_view.session_count() == 1
    page = window.show_page("observe", refresh=False)
    page.end_session()
    qtbot.keyClick(page.empty_box, Qt.Key.Key_Return)  # Discard is the default
    assert page.session_uuid() is None
    agent = window.show_page("agent", refresh=False)
    assert agent.history_view.session_count() == 0 and "Not observed yet" in agent.history_view.sessions_label.text()


def test_the_observe_start_panel_lists_a_session_started_elsewhere(window, sample) -> None:
    """The start panel (hidden behind the Agent page) learns of an unfinished session when it is shown again."""
    from coachdesk.domain.enums import ObservationMode
    from coachdesk.ui.actions import observation as actions

    page = window.show_page("observe")
    assert page.start.unfinished.count() == 0
    agent = _agent_page(window, sample.agent_uuids["George Ellis"])
    actions.start_session(agent, window.ctx, sample.agent_uuids["George Ellis"], ObservationMode.SIDE_BY_SIDE, True,
                          None, done=lambda _state: None)
    page = window.show_page("observe", refresh=False)
    assert page.start.unfinished.count() == 1 and "George Ellis" in page.start.unfinished.item(0).text()
    assert QApplication.focusWidget() is not None
