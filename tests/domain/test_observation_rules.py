"""Rating keys on a scale, scale checks, follow-up dates and feedback timeliness."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from coachdesk.domain.errors import ValidationError
from coachdesk.domain.observation_rules import (
    ScalePoint,
    check_follow_up,
    check_scale,
    point_for_key,
    timeliness,
)

MET = (ScalePoint(3, "Met", "m", 1.0), ScalePoint(2, "Partly met", "p", 0.5), ScalePoint(1, "Not met", "n", 0.0),
       ScalePoint(0, "Not applicable", "0", None))


def test_keys_pick_points_case_insensitively() -> None:
    assert point_for_key(MET, "p").label == "Partly met"
    assert point_for_key(MET, "M").value == 3
    assert point_for_key(MET, "0").not_applicable


def test_a_key_outside_the_scale_is_refused_with_the_keys_to_use() -> None:
    with pytest.raises(ValidationError, match=r"'4' is not on the Met scale for Compliance: use m, p, n or 0"):
        point_for_key(MET, "4", "Met", "Compliance")


@pytest.mark.parametrize("points, message", [
    ((ScalePoint(1, "A", "1", 0.0),), "at least two"),
    ((ScalePoint(1, "A", "1", 0.0), ScalePoint(2, "B", "1", 1.0)), "use the key"),
    ((ScalePoint(1, "A", "1", 0.0), ScalePoint(1, "B", "2", 1.0)), "value 1"),
    ((ScalePoint(1, "A", "12", 0.0), ScalePoint(2, "B", "2", 1.0)), "one character"),
    ((ScalePoint(1, "A", " ", 0.0), ScalePoint(2, "B", "2", 1.0)), "one character"),
    ((ScalePoint(1, "A", "1", 0.0), ScalePoint(2, "B", "2", 1.5)), "between 0 and 1"),
    ((ScalePoint(1, "", "1", 0.0), ScalePoint(2, "B", "2", 1.0)), "label"),
    ((ScalePoint(1, "A", "1", None), ScalePoint(2, "B", "2", None)), "with a score"),
])
def test_bad_scales_are_refused(points, message) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError, match=message):
        check_scale("S", points)


def test_good_scales_pass_at_each_boundary_and_one_step_past_is_refused() -> None:
    assert check_scale("Met", MET) is None
    two = (ScalePoint(1, "No", "n", 0.0), ScalePoint(2, "Yes", "y", 1.0))  # the fewest points, scores at both ends
    assert check_scale("Yes or no", two) is None
    with pytest.raises(ValidationError, match="at least two points"):
        check_scale("Yes or no", two[:1])
    with pytest.raises(ValidationError, match="between 0 and 1"):
        check_scale("Yes or no", (two[0], ScalePoint(2, "Yes", "y", 1.000001)))
    with pytest.raises(ValidationError, match="between 0 and 1"):
        check_scale("Yes or no", (ScalePoint(1, "No", "n", -0.000001), two[1]))
    with pytest.raises(ValidationError, match="use the key"):  # keys differ only in case
        check_scale("Yes or no", (two[0], ScalePoint(2, "Yes", "N", 1.0)))


def test_follow_up_in_the_past_is_refused() -> None:
    today = date(2026, 3, 10)
    check_follow_up(today, today)
    check_follow_up(None, today)
    with pytest.raises(ValidationError, match="9 Mar 2026 is in the past"):
        check_follow_up(date(2026, 3, 9), today)


def test_timeliness() -> None:
    end = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
    assert timeliness(end, end + timedelta(minutes=25)) == timedelta(minutes=25)
    assert timeliness(end, None) is None
    assert timeliness(None, end) is None
    assert timeliness(end, end - timedelta(minutes=5)) == timedelta(0)
