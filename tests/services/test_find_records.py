"""Finding records by their text (the quick switcher): teams, goals, objectives, one-to-ones (summary, comments,
items) and observation notes, case aside, with whose and when; too short a text or no match finds nothing."""

from __future__ import annotations

from datetime import date, timedelta

from coachdesk.domain.enums import GoalLevel, ItemKind, MeasureKind, NoteKind, ObjectiveStatus, OneToOneType
from coachdesk.services import common
from coachdesk.services import observation as obs
from coachdesk.services.one_to_ones import ItemInput
from coachdesk.services.one_to_ones import one_to_one as oto
from tests.services.objective_helpers import seed_centre


def _seed(db):  # noqa: ANN001, ANN202
    from sqlalchemy import select

    from coachdesk.storage.models import Goal, Objective, Person

    centre = seed_centre(db)
    amelia = centre.agents["Amelia Brown"]
    with db.unit_of_work() as s:
        pid = s.scalar(select(Person.id).where(Person.uuid == amelia))
        s.add(Goal(level=GoalLevel.ORGANISATION, title="Customers resolved at first contact"))
        s.add(Objective(person_id=pid, statement="Resolve billing disputes at first contact", target_level=0.8,
                        measure_kind=MeasureKind.KPI, start_date=date.today(),
                        due_date=date.today() + timedelta(days=30), status=ObjectiveStatus.AGREED))
    held = date.today() - timedelta(days=3)
    rec = oto.open_next(db, amelia, coach_uuid=centre.leader, on=held)
    oto.save_session(db, rec.uuid, kind=OneToOneType.REVIEW, day=held, held=True, summary="Talked about workload",
                     items=[ItemInput(ItemKind.ACTION, "Book the refund-policy refresher", owner_uuid=amelia)])
    session = obs.start_session(db, amelia, observer_uuid=centre.leader)
    obs.add_note(db, session.uuid, "Explained the REFUND window clearly", NoteKind.STRENGTH)
    obs.set_current(db, None)
    return centre, rec.uuid


def test_each_kind_is_found_by_its_text(db) -> None:  # noqa: ANN001
    centre, one_to_one = _seed(db)
    amelia = centre.agents["Amelia Brown"]
    assert [(f.kind, f.uuid) for f in common.find_records(db, "billing")][:1] == [("team", centre.team)]
    found = common.find_records(db, "FIRST CONTACT")
    assert [f.kind for f in found] == ["goal", "objective"]
    assert found[1].agent_uuid == amelia and found[1].detail.startswith("Amelia Brown · due ")
    refund = common.find_records(db, "refund")
    assert [f.kind for f in refund] == ["one_to_one", "note"]
    assert refund[0].uuid == one_to_one and refund[0].title == "Book the refund-policy refresher"
    assert refund[1].title == "Explained the REFUND window clearly" and refund[1].agent_uuid == amelia
    assert [f.kind for f in common.find_records(db, "workload")] == ["one_to_one"]  # the summary too


def test_too_short_wildcards_and_no_match_find_nothing(db) -> None:  # noqa: ANN001
    _seed(db)
    assert common.find_records(db, "r") == []  # one letter would match nearly everything
    assert common.find_records(db, "%%") == [] and common.find_records(db, "__") == []  # taken literally
    assert common.find_records(db, "no such words") == []
    assert len(common.find_records(db, "re", per_kind=1)) <= 5  # at most one of each kind
