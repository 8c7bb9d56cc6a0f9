"""The calibration view: hidden while an observer is still rating, then agreement and deviations per behaviour
and per observer, as the hand-computed cases in tests/domain/test_calibration.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coachdesk.domain.enums import ObservationMode
from coachdesk.services import observation as obs
from coachdesk.ui.dialogs.calibration_dialog import CalibrationDialog

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def rate(ctx, agent: str, observer: str, ratings: dict[str, str], end: bool = True) -> str:  # noqa: ANN001
    state = obs.start_session(ctx.db, agent, ObservationMode.RECORDING_REVIEW, observer_uuid=observer)
    call, _ = obs.start_interaction(ctx.db, state.uuid, "CALL-5150")
    ids = {b.code: b.id for b in state.framework.behaviours}
    for code, key in ratings.items():
        obs.rate(ctx.db, state.uuid, ids[code], key, call.uuid)
    if end:
        obs.end_session(ctx.db, state.uuid, at=datetime.now(UTC) + timedelta(seconds=1))
    return state.uuid


def test_calibration_view(qtbot, ctx, sample) -> None:
    agent = sample.agent_uuids["Chloé Martin"]
    laura, marcus = sample.leader_uuids["Laura Bennett"], sample.leader_uuids["Marcus Reid"]
    rate(ctx, agent, laura, {"LISTEN": "1", "TONE": "4"})
    running = rate(ctx, agent, marcus, {"LISTEN": "4", "TONE": "4"}, end=False)
    dialog = CalibrationDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.references.count() == 1 and "1 still rating" in dialog.references.item(0).text()
    assert "stay hidden" in dialog.summary.text() and dialog.behaviours.rowCount() == 0
    obs.end_session(ctx.db, running)
    dialog.refresh()
    assert "exact agreement 50% of pairs" in dialog.summary.text()  # LISTEN 0 of 1 pair, TONE 1 of 1
    assert "mean absolute deviation 25.0 points" in dialog.summary.text()  # LISTEN ±50, TONE 0
    table = dialog.behaviours
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Behaviour", "Laura Bennett", "Marcus Reid", "Agreement", "Group mean", "MAD"]
    assert [table.item(0, c).text() for c in range(6)] == ["Listening skills", "Not yet (-50.0)", "Excellent (+50.0)",
                                                           "0%", "50.0", "50.0"]
    assert [table.item(1, c).text() for c in range(6)] == ["Tone of voice", "Excellent (+0.0)", "Excellent (+0.0)",
                                                           "100%", "100.0", "0.0"]
    people = dialog.observers
    assert [people.item(0, c).text() for c in range(5)] == ["Laura Bennett", "2", "-25.0", "25.0",
                                                            "harsher than the group"]
    assert people.item(1, 4).text() == "more lenient than the group"


def test_nothing_to_calibrate_says_how(qtbot, ctx) -> None:
    dialog = CalibrationDialog(ctx)
    qtbot.addWidget(dialog)
    assert "No interaction has been rated by two observers yet" in dialog.summary.text()


def test_reachable_from_the_observe_page(qtbot, window) -> None:
    page = window.show_page("observe")
    dialog = page.open_calibration()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, CalibrationDialog) and dialog.isVisible()


def rate_ref(ctx, agent: str, observer: str, reference: str, minutes: int) -> None:  # noqa: ANN001
    at = T0 + timedelta(minutes=minutes)
    state = obs.start_session(ctx.db, agent, ObservationMode.RECORDING_REVIEW, observer_uuid=observer, at=at)
    call, _ = obs.start_interaction(ctx.db, state.uuid, reference, at=at)
    obs.rate(ctx.db, state.uuid, state.framework.behaviours[0].id, "3", call.uuid)
    obs.end_session(ctx.db, state.uuid, at=at + timedelta(minutes=5))


def test_case_is_ignored_and_a_near_match_is_named(qtbot, ctx, sample) -> None:
    agent = sample.agent_uuids["Chloé Martin"]
    laura, marcus = sample.leader_uuids["Laura Bennett"], sample.leader_uuids["Marcus Reid"]
    rate_ref(ctx, agent, laura, "CAL-0042", 0)
    rate_ref(ctx, agent, marcus, "cal-0042", 1)
    dialog = CalibrationDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.references.count() == 1 and "2 observers" in dialog.references.item(0).text()
    assert "near match" not in dialog.references.item(0).text() and "Left out" not in dialog.near.text()
    assert "Typed as “CAL-0042”, “cal-0042”: matched as one" in dialog.near.text()
    rate_ref(ctx, agent, sample.agent_uuids["Farah Khan"], "CAL_0042", 2)  # a third observer, other separator
    dialog.refresh()
    item = dialog.references.item(0).text()
    assert "2 observers" in item and "near match left out" in item
    assert dialog.near.isVisibleTo(dialog) and "“CAL_0042”" in dialog.near.text()
    assert "“CAL-0042”, “cal-0042”: matched as one" in dialog.near.text()


def test_near_matches_that_would_calibrate_together_are_named(qtbot, ctx, sample) -> None:
    agent = sample.agent_uuids["Chloé Martin"]
    rate_ref(ctx, agent, sample.leader_uuids["Laura Bennett"], "CAL-0042", 0)
    rate_ref(ctx, agent, sample.leader_uuids["Marcus Reid"], "CAL0042", 1)
    dialog = CalibrationDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.references.count() == 0 and "No interaction has been rated" in dialog.summary.text()
    assert dialog.left_out.isVisibleTo(dialog)
    assert "“CAL-0042” / “CAL0042” (Chloé Martin) look alike" in dialog.left_out.text()


def test_the_start_panel_has_a_labelled_calibration_button_with_alt_c(qtbot, window) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    page = window.show_page("observe")
    button = page.start.findChild(QPushButton, "observeCalibration")
    assert button is page.start.calibration_button and button.isVisible()
    assert button.text().replace("&", "").startswith("Calibration: compare observers")
    assert "Alt+C" in button.toolTip() and button.accessibleName() == "Calibration: compare observers"
    page.start.search.setFocus()
    qtbot.keyClick(page.start.search, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(page.dialog, CalibrationDialog) and page.dialog.isVisible(), timeout=1000)
    page.dialog.reject()
