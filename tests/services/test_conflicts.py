"""No silent overwrite: a save based on a stale version gets a ConflictError holding both versions, across
sessions, engines and processes; keeping mine is a deliberate overwrite recorded in the audit log."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from coachdesk.domain.errors import CoachDeskError, ConflictError
from coachdesk.services.goals import objectives as svc
from coachdesk.services.people import people_admin as pa
from coachdesk.services.people.people_types import PersonInput
from coachdesk.storage.database import Database
from coachdesk.storage.models import AuditEntry, Objective
from tests.services.objective_helpers import seed_centre
from tests.services.test_objectives import aht_input


def test_second_save_of_a_person_gets_both_versions(db) -> None:  # noqa: ANN001
    row = pa.create_person(db, PersonInput("Ann Lee", email="ann@example.com"))
    other = Database(db.url)  # a second engine: its own connections, as a second app window would have
    try:
        theirs_loaded = pa.person_detail(other, row.uuid)
        mine_loaded = pa.person_detail(db, row.uuid)
        theirs = theirs_loaded.to_input()
        theirs.email = "ann.lee@example.com"
        pa.update_person(other, row.uuid, theirs, theirs_loaded.version)
    finally:
        other.dispose()
    mine = mine_loaded.to_input()
    mine.notes = "Prefers morning shifts"
    with pytest.raises(ConflictError) as caught:
        pa.update_person(db, row.uuid, mine, mine_loaded.version)
    error = caught.value
    assert isinstance(error, CoachDeskError)
    assert (error.kind, error.label) == ("person", "Ann Lee's record")
    assert error.my_version == mine_loaded.version
    assert error.their_version == pa.person_detail(db, row.uuid).version > mine_loaded.version
    assert error.theirs["E-mail"] == "ann.lee@example.com" and error.theirs["Notes"] == ""
    assert error.mine["E-mail"] == "ann@example.com" and error.mine["Notes"] == "Prefers morning shifts"
    assert error.differences() == ["E-mail", "Notes"]
    stored = pa.person_detail(db, row.uuid)
    assert stored.email == "ann.lee@example.com" and stored.notes is None  # nothing of mine was saved


def test_keeping_mine_overwrites_and_is_audited(db) -> None:  # noqa: ANN001
    row = pa.create_person(db, PersonInput("Ann Lee"))
    loaded = pa.person_detail(db, row.uuid)
    theirs = loaded.to_input()
    theirs.email = "theirs@example.com"
    pa.update_person(db, row.uuid, theirs, loaded.version)
    mine = loaded.to_input()
    mine.email = "mine@example.com"
    with pytest.raises(ConflictError) as caught:
        pa.update_person(db, row.uuid, mine, loaded.version)
    pa.update_person(db, row.uuid, mine, caught.value.their_version, overwriting=caught.value)
    assert pa.person_detail(db, row.uuid).email == "mine@example.com"
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.summary.like("%saved over a change%"))).one()
    details = json.loads(entry.details_json)
    assert details["overwrote"]["E-mail"] == "theirs@example.com" and details["with"]["E-mail"] == "mine@example.com"


def test_overwrite_based_on_their_version_conflicts_again_after_a_third_change(db) -> None:  # noqa: ANN001
    row = pa.create_person(db, PersonInput("Ann Lee"))
    loaded = pa.person_detail(db, row.uuid)
    pa.update_person(db, row.uuid, PersonInput("Ann Lee", email="one@example.com"), loaded.version)
    with pytest.raises(ConflictError) as first:
        pa.update_person(db, row.uuid, PersonInput("Ann Lee", notes="mine"), loaded.version)
    pa.update_person(db, row.uuid, PersonInput("Ann Lee", email="two@example.com"), first.value.their_version)
    with pytest.raises(ConflictError) as second:
        pa.update_person(db, row.uuid, PersonInput("Ann Lee", notes="mine"), first.value.their_version,
                         overwriting=first.value)
    assert second.value.theirs["E-mail"] == "two@example.com"
    assert pa.person_detail(db, row.uuid).notes is None


def test_objective_conflict_shows_levels_in_the_measure_format(db) -> None:  # noqa: ANN001
    centre = seed_centre(db)
    detail = svc.create_objective(db, aht_input(centre))
    svc.update_objective(db, detail.uuid, aht_input(centre, target="6:25"), expected_version=detail.version)
    with pytest.raises(ConflictError) as caught:
        svc.update_objective(db, detail.uuid, aht_input(centre, target="6:10", weight_percent="50"),
                             expected_version=detail.version)
    error = caught.value
    assert error.kind == "objective" and "Amelia Brown" in error.label
    assert error.differences() == ["Target", "Weight"]
    assert (error.theirs["Weight"], error.mine["Weight"]) == ("40%", "50%")
    assert error.theirs["Target"] != error.mine["Target"] and "6" in error.theirs["Target"]
    assert svc.objective_detail(db, detail.uuid).target == 385  # 6:25 kept, nothing of mine saved
    svc.update_objective(db, detail.uuid, aht_input(centre, target="6:10"), expected_version=error.their_version,
                         overwriting=error)
    assert svc.objective_detail(db, detail.uuid).target == 370


SECOND_PROCESS = textwrap.dedent("""
    import sys
    from coachdesk.services.goals import objectives as svc
    from coachdesk.services.goals.objective_types import ObjectiveInput
    from coachdesk.storage.database import Database
    db = Database(sys.argv[1])
    detail = svc.objective_detail(db, sys.argv[2])
    data = detail.to_input()
    data.statement = "Bring my AHT down, edited in the other window"
    svc.update_objective(db, sys.argv[2], data, expected_version=detail.version)
    db.dispose()
