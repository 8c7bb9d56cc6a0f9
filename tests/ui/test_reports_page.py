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
    assert page.kinds.count() == 10
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


def test_preview_opens_the_pdf_in_the_preview_window(page, ctx, sample, previews) -> None:  # noqa: ANN001
    uuid = _recognise(ctx, sample.agent_uuids["Farah Khan"], "Queue hero")
    page.select_kind("certificate")
    page.agent.setCurrentIndex(page.agent.findData(sample.agent_uuids["Farah Khan"]))
    assert page.record.currentData() == uuid
    page.preview_button.click()
    assert len(previews) == 1
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(previews[0].pdf)).pages)
    assert "Certificate of Recognition" in text and "Farah Khan" in text and "& <more>" in text
    assert previews[0].windowTitle() == "Preview: Recognition certificate"


def test_observation_and_feedback_records_are_listed_for_the_agent(page, ctx, sample) -> None:  # noqa: ANN001
    from datetime import datetime, timedelta

    from coachdesk.services import observation as obs

    state = obs.start_session(ctx.db, sample.agent_uuids["Farah Khan"],
                              at=datetime.now().astimezone() - timedelta(hours=2))
    obs.end_session(ctx.db, state.uuid, at=datetime.now().astimezone() - timedelta(hours=1))
    page.select_kind("observation")
    page.agent.setCurrentIndex(page.agent.findData(sample.agent_uuids["Farah Khan"]))
    assert page.form.isRowVisible(page.record)
    assert state.uuid in [page.record.itemData(i) for i in range(page.record.count())]


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
