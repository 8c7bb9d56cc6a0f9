"""Observation rules word for word and on their edges: each scale refusal's sentence, the keys listed for one or
several points, delivery times at the start of the observation's minute and five minutes ahead of now."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from coachdesk.domain.errors import ValidationError
from coachdesk.domain.observation_rules import (
    ScalePoint,
    check_delivery,
    check_follow_up,
    check_scale,
    is_blank,
    keys_text,
    point_for_key,
)

YES, NO = ScalePoint(2, "Yes", "y", 1.0), ScalePoint(1, "No", "n", 0.0)


def refusal(call, *args) -> str:
    with pytest.raises(ValidationError) as error:
        call(*args)
    return str(error.value)


def test_keys_listed_for_one_two_and_three_points() -> None:
    assert keys_text([YES]) == "y"
    assert keys_text([YES, NO]) == "y or n"
    assert keys_text([YES, NO, ScalePoint(0, "N/A", "0", None)]) == "y, n or 0"


def test_a_key_off_the_scale_without_names_says_this_scale() -> None:
    assert refusal(point_for_key, (YES, NO), "x") == "'x' is not on this scale: use y or n."
    assert point_for_key((YES, NO), "Y") is YES


@pytest.mark.parametrize(("name", "points", "message"), [
    (" ", (YES, NO), "A rating scale needs a name."),
    ("S", (YES,), "The scale 'S' needs at least two points."),
    ("S", (YES, ScalePoint(1, " ", "n", 0.0)), "Every point of the scale 'S' needs a label."),
    ("S", (YES, ScalePoint(1, "No", "no", 0.0)), "The key of 'No' on 'S' must be one character (a digit or a letter)."),
    ("S", (YES, ScalePoint(1, "No", "", 0.0)), "The key of 'No' on 'S' must be one character (a digit or a letter)."),
    ("S", (YES, ScalePoint(1, "No", "\t", 0.0)), "The key of 'No' on 'S' must be one character (a digit or a letter)."),
    ("S", (YES, ScalePoint(1, "No", "\x07", 0.0)),
     "The key of 'No' on 'S' must be one character (a digit or a letter)."),
    ("S", (YES, ScalePoint(1, "No", "Y", 0.0)), "Two points of the scale 'S' use the key 'Y'."),
    ("S", (YES, ScalePoint(2, "No", "n", 0.0)), "Two points of the scale 'S' have the value 2."),
    ("S", (YES, ScalePoint(1, "No", "n", -0.5)), "The score of 'No' on 'S' must be between 0 and 1."),
    ("S", (ScalePoint(2, "Yes", "y", None), ScalePoint(1, "No", "n", None)),
     "The scale 'S' needs at least one point with a score."),
])
def test_scale_refusals_word_for_word(name: str, points: tuple[ScalePoint, ...], message: str) -> None:
    assert refusal(check_scale, name, points) == message


def test_a_scale_whose_only_score_is_on_the_last_point_is_fine() -> None:
    check_scale("S", (ScalePoint(2, "N/A", "0", None), ScalePoint(1, "Done", "d", 0.0)))


def test_delivery_from_the_observations_minute_to_five_minutes_ahead() -> None:
    start = datetime(2026, 3, 10, 10, 0, 40, tzinfo=UTC)  # started 40 s into the minute; times are typed to the minute
    now = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)
    check_delivery(start, None, now)
    check_delivery(start, datetime(2026, 3, 10, 10, 0, tzinfo=UTC), now)
    assert refusal(check_delivery, start, datetime(2026, 3, 10, 9, 59, 59, tzinfo=UTC), now) == (
        "Feedback cannot be delivered before the observation started.")
    check_delivery(start.replace(microsecond=500_000), datetime(2026, 3, 10, 10, 0, tzinfo=UTC), now)
    check_delivery(start, now + timedelta(minutes=5), now)  # a clock a little ahead
    assert refusal(check_delivery, start, now + timedelta(minutes=5, seconds=1), now) == (
        "The delivery time is in the future: record feedback when it has been given.")


def test_blank_text() -> None:
    assert is_blank(" \n") and not is_blank(" a ")


def test_a_follow_up_in_the_past_word_for_word() -> None:
    assert refusal(check_follow_up, date(2026, 3, 9), date(2026, 3, 10)) == (
        "The follow-up date 9 Mar 2026 is in the past: choose today or a later day.")