""")


def test_a_save_in_another_process_makes_mine_conflict(db) -> None:  # noqa: ANN001
    centre = seed_centre(db)
    detail = svc.create_objective(db, aht_input(centre))
    url = db.url.render_as_string(hide_password=False)
    subprocess.run([sys.executable, "-c", SECOND_PROCESS, url, detail.uuid], check=True, timeout=60)
    with pytest.raises(ConflictError) as caught:
        svc.update_objective(db, detail.uuid, aht_input(centre, statement="My own wording of the objective here"),
                             expected_version=detail.version)
    assert caught.value.theirs["Statement"] == "Bring my AHT down, edited in the other window"
    assert caught.value.mine["Statement"] == "My own wording of the objective here"
    with db.session() as s:
        assert s.scalar(select(Objective.statement)) == "Bring my AHT down, edited in the other window"


def test_feedback_conflict_both_when_editing_and_when_both_write_the_first_version(db) -> None:  # noqa: ANN001
    from datetime import UTC, datetime, timedelta

    from coachdesk.services.feedback import feedback as fb
    from coachdesk.services.observation import observation as obs
    from tests.services.observe_helpers import seed_cast

    cast = seed_cast(db)
    t0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    state = obs.start_session(db, cast.agent, observer_uuid=cast.coach, at=t0)
    obs.end_session(db, state.uuid, at=t0 + timedelta(minutes=10))
    today = t0.date()
    theirs = fb.save_feedback(db, state.uuid, "Their praise", "", today=today, expected_version=0)
    with pytest.raises(ConflictError) as caught:  # I opened the composer when there was no feedback yet
        fb.save_feedback(db, state.uuid, "My praise", "Slow down", today=today, expected_version=0)
    error = caught.value
    assert error.kind == "feedback" and error.differences() == ["What went well", "To improve"]
    assert error.theirs["What went well"] == "Their praise" and error.mine["To improve"] == "Slow down"
    saved = fb.save_feedback(db, state.uuid, "My praise", "Slow down", today=today,
                             expected_version=error.their_version, overwriting=error)
    assert saved.went_well == "My praise" and saved.version > theirs.version
    with pytest.raises(ConflictError):
        fb.save_feedback(db, state.uuid, "Stale", "", today=today, expected_version=theirs.version)
    assert fb.feedback_for_session(db, state.uuid).went_well == "My praise"
