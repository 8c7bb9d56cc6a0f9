"""The document check over every document type built from the demo database: no page without content beyond
letterhead and footer, every font embedded, no text drawn over other text or over an image; a draft one-to-one
worded as a draft; a letter signed by the person who gives the recognition, a customer's words quoted as theirs;
one unit for feedback delays. The checker itself is shown to catch each flaw on a PDF made to have it."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from tests.pdf_check import document_flaws, layout_flaws, unembedded_fonts

TODAY = date.today()
START, END = TODAY - timedelta(days=89), TODAY


@dataclass(frozen=True)
class Demo:
    db: object
    teams: list[str]
    agents: list[str]
    held: str
    draft: str
    acknowledged: str | None
    observation: str
    feedback: str
    customer_praise: str
    leader_praise: str


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    from sqlalchemy import select

    from coachdesk.domain.enums import OneToOneStatus, SessionStatus
    from coachdesk.paths import app_paths
    from coachdesk.services.common import open_store, resolve_location
    from coachdesk.services.demo import generate_demo
    from coachdesk.storage.models import (
        Feedback,
        ObservationSession,
        OneToOne,
        Person,
        Recognition,
        Team,
        TeamMembership,
    )

    paths = app_paths(tmp_path_factory.mktemp("check")).ensure()
    db = open_store(resolve_location(paths)).db
    generate_demo(db, agents=14, days=120, seed=7)
    with db.session() as s:
        teams = list(s.scalars(select(Team.name).join(TeamMembership).where(TeamMembership.role == "member")
                               .group_by(Team.id, Team.name).order_by(Team.id)))
        agents = list(s.scalars(select(Person.uuid).join(OneToOne, OneToOne.agent_id == Person.id).distinct()))
        one = {status: s.scalar(select(OneToOne.uuid).where(OneToOne.status == status).order_by(OneToOne.id.desc()))
               for status in OneToOneStatus}
        observation = s.scalar(select(ObservationSession.uuid).where(
            ObservationSession.status == SessionStatus.COMPLETED).order_by(ObservationSession.id.desc()))
        feedback = s.scalar(select(Feedback.uuid).where(Feedback.delivered_at.is_not(None)).order_by(Feedback.id))
        customer = s.scalar(select(Recognition.uuid).where(Recognition.given_by_name.like("Customer:%"),
                                                           Recognition.given_by_id.is_(None)))
        leader = s.scalar(select(Recognition.uuid).where(Recognition.given_by_id.is_not(None)))
    yield Demo(db, teams, agents, one[OneToOneStatus.HELD], one[OneToOneStatus.DRAFT],
               one[OneToOneStatus.ACKNOWLEDGED], observation, feedback, customer, leader)
    db.dispose()


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _documents(demo: Demo) -> dict[str, bytes]:
    from coachdesk.services import reports

    month = (TODAY.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    docs = {
        "certificate": reports.recognition_pdf(demo.db, uuid=demo.customer_praise),
        "letter": reports.recognition_pdf(demo.db, uuid=demo.customer_praise, style="letter"),
        "letter from a leader": reports.recognition_pdf(demo.db, uuid=demo.leader_praise, style="letter"),
        "month of recognitions": reports.recognition_pdf(demo.db, month=month),
        "one-to-one held": reports.one_to_one_pdf(demo.db, demo.held),
        "one-to-one draft": reports.one_to_one_pdf(demo.db, demo.draft),
        "prep sheet": reports.prep_pdf(demo.db, demo.agents[0]),
        "observation": reports.observation_pdf(demo.db, demo.observation),
        "feedback record": reports.feedback_record_pdf(demo.db, demo.feedback),
        "feedback summary": reports.feedback_pdf(demo.db, demo.agents[0], START, END),
    }
    if demo.acknowledged:
        docs["one-to-one acknowledged"] = reports.one_to_one_pdf(demo.db, demo.acknowledged)
    for team in demo.teams:
        docs[f"team summary {team}"] = reports.team_pdf(demo.db, team, START, END)
        docs[f"feedback summaries {team}"] = reports.team_feedback_pdf(demo.db, team, START, END, chart=False)
    return docs


def test_every_document_type_passes_the_document_check(demo: Demo) -> None:
    docs = _documents(demo)
    assert len(docs) >= 12
    flaws = {name: document_flaws(pdf) for name, pdf in docs.items()}
    assert {name: found for name, found in flaws.items() if found} == {}


def test_a_draft_one_to_one_is_worded_as_a_draft(demo: Demo) -> None:
    from coachdesk.services import reports

    draft = _text(reports.one_to_one_pdf(demo.db, demo.draft))
    assert "One-to-one agenda (draft)" in draft and "has not been held yet" in draft
    assert "agreed the points" not in draft and "Signature" not in draft and "Objectives to discuss" in draft
    held = _text(reports.one_to_one_pdf(demo.db, demo.held))
    assert "One-to-one record" in held and "We discussed and agreed the points above." in held
    assert "Signature and date" in held and "Here" not in held.split()


def test_letters_are_signed_by_the_giver_and_quote_a_customer_as_the_customer(demo: Demo) -> None:
    from coachdesk.services import reports

    praise = reports.recognition(demo.db, demo.customer_praise)
    assert praise.source.startswith("Customer:") and praise.given_by and not praise.given_by.startswith("Customer")
    customer = praise.source.split(":", 1)[1].strip()
    letter = _text(reports.recognition_pdf(demo.db, uuid=demo.customer_praise, style="letter"))
    assert letter.rstrip().endswith(praise.team_name) or praise.given_by in letter
    signature = letter[letter.index("Thank you. Keep it up."):]
    assert praise.given_by in signature and "Customer" not in signature  # signed by the giver, not the customer
    if praise.words:
        assert f"{customer} (customer) said: “{praise.words}”" in letter
    assert "In their own words" not in letter
    certificate = _text(reports.recognition_pdf(demo.db, uuid=demo.customer_praise))
    assert certificate.count(praise.what_they_did) <= 1 and "Printed" not in certificate and "Page 1" not in certificate
    assert f"presented by {praise.given_by}" in certificate and "Showing" not in certificate
    leader = reports.recognition(demo.db, demo.leader_praise)
    from_leader = _text(reports.recognition_pdf(demo.db, uuid=demo.leader_praise, style="letter"))
    if leader.words and leader.words != leader.what_they_did:
        assert f"In {leader.given_by}'s words:" in from_leader
    assert _text(reports.recognition_pdf(demo.db, uuid=demo.leader_praise)).count(leader.given_by) == 1


def test_feedback_summaries_never_call_customer_quotes_the_agents_words(demo: Demo) -> None:
    from coachdesk.services import reports

    text = _text(reports.team_feedback_pdf(demo.db, demo.teams[0], START, END, chart=False))
    assert "In the agent's words" not in text
    if "Heard on the calls" in text:
        assert re.search(r"(Customer|Agent) · \d+ \w+ \d{4}", text)
        assert 'Customer: "' not in text  # who spoke is a label, not part of the quote


def test_feedback_delays_are_in_one_unit(demo: Demo) -> None:
    from coachdesk.services import reports

    for team in demo.teams:
        text = _text(reports.team_pdf(demo.db, team, START, END))
        assert "Delivered after" not in text and "days" not in text
        delays = re.findall(r"(< 1 h|\b\d+(?:\.\d+)? ?h\b)", text)
        assert delays, f"{team}: no delay printed"
        assert all(re.fullmatch(r"< 1 h|[1-9]\d* h", d) for d in delays), delays


def test_the_check_catches_each_flaw_on_a_pdf_made_to_have_it() -> None:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)  # reportlab's own default: Helvetica, not embedded
    canvas.drawString(100, 700, "Two strings drawn")
    canvas.drawString(101, 700, "over each other")
    canvas.showPage()
    canvas.drawString(100, 20, "Page 2 of 2: a footer and nothing else")
    canvas.showPage()
    canvas.save()
    pdf = out.getvalue()
    assert any("Helvetica" in flaw for flaw in unembedded_fonts(pdf))
    flaws = layout_flaws(pdf)
    assert any(flaw.startswith("page 1:") and "drawn over each other" in flaw for flaw in flaws)
    assert "page 2: nothing but the letterhead and footer" in flaws


def test_prep_sheets_never_end_on_a_near_empty_page(demo: Demo) -> None:
    """One sheet when it can be (a tighter type when the usual one spills over); a second page only with a good
    part of the sheet on it, and empty sections named in one line instead of a heading each."""
    from coachdesk.services import reports

    one_page = 0
    for agent in demo.agents[:8]:
        pdf = reports.prep_pdf(demo.db, agent)
        text = _text(pdf)
        pages = PdfReader(io.BytesIO(pdf)).pages
        one_page += len(pages) == 1
        if len(pages) > 1:
            last = " ".join(pages[-1].extract_text().split())
            assert len(last) > 400, f"the last page holds only: {last}"
        assert text.count("Nothing to bring up") <= 1  # every empty section named in one line, not one heading each
        assert ".;" not in text
    assert one_page >= 6
