"""Feedback follow-ups are marked done with their outcome on Today, the agent page and the feedback record (the
session view); every view showing them refreshes through the change channel, and the prep sheet stops saying
"not marked done"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from coachdesk.services import feedback as fb
from coachdesk.services import observation as obs
from coachdesk.services import one_to_ones as oto


def _delivered_feedback(ctx, agent: str, leader: str, to_improve: str, follow_up: date) -> str:  # noqa: ANN001
    """A finished observation, before ``follow_up``, with delivered feedback; returns the feedback's UUID."""
    at = datetime.combine(follow_up - timedelta(days=7), datetime.min.time(), tzinfo=UTC) + timedelta(hours=10)
    at = min(at, datetime.now(UTC) - timedelta(hours=2))
    session = obs.start_session(ctx.db, agent, observer_uuid=leader, at=at)
    obs.end_session(ctx.db, session.uuid, at=at + timedelta(minutes=20))
    row = fb.save_feedback(ctx.db, session.uuid, "Warm opening", to_improve, follow_up_date=follow_up,
                           delivered_at=at + timedelta(minutes=40), today=at.date(), now=at + timedelta(minutes=40))
    obs.set_current(ctx.db, None)
    return row.uuid


def _outcome(ctx, uuid: str) -> tuple:  # noqa: ANN001
    from coachdesk.storage.models import Feedback

    with ctx.db.session() as s:
        outcome, note, done = s.execute(select(Feedback.follow_up_outcome, Feedback.follow_up_note,
                                               Feedback.follow_up_done_at).where(Feedback.uuid == uuid)).one()
    return (outcome.value if outcome else None, note, done is not None)


def _finish(qtbot, dialog, outcome: str, note: str) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QRadioButton

    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    dialog.findChild(QRadioButton, f"followUpOutcome_{outcome}").setChecked(True)
    dialog.note.setPlainText(note)
    dialog.ok.click()


def _texts(view) -> list[str]:  # noqa: ANN001
    return [view.item(i).text() for i in range(view.count())]


def test_mark_done_on_today_takes_it_off_the_list_and_out_of_the_talking_points(qtbot, window, ctx, sample) -> None:
    agent, leader = sample.agent_uuids["Amelia Brown"], sample.leader_uuids["Laura Bennett"]
    uuid = _delivered_feedback(ctx, agent, leader, "Summarise before solving", date.today() - timedelta(days=3))
    page = window.show_page("today")
    page.refresh()
    panel = page.one_to_ones
    assert any("Summarise before solving" in t for t in _texts(panel.follow))
    assert panel.follow.currentRow() == 0 and panel.mark_done.isEnabled()  # the first is chosen: the button works
    before = oto.prep_sheet(ctx.db, agent)
    assert any("not marked done" in p.reason for p in before.talking_points)
    panel.mark_done.click()
    dialog = page.follow_up_dialog
    dialog.ok.click()  # no outcome chosen: refused, nothing saved
    assert "Choose how it turned out" in dialog.message.text() and _outcome(ctx, uuid) == (None, None, False)
    _finish(qtbot, dialog, "partly", "Better on short calls")
    assert _outcome(ctx, uuid) == ("partly", "Better on short calls", True)
    assert not any("Summarise before solving" in t for t in _texts(panel.follow))  # refreshed by the channel
    assert _texts(panel.follow) == ["No follow-up is due."] and not panel.mark_done.isEnabled()
    after = oto.prep_sheet(ctx.db, agent)
    assert not any("not marked done" in p.reason for p in after.talking_points)


