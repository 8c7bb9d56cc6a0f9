"""The Agent page on a 1280x720 laptop: no Prepare button floating before an agent is chosen, the trend chart
above the fold, and the mouse wheel over an inner table scrolls the page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea

from coachdesk.services import feedback as fb
from coachdesk.services import observation as obs


def _observed(ctx, agent: str, times: int) -> None:  # noqa: ANN001
    now = datetime.now(UTC)
    for n in range(times):
        at = now - timedelta(days=n + 1)
        state = obs.start_session(ctx.db, agent, at=at)
        obs.end_session(ctx.db, state.uuid, at=at + timedelta(minutes=10))
        fb.save_feedback(ctx.db, state.uuid, f"Went well {n}", f"Improve {n}", delivered_at=at + timedelta(minutes=20))
    obs.set_current(ctx.db, None)


def _wheel(widget, down: bool = True) -> None:  # noqa: ANN001
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -120 if down else 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_agent_page_fits_a_laptop(qtbot, window, ctx, sample) -> None:  # noqa: ANN001
    amelia = sample.agent_uuids["Amelia Brown"]
    _observed(ctx, amelia, 16)  # more sessions than the table shows: it could scroll on its own
    window.resize(1280, 720)
    page = window.show_page("agent")
    qtbot.wait(20)
    assert not page.prepare_button.isVisible()  # nothing to prepare before an agent is chosen
    assert page.open_agent(amelia)
    qtbot.wait(50)
    assert page.prepare_button.isVisible()
    area = page.findChild(QScrollArea, "agentDetailScroll")
    viewport = area.viewport()
    top = page.trend_view.mapTo(viewport, QPoint(0, 0)).y()
    assert 0 <= top < viewport.height() - 150, top  # the chart starts on screen, with room to be seen
    button = page.prepare_button.mapTo(viewport, QPoint(0, 0)).y()
    assert 0 <= button < top  # the button sits with the agent's details, above the chart
    sessions = page.history_view.sessions
    assert sessions.verticalScrollBar().maximum() > 0  # the inner table could scroll by itself
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum() // 2)
    before, inner = area.verticalScrollBar().value(), sessions.verticalScrollBar().value()
    _wheel(sessions.viewport())
    assert area.verticalScrollBar().value() > before  # the page moved
    assert sessions.verticalScrollBar().value() == inner  # the table did not catch the wheel
    window.grab().save(str(ctx.paths.data_dir / "agent-laptop.png"))
