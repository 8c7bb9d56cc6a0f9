"""Calibration matches the observers' references ignoring case and spacing ("cal-0042" is "CAL-0042"), keeps
references that differ in their separators apart ("CAL_0042") and names them as near matches left out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coachdesk.domain.calibration import near_key, reference_key
from coachdesk.domain.enums import ObservationMode
from coachdesk.services.observation import calibration_service as calibration
from coachdesk.services.observation import observation as obs
from tests.services.observe_helpers import seed_cast

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def rate_as(db, agent: str, observer: str, reference: str, key: str = "3", minutes: int = 0,  # noqa: ANN001
            end: bool = True) -> str:
    at = T0 + timedelta(minutes=minutes)
    state = obs.start_session(db, agent, ObservationMode.RECORDING_REVIEW, observer_uuid=observer, at=at)
    call, _ = obs.start_interaction(db, state.uuid, reference, at=at)
    obs.rate(db, state.uuid, state.framework.behaviours[0].id, key, call.uuid)
    if end:
        obs.end_session(db, state.uuid, at=at + timedelta(minutes=5))
    return state.uuid


@pytest.mark.parametrize(("typed", "same"), [("cal-0042", True), ("CAL - 0042", True), ("Cal-0042", True),
                                             ("CAL_0042", False), ("CAL0042", False), ("CAL-0043", False),
                                             ("CAL-00042", False)])
def test_reference_key_ignores_case_and_spaces_only(typed: str, same: bool) -> None:
    assert (reference_key(typed) == reference_key("CAL-0042")) is same


@pytest.mark.parametrize(("typed", "near"), [("CAL_0042", True), ("CAL0042", True), ("cal.0042", True),
                                             ("CAL-0043", False), ("CAL-042", False), ("CAL-00420", False)])
def test_near_key_ignores_separators_too(typed: str, near: bool) -> None:
    assert (near_key(typed) == near_key("CAL-0042")) is near


def test_case_and_spacing_do_not_split_a_calibration(db) -> None:
    cast = seed_cast(db)
    rate_as(db, cast.agent, cast.leader, "CAL-0042", key="1")
    rate_as(db, cast.agent, cast.coach, "cal-0042", key="4", minutes=1)
    rate_as(db, cast.agent, cast.specialist, "CAL - 0042", key="4", minutes=2)
    [ref] = calibration.calibration_references(db)
    assert (ref.reference, ref.observers, ref.near) == ("CAL - 0042", 3, ())  # one each: the first in order
    assert set(ref.spellings) | {ref.reference} == {"CAL-0042", "cal-0042", "CAL - 0042"}
    for typed in ("CAL-0042", "cal-0042", "cAl-0042 "):
        view = calibration.calibration_view(db, typed)
        assert list(view.observers.values()) == ["Laura Bennett", "Chris Coach", "Quinn Quality"]
        assert view.report.behaviours[0].observers == 3 and view.near == ()
        assert view.spellings == ("CAL - 0042", "CAL-0042", "cal-0042")
    assert calibration.calibration_left_out(db) == []


def test_a_near_match_is_left_out_and_named(db) -> None:
    cast = seed_cast(db)
    rate_as(db, cast.agent, cast.leader, "CAL-0042")
    rate_as(db, cast.agent, cast.coach, "CAL-0042", minutes=1)
    rate_as(db, cast.agent, cast.specialist, "CAL_0042", minutes=2)
    rate_as(db, cast.agent, cast.specialist, "CAL-0043", minutes=3)  # another call: not near
    [ref] = calibration.calibration_references(db)
    assert (ref.reference, ref.observers, ref.near) == ("CAL-0042", 2, ("CAL_0042",))
    view = calibration.calibration_view(db, "cal-0042")
    assert len(view.observers) == 2 and view.near == ("CAL_0042",)
    assert calibration.calibration_left_out(db) == []  # it is named on the calibration it was left out of


def test_near_matches_that_together_would_calibrate_are_named(db) -> None:
    cast = seed_cast(db)
    rate_as(db, cast.agent, cast.leader, "CAL-0042")
    assert calibration.calibration_left_out(db) == []
    rate_as(db, cast.agent, cast.leader, "CAL0042", minutes=1)  # the same observer: still one observer
    assert calibration.calibration_left_out(db) == []
    rate_as(db, cast.agent, cast.coach, "CAL_0042", minutes=2)  # a second observer: now it would calibrate
    assert calibration.calibration_references(db) == []
    [left] = calibration.calibration_left_out(db)
    assert left.references == ("CAL-0042", "CAL0042", "CAL_0042") and left.observers == 2
    assert left.agent_name == "Amelia Brown"


def test_the_busy_count_and_the_hidden_report_follow_every_spelling(db) -> None:
    cast = seed_cast(db)
    rate_as(db, cast.agent, cast.leader, "CAL-0042")
    running = rate_as(db, cast.agent, cast.coach, "cal-0042", minutes=1, end=False)
    [ref] = calibration.calibration_references(db)
    assert ref.in_progress == 1 and calibration.calibration_view(db, "CAL-0042").hidden
    obs.end_session(db, running)
    [ref] = calibration.calibration_references(db)
    assert ref.in_progress == 0 and not calibration.calibration_view(db, "CAL-0042").hidden