def test_mark_done_on_the_agent_page(qtbot, window, ctx, sample) -> None:
    agent, leader = sample.agent_uuids["Chloé Martin"], sample.leader_uuids["Laura Bennett"]
    old = _delivered_feedback(ctx, agent, leader, "Check the account first", date.today() - timedelta(days=90))
    soon = _delivered_feedback(ctx, agent, leader, "Offer the callback", date.today() + timedelta(days=2))
    window.open_agent(agent)
    view = window.pages["agent"].history_view
    assert view.follow_ups_box.isVisibleTo(view)
    # an old follow-up stays until it is closed (Today's list keeps only 60 days), the soonest first
    assert ["Check the account first" in t for t in _texts(view.follow_ups)] == [True, False]
    view.follow_ups.setCurrentRow(1)
    view.follow_up_done.click()
    _finish(qtbot, view.dialog, "improved", "")
    assert _outcome(ctx, soon) == ("improved", None, True) and _outcome(ctx, old) == (None, None, False)
    assert len(_texts(view.follow_ups)) == 1 and "Check the account first" in _texts(view.follow_ups)[0]
    view.follow_ups.setCurrentRow(0)
    view.mark_follow_up_done()
    _finish(qtbot, view.dialog, "not_yet", "Still solving first")
    assert _outcome(ctx, old) == ("not_yet", "Still solving first", True)
    assert not view.follow_ups_box.isVisibleTo(view)  # nothing open: the list goes


def test_mark_done_on_the_feedback_record(qtbot, window, ctx, sample) -> None:
    from coachdesk.ui.dialogs.session_dialog import SessionDialog

    agent, leader = sample.agent_uuids["Farah Khan"], sample.leader_uuids["Marcus Reid"]
    uuid = _delivered_feedback(ctx, agent, leader, "Use the customer's name", date.today() - timedelta(days=1))
    from coachdesk.storage.models import Feedback, ObservationSession

    with ctx.db.session() as s:
        session_uuid = s.scalar(select(ObservationSession.uuid).join(
            Feedback, Feedback.session_id == ObservationSession.id).where(Feedback.uuid == uuid))
    record = SessionDialog(ctx, session_uuid, window)
    qtbot.addWidget(record)
    record.show()
    assert record.follow_up_button.isVisibleTo(record)
    child = record.mark_follow_up_done()
    _finish(qtbot, child, "improved", "Used it on every call")
    assert _outcome(ctx, uuid) == ("improved", "Used it on every call", True)
    assert not record.follow_up_button.isVisibleTo(record)
    assert "Follow-up done" in record.feedback.text() and "Used it on every call" in record.feedback.text()


def test_mark_done_follows_the_highlighted_row(qtbot, window, ctx, sample) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    leader = sample.leader_uuids["Laura Bennett"]
    first = _delivered_feedback(ctx, sample.agent_uuids["Amelia Brown"], leader, "Summarise before solving",
                                date.today() - timedelta(days=5))
    second = _delivered_feedback(ctx, sample.agent_uuids["George Ellis"], leader, "Confirm the address",
                                 date.today() - timedelta(days=2))
    page = window.show_page("today")
    page.refresh()
    panel = page.one_to_ones
    rows = [panel.follow.item(r).data(Qt.ItemDataRole.UserRole + 1) for r in range(panel.follow.count())]
    assert rows == [first, second]
    assert panel.follow.currentRow() == 0 and panel.mark_done.isEnabled()  # shown with a row: never disabled
    view = panel.follow
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(view.item(1)).center())
    assert view.currentRow() == 1 and panel.mark_done.isEnabled()
    page.refresh()  # a reload keeps the row chosen
    assert view.currentRow() == 1 and panel.mark_done.isEnabled()
    panel.mark_done.click()
    assert page.follow_up_dialog is not None and page.follow_up_dialog.uuid == second
    _finish(qtbot, page.follow_up_dialog, "improved", "")
    assert [view.item(r).data(Qt.ItemDataRole.UserRole + 1) for r in range(view.count())] == [first]
    assert view.currentRow() == 0 and panel.mark_done.isEnabled()  # the one left is chosen
    panel.mark_done.click()
    assert page.follow_up_dialog.uuid == first
    _finish(qtbot, page.follow_up_dialog, "partly", "")
    assert _texts(view) == ["No follow-up is due."] and view.currentRow() == -1 and not panel.mark_done.isEnabled()
