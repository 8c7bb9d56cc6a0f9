"""Every printed document built from a real demo database and from records full of hostile text: read back with
pypdf / pdftotext, in order, and nothing about one agent in another agent's document."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

HOSTILE = ("<b>bold?</b> & <i>unclosed <font name='x'> Zoë Привет Καλημέρα 你好 안녕하세요 🎉 "
           + "supercalifragilistic" * 12)
NOTE = " ".join(f"n{n:04d}" for n in range(1700))  # > 10,000 characters
TODAY = date.today()
START, END = TODAY - timedelta(days=30), TODAY


@dataclass(frozen=True)
class Demo:
    db: object
    path: Path
    agent_a: str
    agent_b: str
    name_a: str
    name_b: str
    team: str
    one_to_one: str
    recognition: str


def _seed_hostile(db, agent_uuid: str, marker: str) -> tuple[str, str]:  # noqa: ANN001
    """A completed observation, feedback, recognition and one-to-one for one agent, each carrying ``marker``."""
    from sqlalchemy import select

    from coachdesk.domain.enums import (
        ItemKind,
        ItemStatus,
        NoteKind,
        ObservationMode,
        OneToOneStatus,
        OneToOneType,
        SessionStatus,
        Visibility,
    )
    from coachdesk.storage.models import (
        Feedback,
        ObservationNote,
        ObservationSession,
        OneToOne,
        OneToOneItem,
        Person,
        Recognition,
    )

    now = datetime.now(UTC) - timedelta(days=2)
    with db.unit_of_work() as session:
        agent_id = session.scalar(select(Person.id).where(Person.uuid == agent_uuid))
        obs = ObservationSession(agent_id=agent_id, mode=ObservationMode.SIDE_BY_SIDE, started_at=now,
                                 ended_at=now + timedelta(minutes=30), status=SessionStatus.COMPLETED)
        session.add(obs)
        session.flush()
        for kind in (NoteKind.STRENGTH, NoteKind.OPPORTUNITY, NoteKind.VERBATIM):
            session.add(ObservationNote(session_id=obs.id, kind=kind, text=f"{marker} {kind.value} {HOSTILE}",
                                        noted_at=now + timedelta(minutes=5)))
        session.add(Feedback(session_id=obs.id, agent_id=agent_id, went_well=f"{marker} went well {NOTE}",
                             to_improve=f"{marker} improve שלום עולם", agent_commitment=f"{marker} commit",
                             delivered_at=now + timedelta(hours=3)))
        rec = Recognition(agent_id=agent_id, title=f"{marker} {HOSTILE[:80]}", what_they_did=f"{marker} {HOSTILE}",
                          words=f"{marker} مرحبا بالعالم", given_by_name="A customer", recognised_on=now.date())
        meeting = OneToOne(agent_id=agent_id, type=OneToOneType.REVIEW, status=OneToOneStatus.HELD, held_at=now,
                           summary=f"{marker} summary {HOSTILE}")
        session.add_all([rec, meeting])
        session.flush()
        session.add_all([
            OneToOneItem(one_to_one_id=meeting.id, kind=ItemKind.EXPECTATION, text=f"{marker} expectation"),
            OneToOneItem(one_to_one_id=meeting.id, kind=ItemKind.ACTION, text=f"{marker} action {HOSTILE}",
                         status=ItemStatus.OPEN, due_date=TODAY + timedelta(days=7)),
            OneToOneItem(one_to_one_id=meeting.id, kind=ItemKind.NOTE, text=f"{marker} coach-only secret",
                         visibility=Visibility.COACH_ONLY),
        ])
        return rec.uuid, meeting.uuid


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    from sqlalchemy import select

    from coachdesk.paths import app_paths
    from coachdesk.services.common import open_store, resolve_location
    from coachdesk.services.demo import generate_demo
    from coachdesk.storage.models import Person, Team, TeamMembership

    folder = tmp_path_factory.mktemp("reports")
    paths = app_paths(folder).ensure()
    db = open_store(resolve_location(paths)).db
    generate_demo(db, agents=10, days=90, seed=3)
    with db.session() as session:
        team_id, team = session.execute(select(Team.id, Team.name).join(TeamMembership).where(
            TeamMembership.role == "member").order_by(Team.id)).first()
        agents = session.execute(select(Person.uuid, Person.display_name).join(TeamMembership).where(
            TeamMembership.team_id == team_id, TeamMembership.role == "member").order_by(Person.id)).all()
    (a, name_a), (b, name_b) = agents[0], agents[1]
    recognition, one_to_one = _seed_hostile(db, a, "MARKA")
    _seed_hostile(db, b, "MARKB")
    yield Demo(db, paths.default_db, a, b, name_a, name_b, team, one_to_one, recognition)
    db.dispose()


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _flat(pdf: bytes) -> str:
    return " ".join(_text(pdf).split())


def test_feedback_summary_carries_the_agents_hostile_records_in_order(demo: Demo) -> None:
    from coachdesk.services.reports import reports

    pdf = reports.feedback_pdf(demo.db, demo.agent_a, START, END)
    flat = _flat(pdf)
    assert flat.index("Feedback summary") < flat.index("Strengths") < flat.index("Opportunities") \
        < flat.index("Feedback given") < flat.index("Commitments and actions") < flat.index("Recognitions")
    for piece in ("MARKA strength <b>bold?</b> & <i>unclosed <font name='x'> Zoë Привет Καλημέρα 你好 안녕하세요 🎉",
                  "MARKA opportunity", "MARKA verbatim", "MARKA commit", "MARKA action"):
        assert piece in flat, piece
    words = [w for w in flat.split() if len(w) == 5 and w.startswith("n") and w[1:].isdigit()]
    assert words == NOTE.split()  # the 10,000-character feedback, whole and in order, across pages
    assert "supercalifragilistic" * 12 in flat.replace(" ", "")
    assert "MARKB" not in flat and demo.name_b not in flat
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == f"Feedback summary: {demo.name_a}"
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in reader.pages[-1].extract_text()


def test_one_to_one_record_leaves_out_coach_only_items_and_asks_for_signatures(demo: Demo) -> None:
    from sqlalchemy import select

    from coachdesk.services.reports import reports
    from coachdesk.storage.models import OneToOne

    flat = _flat(reports.one_to_one_pdf(demo.db, demo.one_to_one))
    assert "MARKA expectation" in flat and "MARKA action <b>bold?</b>" in flat and "MARKA summary" in flat
    assert "coach-only secret" not in flat
    assert flat.count("Signature and date") == 2 and "Acknowledged by" not in flat
    with demo.db.unit_of_work() as session:
        row = session.scalar(select(OneToOne).where(OneToOne.uuid == demo.one_to_one))
        row.acknowledged_at, row.acknowledged_name = datetime.now(UTC), "Ag <ent> & Co"
        row.acknowledgement_comment = "Fair — שלום"
    flat = _flat(reports.one_to_one_pdf(demo.db, demo.one_to_one))
    assert "Acknowledged by Ag <ent> & Co" in flat and "Signature and date" not in flat


def test_recognition_certificate_letter_and_month(demo: Demo) -> None:
    from coachdesk.services.reports import reports

    certificate = reports.recognition_pdf(demo.db, uuid=demo.recognition)
    flat = _flat(certificate)
    assert "Certificate of Recognition" in flat and demo.name_a in flat and "MARKA <b>bold?</b>" in flat
    assert "MARKB" not in flat
    page = PdfReader(io.BytesIO(certificate)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert f"Dear {demo.name_a}," in _flat(reports.recognition_pdf(demo.db, uuid=demo.recognition, style="letter"))
    month = reports.recognition_pdf(demo.db, month=TODAY.strftime("%Y-%m"))
    assert "MARKA" in _flat(month) and "MARKB" in _flat(month)


def test_team_batch_keeps_each_agents_data_in_their_own_section(demo: Demo) -> None:
    from coachdesk.services.reports import reports

    reader = PdfReader(io.BytesIO(reports.team_feedback_pdf(demo.db, demo.team, START, END, chart=False)))
    owners = []
    for page in reader.pages:
        text = page.extract_text()
        footer = next(line for line in text.splitlines() if line.startswith("Feedback summary ·"))
        owner = footer.split(" · ")[1]
        owners.append(owner)
        if "MARKA" in text:
            assert owner == demo.name_a
        if "MARKB" in text:
            assert owner == demo.name_b
    assert demo.name_a in owners and demo.name_b in owners
    assert len(set(owners)) >= 3


def test_team_summary_and_prep_sheet(demo: Demo) -> None:
    from coachdesk.services.reports import reports

    flat = _flat(reports.team_pdf(demo.db, demo.team, START, END))
    assert flat.index("KPIs against target") < flat.index("Coaching activity") < flat.index("Recognitions")
    assert demo.name_a in flat and demo.name_b in flat and "MARKA" in flat
    prep = _flat(reports.prep_pdf(demo.db, demo.agent_a))
    assert "One-to-one preparation" in prep and demo.name_a in prep and "MARKA action" in prep
    assert "MARKB" not in prep


def test_unknown_records_are_refused_in_one_sentence(demo: Demo) -> None:
    from coachdesk.domain.errors import CoachDeskError
    from coachdesk.services.reports import reports

    for call in (lambda: reports.one_to_one_pdf(demo.db, "nope"),
                 lambda: reports.recognition_pdf(demo.db, uuid="nope"),
                 lambda: reports.recognition_pdf(demo.db, month="1999-01"),
                 lambda: reports.feedback_pdf(demo.db, demo.agent_a, END, START),
                 lambda: reports.team_pdf(demo.db, "No such team", START, END)):
        with pytest.raises(CoachDeskError) as error:
            call()
        assert "\n" not in str(error.value) and str(error.value).endswith(".")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_feedback_summary_with_chart_renders(demo: Demo, tmp_path: Path) -> None:
    from PIL import Image

    from coachdesk.services.reports import reports

    target = reports.save(reports.feedback_pdf(demo.db, demo.agent_b, START, END), tmp_path / "fb.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(target), str(tmp_path / "p")],
                   check=True)
    for png in sorted(tmp_path.glob("p*.png")):
        image = Image.open(png).convert("L")
        dark = sum(image.point(lambda v: 255 if v < 160 else 0).histogram()[255:])
        assert dark > 0.01 * image.width * image.height, png.name


def test_a_batch_of_summaries_renders_every_agents_chart(demo: Demo) -> None:
    from sqlalchemy import select

    from coachdesk.reports.pdf import charts
    from coachdesk.services.reports import reports
    from coachdesk.storage.models import Person, PersonRole

    with demo.db.session() as session:
        agents = list(session.scalars(select(Person.uuid).join(PersonRole).where(PersonRole.role == "agent")
                                      .order_by(Person.id)))
    assert len(agents) >= 8  # enough for worker processes (charts.ChartPool's threshold)
    reader = PdfReader(io.BytesIO(reports.summaries_pdf(demo.db, agents, START, END)))
    sections = [p for p in reader.pages if "Objectives and progress" in p.extract_text()]
    assert len(sections) == len(agents)
    assert all(len(page.images) == 1 for page in sections)  # each agent's own trend chart, on their first page
    with charts.ChartPool(0) as pool:  # the in-process path gives the same kind of image
        data = reports._trend_data(demo.db, agents[0], START, END)
        assert pool.submit(data, 400).result()[:3] == b"\xff\xd8\xff"
