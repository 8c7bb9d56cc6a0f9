"""Calibration through the services: references rated by several observers, hidden until all have finished."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coachdesk.domain.enums import ObservationMode
from coachdesk.services.observation import calibration_service as calibration
from coachdesk.services.observation import observation as obs
from tests.services.observe_helpers import seed_cast

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def rate_call(db, agent: str, observer: str | None, ratings: dict[str, str], end: bool = True,  # noqa: ANN001
              at: datetime = T0) -> str:
    state = obs.start_session(db, agent, ObservationMode.RECORDING_REVIEW, observer_uuid=observer, at=at)
    call, _ = obs.start_interaction(db, state.uuid, "CALL-77", at=at)
    ids = {b.code: b.id for b in state.framework.behaviours}
    for code, key in ratings.items():
        obs.rate(db, state.uuid, ids[code], key, call.uuid)
    if end:
        obs.end_session(db, state.uuid, at=at + timedelta(minutes=10))
    return state.uuid


def test_three_observers_calibrate_one_call(db) -> None:
    cast = seed_cast(db)
    rate_call(db, cast.agent, cast.leader, {"LISTEN": "3", "TONE": "1", "COMPLIANCE": "m"})
    rate_call(db, cast.agent, cast.coach, {"LISTEN": "3", "TONE": "2", "COMPLIANCE": "m"},
              at=T0 + timedelta(minutes=1))
    running = rate_call(db, cast.agent, cast.specialist, {"LISTEN": "4", "TONE": "4"}, end=False,
                        at=T0 + timedelta(minutes=2))
    [ref] = calibration.calibration_references(db)
    assert (ref.reference, ref.agent_name, ref.observers, ref.in_progress) == ("CALL-77", "Amelia Brown", 3, 1)
    hidden = calibration.calibration_view(db, "CALL-77")
    assert hidden.hidden and hidden.in_progress == 1  # nobody sees results while someone is still rating
    obs.end_session(db, running)
    view = calibration.calibration_view(db, "CALL-77")
    assert not view.hidden
    assert list(view.observers.values()) == ["Laura Bennett", "Chris Coach", "Quinn Quality"]
    assert list(view.behaviours.values()) == ["Listening skills", "Tone of voice", "Compliance and accuracy"]
    keys = list(view.observers)
    assert view.labels[("TONE", keys[0])] == "Not yet" and view.labels[("LISTEN", keys[2])] == "Excellent"
    rows = {b.behaviour: b for b in view.report.behaviours}
    assert rows["LISTEN"].exact_agreement == pytest.approx(1 / 3)
    assert rows["COMPLIANCE"].exact_agreement == 1.0 and rows["COMPLIANCE"].observers == 2
    # TONE: 0, 33.33, 100 (rounded preset scores) -> mean 44.44
    assert rows["TONE"].group_mean == pytest.approx(44.44, abs=0.01)
    quinn = next(o for o in view.report.observers if o.observer == keys[2])
    assert quinn.mean_deviation > 0  # the most lenient


def test_one_observer_is_not_a_calibration(db) -> None:
    cast = seed_cast(db)
    rate_call(db, cast.agent, cast.leader, {"LISTEN": "3"})
    rate_call(db, cast.agent, cast.leader, {"LISTEN": "2"}, at=T0 + timedelta(hours=1))
    assert calibration.calibration_references(db) == []
    view = calibration.calibration_view(db, "CALL-77")
    assert view.report.behaviours[0].observers == 1  # the same observer: their later rating counts
    assert calibration.calibration_view(db, "NOPE").report.behaviours == ()
