"""Print actions on records outside the Reports page: the agent history's feedback summary, and the one-call
helpers other pages use; the print command for each system."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from coachdesk.domain.errors import CoachDeskError
from coachdesk.ui import report_actions


@pytest.fixture(autouse=True)
def _previews_in_tmp(tmp_path, monkeypatch) -> None:  # noqa: ANN001 - previews go to the test's folder
    monkeypatch.setattr(report_actions, "preview_folder", lambda: tmp_path)

def test_agent_history_previews_the_agents_feedback_summary(qtbot, ctx, sample, monkeypatch) -> None:  # noqa: ANN001
    from coachdesk.ui.widgets.agent_history import AgentHistoryView

    opened: list[Path] = []
    monkeypatch.setattr(report_actions, "open_in_viewer", lambda path: opened.append(path) or True)
    view = AgentHistoryView(ctx)
    qtbot.addWidget(view)
    view.show_agent(sample.agent_uuids["Amelia Brown"])
    view.print_button.click()
    assert len(opened) == 1
    text = " ".join(PdfReader(opened[0]).pages[0].extract_text().split())
    assert "Feedback summary" in text and "Amelia Brown" in text
    assert "Bring average handle time under 5 minutes" in text  # her objective, and nobody else's


def test_prep_sheet_helper_builds_for_the_agent(qtbot, ctx, sample, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    target = tmp_path / "prep.pdf"
    monkeypatch.setattr(report_actions, "ask_save_path", lambda parent, suggested: str(target))
    report_actions.print_prep_sheet(None, ctx.db, sample.agent_uuids["Farah Khan"], report_actions.SAVE)
    assert "Farah Khan" in PdfReader(target).pages[0].extract_text()


def test_print_command_names_printer_and_copies(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(report_actions.sys, "platform", "linux")
    monkeypatch.setattr(report_actions.shutil, "which", lambda name: "/usr/bin/lp")
    assert report_actions.print_command(Path("/tmp/a.pdf"), "Office", 3) == \
        ["/usr/bin/lp", "-n", "3", "-d", "Office", "/tmp/a.pdf"]
    assert report_actions.print_command(Path("/tmp/a.pdf"), "", 0) == ["/usr/bin/lp", "-n", "1", "/tmp/a.pdf"]
    monkeypatch.setattr(report_actions.shutil, "which", lambda name: None)
    with pytest.raises(CoachDeskError, match="no 'lp' command"):
        report_actions.print_command(Path("/tmp/a.pdf"), "Office", 1)


def test_failed_print_is_reported_in_one_sentence(monkeypatch, tmp_path) -> None:  # noqa: ANN001
    class Failed:
        returncode, stdout, stderr = 1, "", "lp: The printer or class does not exist.\n"

    monkeypatch.setattr(report_actions, "print_command", lambda path, printer, copies: ["lp", str(path)])
    monkeypatch.setattr(report_actions.subprocess, "run", lambda command, **kw: Failed())
    with pytest.raises(CoachDeskError, match="Printing failed: lp: The printer or class does not exist.$"):
        report_actions.send_to_printer(tmp_path / "a.pdf", "Nope", 1)


def test_one_to_ones_page_prints_the_prep_sheet_then_the_record(qtbot, window, ctx, sample, monkeypatch) -> None:  # noqa: ANN001
    from coachdesk.services import one_to_ones as oto

    opened: list[Path] = []
    monkeypatch.setattr(report_actions, "open_in_viewer", lambda path: opened.append(path) or True)
    uuid = sample.agent_uuids["Hannah Schmidt"]
    record = oto.open_next(ctx.db, uuid)
    page = window.show_page("one_to_ones")
    page.open_agent(uuid)
    page.print_button.click()
    assert "One-to-one preparation" in PdfReader(opened[-1]).pages[0].extract_text()
    page.open_session(record.uuid)
    page.print_button.click()
    text = PdfReader(opened[-1]).pages[0].extract_text()
    assert "One-to-one record" in text and "Hannah Schmidt" in text and "Signature and date" in text


def test_feedback_composer_prints_the_recognition_it_just_added(qtbot, ctx, sample, monkeypatch) -> None:  # noqa: ANN001
    from datetime import datetime, timedelta

    from coachdesk.domain.enums import NoteKind
    from coachdesk.services import observation as obs
    from coachdesk.ui.dialogs.feedback_dialog import FeedbackDialog

    state = obs.start_session(ctx.db, sample.agent_uuids["Daniel Okafor"],
                              at=datetime.now().astimezone() - timedelta(minutes=30))
    empathy = next(b.id for b in state.framework.behaviours if b.code == "EMPATHY")
    obs.add_note(ctx.db, state.uuid, "Calmed a <furious> caller & fixed it", NoteKind.STRENGTH, behaviour_id=empathy)
    ended = obs.end_session(ctx.db, state.uuid, at=datetime.now().astimezone() - timedelta(minutes=20))
    opened: list[Path] = []
    monkeypatch.setattr(report_actions, "open_in_viewer", lambda path: opened.append(path) or True)
    dialog = FeedbackDialog(ctx, ended.uuid)
    qtbot.addWidget(dialog)
    assert dialog.certificate_button.isHidden()
    dialog.recognise_current()
    assert not dialog.certificate_button.isHidden()
    dialog.certificate_button.click()
    text = " ".join(PdfReader(opened[-1]).pages[0].extract_text().split())
    assert "Certificate of Recognition" in text and "Daniel Okafor" in text
    assert "Calmed a <furious> caller & fixed it" in text
