"""The question asked at start-up when an observation was left unfinished (a crash, a forced quit, a power cut)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from coachdesk.ui.actions import sessions
from coachdesk.ui.kit import a11y
from coachdesk.ui.kit.words import mode_label, when_text


def offer_resume(parent: QWidget, resume: Callable[[str], object]) -> QMessageBox | None:
    """Ask (without blocking) whether to resume the session that was on screen; None when there is none."""
    summary = sessions.session_to_resume_now(parent, parent.ctx)  # type: ignore[attr-defined]
    if summary is None:
        return None

    def tr(text: str) -> str:
        return QCoreApplication.translate("ResumeObservation", text)

    when = when_text(summary.started_at)
    detail = tr("{ratings} ratings, {notes} notes").format(ratings=summary.ratings, notes=summary.notes)
    if summary.has_draft:
        detail += tr(" and a note that was being typed")
    box = QMessageBox(QMessageBox.Icon.Question, tr("Resume the observation?"),
                      tr("The observation of {agent} ({mode}, started {when}) was not finished: {detail}. Resume it "
                         "where you left off?").format(agent=summary.agent_name, mode=mode_label(summary.mode),
                                                       when=when, detail=detail),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("resumeObservationBox")
    yes = box.addButton(tr("&Resume"), QMessageBox.ButtonRole.AcceptRole)
    yes.setObjectName("resumeObservation")
    box.addButton(tr("&Later"), QMessageBox.ButtonRole.RejectRole).setObjectName("resumeLater")
    box.setDefaultButton(yes)
    box.finished.connect(lambda _result: box.clickedButton() is yes and resume(summary.uuid))
    a11y.delete_when_closed(box).open()
    return box
