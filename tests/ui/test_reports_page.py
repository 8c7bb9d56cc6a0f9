"""The Reports page: choosing a document, building it off the GUI thread, preview, print and save, and the report
settings; real widgets on a real database, real PDFs read back."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from coachdesk.ui import report_actions
from tests.ui.naming import unnamed_widgets

GRAB = Path("/tmp/coachdesk-reports-page.png")


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def page(qtbot, ctx):  # noqa: ANN001, ANN201
    from coachdesk.ui.pages.reports_page import ReportsPage

    widget = ReportsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    return widget


def _recognise(ctx, agent_uuid: str, title: str) -> str:  # noqa: ANN001
    from sqlalchemy import select

    from coachdesk.storage.models import Person, Recognition

    with ctx.db.unit_of_work() as session:
        agent_id = session.scalar(select(Person.id).where(Person.uuid == agent_uuid))
        row = Recognition(agent_id=agent_id, title=title, what_they_did="Stayed late to clear the queue & <more>",
                          words="Thank you!", given_by_name="Laura Bennett", recognised_on=date.today())
        session.add(row)
        session.flush()
        return row.uuid


@pytest.fixture(autouse=True)
def _previews_in_tmp(tmp_path, monkeypatch) -> None:  # noqa: ANN001 - previews go to the test's folder
    monkeypatch.setattr(report_actions, "preview_folder", lambda: tmp_path)

def test_every_widget_is_named_and_fields_follow_the_document(page) -> None:  # noqa: ANN001
    assert unnamed_widgets(page) == []
    assert page.kinds.count() == 8
    page.select_kind("team")
    assert page.form.isRowVisible(page.team) and page.form.isRowVisible(page.month)
    assert not page.form.isRowVisible(page.agent)
    page.select_kind("feedback")
    assert page.form.isRowVisible(page.agent) and page.form.isRowVisible(page.start)
    assert not page.form.isRowVisible(page.record)
    page.grab().save(str(GRAB))


def test_save_writes_the_feedback_summary_of_the_chosen_agent(page, sample, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(report_actions, "ask_save_path", lambda parent, suggested: str(target))
    page.select_kind("feedback")
    page.agent.setCurrentIndex(page.agent.findData(sample.agent_uuids["Chloé Martin"]))
    page.save_button.click()
    text = _text(target)
    assert "Feedback summary" in text and "Chloé Martin" in text
    assert "Amelia Brown" not in text  # another agent's objective is not in this agent's summary
    assert str(target) in page.message.text()
    assert page.save_button.isEnabled()


def test_preview_opens_the_pdf_in_the_system_viewer(page, ctx, sample, monkeypatch) -> None:  # noqa: ANN001
    uuid = _recognise(ctx, sample.agent_uuids["Farah Khan"], "Queue hero")
    opened: list[Path] = []
    monkeypatch.setattr(report_actions, "open_in_viewer", lambda path: opened.append(path) or True)
    page.select_kind("certificate")
    page.agent.setCurrentIndex(page.agent.findData(sample.agent_uuids["Farah Khan"]))
    assert page.record.currentData() == uuid
    page.preview_button.click()
    assert len(opened) == 1
    text = _text(opened[0])
    assert "Certificate of Recognition" in text and "Farah Khan" in text and "& <more>" in text


def test_print_sends_the_pdf_to_the_chosen_printer(page, ctx, sample, monkeypatch) -> None:  # noqa: ANN001
    _recognise(ctx, sample.agent_uuids["Farah Khan"], "Queue hero")
    sent: list[list[str]] = []

    class Done:
        returncode, stdout, stderr = 0, "", ""

    monkeypatch.setattr(report_actions, "choose_printer", lambda parent: ("Office_Laser", 2))
    monkeypatch.setattr(report_actions.shutil, "which", lambda name: "/usr/bin/lp")
    monkeypatch.setattr(report_actions.subprocess, "run", lambda command, **kw: sent.append(command) or Done())
    page.select_kind("letter")
    page.agent.setCurrentIndex(page.agent.findData(sample.agent_uuids["Farah Khan"]))
    page.print_button.click()
    assert len(sent) == 1
    assert sent[0][:5] == ["/usr/bin/lp", "-n", "2", "-d", "Office_Laser"]
    assert "Dear Farah Khan" in _text(Path(sent[0][-1]))


def test_missing_choices_are_named_not_built(page, sample, monkeypatch) -> None:  # noqa: ANN001
    built: list[object] = []
    monkeypatch.setattr(report_actions, "run", lambda *a, **k: built.append(a))
    page.select_kind("one-to-one")
    page.agent.setCurrentIndex(page.agent.findData(sample.agent_uuids["George Ellis"]))
    page.preview_button.click()
    assert page.message.text().startswith("Record:")
    page.select_kind("feedback")
    page.start.setDate(page.end.date().addDays(3))
    page.preview_button.click()
    assert page.message.text().startswith("To:")
    assert built == []


def test_build_errors_are_shown_in_one_sentence(page, monkeypatch) -> None:  # noqa: ANN001
    page.select_kind("month-recognitions")
    page.month.setDate(page.month.date().addYears(-5))
    page.preview_button.click()
    assert "no recognitions" in page.message.text()
    assert page.preview_button.isEnabled()


def test_report_settings_are_saved_and_used(page, ctx, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from coachdesk.services import common

    page.organisation.setText("Northwind & Co <Care>")
    page.paper.setCurrentIndex(page.paper.findData("Letter"))
    page.save_settings_button.click()
    saved = common.report_settings(ctx.db)
    assert (saved.organisation, saved.paper, saved.paper_is_default) == ("Northwind & Co <Care>", "Letter", False)
    page.logo.setText(str(tmp_path / "missing.png"))
    page.save_settings_button.click()
    assert page.message.text().startswith("Logo:")
    target = tmp_path / "team.pdf"
    monkeypatch.setattr(report_actions, "ask_save_path", lambda parent, suggested: str(target))
    page.select_kind("team")
    page.month.setDate(page.month.date().addMonths(1))
    page.save_button.click()
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (612, 792)  # US Letter
    assert reader.metadata.author == "Northwind & Co <Care>"
