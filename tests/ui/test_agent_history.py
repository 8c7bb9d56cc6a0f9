"""The agent page's history: scores with n, past sessions with their feedback, reopening one read-only,
amending a note after the fact, and the way to the Observe page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from coachdesk.domain.enums import NoteKind, SessionStatus
from coachdesk.domain.scores import Score
from coachdesk.services import feedback as fb
from coachdesk.services import observation as history
from coachdesk.services import observation as obs
from coachdesk.services.observation import HistoryRow, NamedScore
from coachdesk.ui.kit.tables import SORT_ROLE
from coachdesk.ui.models.history_models import HistoryModel, ScoreModel


@pytest.fixture
def observed(ctx, sample):  # noqa: ANN001, ANN201
    """Amelia observed twice: a finished session with delivered feedback, and one still in progress."""
    agent = sample.agent_uuids["Amelia Brown"]
    now = datetime.now(UTC)
    first = obs.start_session(ctx.db, agent, observer_uuid=sample.leader_uuids["Laura Bennett"],
                              at=now - timedelta(days=2))
    ids = {b.code: b.id for b in first.framework.behaviours}
    call, _ = obs.start_interaction(ctx.db, first.uuid, "CALL-1", at=now - timedelta(days=2))
    obs.rate(ctx.db, first.uuid, ids["EMPATHY"], "4", call.uuid)
    obs.rate(ctx.db, first.uuid, ids["TONE"], "2", call.uuid)
    obs.add_note(ctx.db, first.uuid, "Named the worry", NoteKind.STRENGTH, call.uuid, ids["EMPATHY"])
    obs.end_session(ctx.db, first.uuid, at=now - timedelta(days=2) + timedelta(minutes=20))
    fb.save_feedback(ctx.db, first.uuid, "Empathy", "Tone", delivered_at=now - timedelta(days=2, minutes=-50))
    second = obs.start_session(ctx.db, agent, at=now - timedelta(hours=1))
    obs.set_current(ctx.db, None)
    return first.uuid, second.uuid


def test_history_and_score_models_without_widgets() -> None:
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    rows = [HistoryRow("a", now, now, SessionStatus.COMPLETED, "side_by_side", "Laura", 2, Score("", 75.0, 8), "f",
                       now + timedelta(minutes=30), timedelta(minutes=30)),
            HistoryRow("b", now + timedelta(days=1), None, SessionStatus.IN_PROGRESS, "remote_listening", None, 0,
                       Score("", None, 0), None, None, None)]
    model = HistoryModel(rows)
    assert model.data(model.index(0, HistoryModel.SCORE)) == "75"
    assert model.data(model.index(0, HistoryModel.FEEDBACK)) == "feedback after 30 min"
    assert model.data(model.index(1, HistoryModel.FEEDBACK)) == "in progress"
    assert model.data(model.index(1, HistoryModel.SCORE)) == "–"
    assert model.data(model.index(1, HistoryModel.DATE), SORT_ROLE) > model.data(model.index(0, 0), SORT_ROLE)
    scores = ScoreModel([NamedScore("Empathy", Score("EMPATHY", 66.7, 3, 1))])
    assert [scores.data(scores.index(0, c)) for c in range(4)] == ["Empathy", "67", "3",
                                                                    "too few to compare · 1 not applicable"]


def test_history_texts_are_made_once_per_rows_and_follow_new_rows() -> None:
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    first = HistoryRow("a", now, now, SessionStatus.COMPLETED, "side_by_side", "Laura", 2, Score("", 75.0, 8), "f",
                       now + timedelta(minutes=30), timedelta(minutes=30))
    made: list[int] = []

    class Counting(HistoryModel):
        COLUMNS = tuple(type(c)(c.title, (lambda f: lambda r: made.append(1) or f(r))(c.text), c.sort_key,
                                c.align_right, c.tooltip) for c in HistoryModel.COLUMNS)

    model = Counting([first])
    texts = [model.data(model.index(0, c)) for c in range(len(HistoryModel.COLUMNS))]
    assert texts == [HistoryModel([first]).data(HistoryModel([first]).index(0, c))
                     for c in range(len(HistoryModel.COLUMNS))]
    assert len(made) == len(HistoryModel.COLUMNS)
    assert [model.data(model.index(0, c)) for c in range(len(HistoryModel.COLUMNS))] == texts  # painted again
    assert len(made) == len(HistoryModel.COLUMNS)  # ... from the kept texts
    assert model.data(model.index(0, HistoryModel.SCORE), Qt.ItemDataRole.ToolTipRole) == "8 observations"
    assert model.data(model.index(0, HistoryModel.SCORE), Qt.ItemDataRole.DecorationRole) is None
    later = HistoryRow("b", now, None, SessionStatus.IN_PROGRESS, "remote_listening", None, 0, Score("", None, 0),
                       None, None, None)
    model.set_rows([later])
    assert model.data(model.index(0, HistoryModel.SCORE)) == "–"
    assert model.data(model.index(0, HistoryModel.FEEDBACK)) == "in progress"
    assert model.data(model.index(1, HistoryModel.SCORE)) is None  # no such row


def test_the_agent_page_lists_observations_and_scores(qtbot, window, sample, observed) -> None:
    page = window.open_agent(sample.agent_uuids["Amelia Brown"]) and window.pages["agent"]
    view = page.history_view
    assert view.isVisible() and view.session_count() == 2
    assert view.model.data(view.model.index(0, HistoryModel.FEEDBACK)) == "in progress"
    assert view.model.data(view.model.index(1, HistoryModel.FEEDBACK)) == "feedback after 30 min"
    assert view.model.data(view.model.index(1, HistoryModel.N)) == "2"
    assert "from 2 observations" in view.scores_label.text() and "too few" in view.scores_label.text()
    names = [view.score_model.data(view.score_model.index(r, 0)) for r in range(view.score_model.rowCount())]
    assert names == ["Tone of voice", "Empathy"]
    window.open_agent(sample.agent_uuids["Farah Khan"])
    assert view.session_count() == 0 and "Not observed yet" in view.sessions_label.text()


def test_reopen_a_session_read_only_and_amend_a_note(qtbot, window, ctx, sample, observed) -> None:
    first, _second = observed
    window.open_agent(sample.agent_uuids["Amelia Brown"])
    view = window.pages["agent"].history_view
    view.focus_sessions()
    qtbot.keyClick(view.sessions, Qt.Key.Key_Down)
    qtbot.keyClick(view.sessions, Qt.Key.Key_Return)
    dialog = view.dialog
    qtbot.addWidget(dialog)
    assert dialog.session_uuid == first and dialog.isVisible()
    assert "Laura Bennett" in dialog.meta.text()
    assert "Delivered" in dialog.feedback.text() and "30 min after" in dialog.feedback.text()
    assert any("Named the worry" in line for line in dialog.log.lines())
    assert not dialog.resume_button.isVisibleTo(dialog) and dialog.amend_button.isVisibleTo(dialog)
    assert not dialog.amend_note("x", "y")  # nothing chosen
    row = next(r for r in range(dialog.log.count()) if "Named the worry" in dialog.log.item(r).text())
    dialog.log.setCurrentRow(row)
    assert not dialog.amend_note("Named the worry", "no change")
    assert "already says that" in dialog.error.text()
    assert dialog.amend_note("Named the customer's worry", "More precise")
    assert "More precise" in dialog.amendments.text()
    detail = history.session_detail(ctx.db, first)
    assert detail.state.notes[0].text == "Named the customer's worry"
    assert [(a.old_value, a.reason) for a in detail.amendments] == [("Named the worry", "More precise")]


def test_an_unfinished_session_resumes_from_the_history(qtbot, window, sample, observed) -> None:
    _first, second = observed
    window.open_agent(sample.agent_uuids["Amelia Brown"])
    view = window.pages["agent"].history_view
    view.sessions.selectRow(0)
    dialog = view.open_session()
    qtbot.addWidget(dialog)
    assert dialog.resume_button.isVisibleTo(dialog)
    dialog.resume_button.click()
    assert window.current_page_key() == "observe" and window.pages["observe"].session_uuid() == second


def test_observe_now_opens_the_observe_page_for_the_agent(qtbot, window, ctx, sample) -> None:
    window.open_agent(sample.agent_uuids["Farah Khan"])
    window.pages["agent"].history_view.observe_button.click()
    page = window.pages["observe"]
    assert window.current_page_key() == "observe"
    assert page.start.agents.currentItem().text().startswith("Farah Khan")
    qtbot.keyClick(page.start.search, Qt.Key.Key_Return)
    assert obs.load_session(ctx.db, page.session_uuid()).agent_name == "Farah Khan"
