"""Print actions on records outside the Reports page: the agent history's feedback summary, the one-to-ones page,
the feedback composer, the observation record and its feedback, and the trend markers' record window; each opens
the in-app preview on the right document."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QPushButton

from coachdesk.ui import report_actions


def _first_page(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


@pytest.fixture(autouse=True)
def _previews_in_tmp(tmp_path, monkeypatch) -> None:  # noqa: ANN001 - previews go to the test's folder
    monkeypatch.setattr(report_actions, "preview_folder", lambda: tmp_path)

def test_agent_history_previews_the_agents_feedback_summary(qtbot, ctx, sample, previews) -> None:  # noqa: ANN001
    from coachdesk.ui.dialogs import openers
    from coachdesk.ui.widgets.agent_history import AgentHistoryView

    view = AgentHistoryView(ctx)
    qtbot.addWidget(view)
    openers.serve(ctx, view)  # what the agent page does: the widget asks, the page opens
    view.show_agent(sample.agent_uuids["Amelia Brown"])
    view.print_button.click()
    assert len(previews) == 1
    text = _first_page(previews[0].pdf)
    assert "Feedback summary" in text and "Amelia Brown" in text
    assert "Bring average handle time under 5 minutes" in text  # her objective, and nobody else's
    assert previews[0].isVisible() and previews[0].image.pixmap() is not None


def test_prep_sheet_helper_builds_for_the_agent(qtbot, ctx, sample, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    target = tmp_path / "prep.pdf"
    monkeypatch.setattr(report_actions, "ask_save_path", lambda parent, suggested: str(target))
    report_actions.print_prep_sheet(None, ctx.db, sample.agent_uuids["Farah Khan"], report_actions.SAVE)
    assert "Farah Khan" in PdfReader(target).pages[0].extract_text()


def test_one_to_ones_page_prints_the_prep_sheet_then_the_draft_as_an_agenda(qtbot, window, ctx, sample,  # noqa: ANN001
                                                                             previews) -> None:
    from coachdesk.services import one_to_ones as oto

    uuid = sample.agent_uuids["Hannah Schmidt"]
    record = oto.open_next(ctx.db, uuid)
    page = window.show_page("one_to_ones")
    page.open_agent(uuid)
    page.print_button.click()
    assert "One-to-one preparation" in _first_page(previews[-1].pdf)
    page.open_session(record.uuid)
    page.print_button.click()
    text = _first_page(previews[-1].pdf)
    # a draft never held prints as an agenda: nothing "agreed", nothing to sign
    assert "One-to-one agenda (draft)" in text and "Hannah Schmidt" in text and "not been held yet" in text
    assert "Signature and date" not in text and "discussed and agreed" not in text


def test_feedback_composer_prints_the_recognition_it_just_added(qtbot, ctx, sample, previews) -> None:  # noqa: ANN001
    from datetime import datetime, timedelta

    from coachdesk.domain.enums import NoteKind
    from coachdesk.services import observation as obs
    from coachdesk.ui.dialogs.feedback_dialog import FeedbackDialog

    state = obs.start_session(ctx.db, sample.agent_uuids["Daniel Okafor"],
                              at=datetime.now().astimezone() - timedelta(minutes=30))
    empathy = next(b.id for b in state.framework.behaviours if b.code == "EMPATHY")
    obs.add_note(ctx.db, state.uuid, "Calmed a <furious> caller & fixed it", NoteKind.STRENGTH, behaviour_id=empathy)
    ended = obs.end_session(ctx.db, state.uuid, at=datetime.now().astimezone() - timedelta(minutes=20))
    dialog = FeedbackDialog(ctx, ended.uuid)
    qtbot.addWidget(dialog)
    assert dialog.certificate_button.isHidden()
    dialog.recognise_current()
    assert not dialog.certificate_button.isHidden()
    dialog.certificate_button.click()
    text = _first_page(previews[-1].pdf)
    assert "Certificate of Recognition" in text and "Daniel Okafor" in text
    assert "Calmed a <furious> caller & fixed it" in text


def _observed_with_feedback(ctx, name: str) -> str:  # noqa: ANN001
    from datetime import datetime, timedelta

    from coachdesk.domain.enums import NoteKind
    from coachdesk.services import feedback as fb
    from coachdesk.services import observation as obs

    state = obs.start_session(ctx.db, name, at=datetime.now().astimezone() - timedelta(hours=3))
    empathy = next(b.id for b in state.framework.behaviours if b.code == "EMPATHY")
    obs.add_note(ctx.db, state.uuid, "Named the caller's worry first", NoteKind.STRENGTH, behaviour_id=empathy)
    obs.add_note(ctx.db, state.uuid, 'Customer: "You have been so patient."', NoteKind.VERBATIM)
    ended = obs.end_session(ctx.db, state.uuid, at=datetime.now().astimezone() - timedelta(hours=2))
    fb.save_feedback(ctx.db, ended.uuid, "Calm and warm", "Summarise before closing", "I will summarise",
                     delivered_at=datetime.now().astimezone() - timedelta(hours=1))
    return ended.uuid


def test_observation_and_its_feedback_print_from_the_session_window(qtbot, ctx, sample, previews) -> None:  # noqa: ANN001
    from coachdesk.ui.dialogs.session_dialog import SessionDialog

    uuid = _observed_with_feedback(ctx, sample.agent_uuids["Daniel Okafor"])
    dialog = SessionDialog(ctx, uuid)
    qtbot.addWidget(dialog)
    assert not dialog.print_feedback_button.isHidden()
    dialog.print_button.click()
    record = _first_page(previews[-1].pdf)
    assert "Observation record" in record and "Daniel Okafor" in record
    assert "Named the caller's worry first" in record and "Customer" in record and "You have been so patient." in record
    assert "Calm and warm" in record and "Summarise before closing" in record  # the feedback given on it
    dialog.print_feedback_button.click()
    given = _first_page(previews[-1].pdf)
    assert given.startswith("CoachDesk Feedback Daniel Okafor") or "Feedback Daniel Okafor" in given
    assert "What went well: Calm and warm" in given and "The agent's commitment: I will summarise" in given
    assert "(within the hour)" in given or "h later)" in given


def test_a_trend_markers_record_window_prints_its_record(qtbot, ctx, sample, previews) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QPushButton, QWidget

    from coachdesk.services.feedback import feedback_for_session  # the face
    from coachdesk.ui.dialogs.record_dialog import RecordDialog, open_record

    uuid = _observed_with_feedback(ctx, sample.agent_uuids["Farah Khan"])
    host = QWidget()
    qtbot.addWidget(host)
    dialog = open_record(ctx, host, "feedback", feedback_for_session(ctx.db, uuid).uuid)
    assert isinstance(dialog, RecordDialog)
    button = dialog.findChild(QPushButton, "trendRecordPrint")
    assert button is not None and button.accessibleName()
    button.click()
    text = _first_page(previews[-1].pdf)
    assert "What went well: Calm and warm" in text and "Farah Khan" in text
    dialog.close()


def test_team_page_previews_the_team_summary_and_the_members_batch(qtbot, ctx, previews) -> None:  # noqa: ANN001
    from coachdesk.ui.pages.team_page import TeamPage

    page = TeamPage(ctx)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    team = page.dashboard.team.currentText()
    assert team
    page.dashboard.findChild(QPushButton, "teamPrintSummary").click()
    summary = _first_page(previews[-1].pdf)
    assert "Team summary" in summary and team in summary
    page.dashboard.findChild(QPushButton, "teamPrintBatch").click()
    reader = PdfReader(io.BytesIO(previews[-1].pdf))
    assert "Feedback summary" in reader.pages[0].extract_text() and len(previews) == 2
