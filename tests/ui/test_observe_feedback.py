"""The feedback composer: a past follow-up date is refused with a clear message, timeliness is shown, a strength
becomes a recognition in one step, and delivered feedback is only changed with a reason (an amendment)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import QApplication

from coachdesk.domain.enums import NoteKind
from coachdesk.services import feedback as fb
from coachdesk.services import observation as history
from coachdesk.services import observation as obs
from coachdesk.ui.dialogs.feedback_dialog import FeedbackDialog
from coachdesk.ui.kit.words import timeliness_text as format_timeliness

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def ended(ctx, sample):  # noqa: ANN001, ANN201
    state = obs.start_session(ctx.db, sample.agent_uuids["Amelia Brown"], at=datetime.now().astimezone()
                              - timedelta(minutes=30))
    ids = {b.code: b.id for b in state.framework.behaviours}
    obs.rate(ctx.db, state.uuid, ids["EMPATHY"], "4")
    obs.add_note(ctx.db, state.uuid, "Named the customer's worry", NoteKind.STRENGTH, behaviour_id=ids["EMPATHY"])
    obs.add_note(ctx.db, state.uuid, "“I completely understand”", NoteKind.VERBATIM, behaviour_id=ids["EMPATHY"])
    return obs.end_session(ctx.db, state.uuid, at=datetime.now().astimezone() - timedelta(minutes=20))


def open_dialog(qtbot, ctx, uuid: str) -> FeedbackDialog:  # noqa: ANN001
    dialog = FeedbackDialog(ctx, uuid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # as a window manager does: the composer's shortcuts need it active
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=1000)
    return dialog


def test_a_follow_up_date_in_the_past_is_refused_with_a_clear_message(qtbot, ctx, ended) -> None:
    dialog = open_dialog(qtbot, ctx, ended.uuid)
    yesterday = date.today() - timedelta(days=1)
    dialog.follow_up.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    qtbot.keyClick(dialog.went_well, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "is in the past: choose today or a later day" in dialog.error.text()
    assert fb.feedback_for_session(ctx.db, ended.uuid) is None
    dialog.has_follow_up.setChecked(False)
    qtbot.keyClick(dialog.went_well, Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible()
    assert fb.feedback_for_session(ctx.db, ended.uuid).follow_up_date is None


def test_timeliness_is_shown_and_kept(qtbot, ctx, ended) -> None:
    dialog = open_dialog(qtbot, ctx, ended.uuid)
    assert re.search(r"given (19|20) min after the observation", dialog.timeliness.text())
    delivered = ended.ended_at + timedelta(hours=3, minutes=5, seconds=30)
    dialog.delivered_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(delivered.timestamp())))
    assert "given 3 h 5 min after" in dialog.timeliness.text()
    dialog.delivered.setChecked(False)
    assert "not delivered yet" in dialog.timeliness.text()
    dialog.delivered.setChecked(True)
    dialog.delivered_at.setDateTime(QDateTime.currentDateTime())
    dialog.save()
    row = history.agent_history(ctx.db, ended.agent_uuid)[0]
    assert row.timeliness is not None and timedelta(minutes=19) < row.timeliness < timedelta(minutes=22)


def test_feedback_ticked_as_delivered_during_a_running_observation_is_not_called_undelivered(qtbot, ctx,
                                                                                               sample) -> None:
    running = obs.start_session(ctx.db, sample.agent_uuids["Amelia Brown"],
                                at=datetime.now().astimezone() - timedelta(minutes=5))
    dialog = open_dialog(qtbot, ctx, running.uuid)
    assert dialog.delivered.isChecked()
    assert "still running" in dialog.timeliness.text() and "not delivered" not in dialog.timeliness.text()
    dialog.delivered.setChecked(False)
    assert "not delivered yet" in dialog.timeliness.text()


def test_a_strength_becomes_a_recognition_in_one_step(qtbot, ctx, ended) -> None:
    dialog = open_dialog(qtbot, ctx, ended.uuid)
    assert dialog.strengths.currentRow() == 0
    qtbot.keyClick(dialog.went_well, Qt.Key.Key_R, CTRL)
    assert "recognised" in dialog.strengths.item(0).text()
    assert "Recognition added: Empathy: Named the customer's worry" in dialog.error.text()
    assert fb.compose(ctx.db, ended.uuid).strengths[0].recognised
    qtbot.keyClick(dialog.went_well, Qt.Key.Key_R, CTRL)  # twice: refused, said plainly
    assert "already been recognised" in dialog.error.text()


def test_delivered_feedback_changes_only_with_a_reason(qtbot, ctx, ended) -> None:
    first = open_dialog(qtbot, ctx, ended.uuid)
    first.save()
    again = open_dialog(qtbot, ctx, ended.uuid)
    assert again.reason.isVisibleTo(again)
    again.went_well.setPlainText("Empathy, and a warm close")
    again.save()
    assert "give a reason" in again.error.text() and again.isVisible()
    again.reason.setText("Forgot the close")
    again.save()
    assert not again.isVisible()
    detail = history.session_detail(ctx.db, ended.uuid)
    assert [(a.field, a.reason) for a in detail.amendments] == [("went_well", "Forgot the close")]


def test_format_timeliness() -> None:
    assert format_timeliness(None) == "not delivered yet"
    assert format_timeliness(timedelta(seconds=20)) == "under a minute"
    assert format_timeliness(timedelta(minutes=59)) == "59 min"
    assert format_timeliness(timedelta(hours=2)) == "2 h"
    assert format_timeliness(timedelta(hours=26)) == "1 day 2 h"
    assert format_timeliness(timedelta(days=3, hours=1)) == "3 days 1 h"


def test_feedback_saved_elsewhere_meanwhile_is_a_conflict_not_an_overwrite(qtbot, ctx, ended) -> None:
    from tests.ui.test_conflict_dialog import CANCEL, KEEP_MINE, answer_conflict

    fb.save_feedback(ctx.db, ended.uuid, "First words", "First idea", expected_version=0)
    dialog = open_dialog(qtbot, ctx, ended.uuid)
    fb.save_feedback(ctx.db, ended.uuid, "Their words", "Their idea", delivered_at=None,
                     expected_version=fb.compose(ctx.db, ended.uuid).existing.version)  # another coach saves
    dialog.went_well.setPlainText("My words")
    seen: list = []
    answer_conflict(CANCEL, seen)
    dialog.save()
    assert seen and dialog.isVisible() and "changed by someone else" in dialog.error.text()
    assert fb.compose(ctx.db, ended.uuid).existing.went_well == "Their words"  # nothing of mine saved
    assert dialog.went_well.toPlainText() == "My words"  # and my typing is still there
    answer_conflict(KEEP_MINE, seen)
    dialog.save()
    assert len(seen) == 2 and not dialog.isVisible()
    assert fb.compose(ctx.db, ended.uuid).existing.went_well == "My words"
