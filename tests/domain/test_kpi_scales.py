"""Scale rules on their edges: when bare numbers read as a mean score on 0-10 (zero is on that scale; a median of
exactly one is not enough to rule out fractions)."""

from __future__ import annotations

import pytest

from coachdesk.domain.kpi_scales import RATING_5, RATING_10, looks_like_rating


@pytest.mark.parametrize(("values", "scale"), [
    ([0.0, 6.5, 8.0], RATING_10),  # a zero is a valid score on 0-10
    ([0.0, 1.5, 2.5], RATING_10),
    ([0.5, 1.0, 2.5], None),  # median exactly 1: could be fractions, so not read as a rating
    ([0.5, 1.01, 2.5], RATING_10),
    ([-0.5, 6.5, 8.0], None), ([1.5, 6.5, 10.0], RATING_10), ([1.5, 6.5, 10.5], None),
    ([1.0, 3.6, 5.0], RATING_5), ([1.0, 3.0, 5.0], RATING_5), ([2.0, 4.0], None), ([], None),
])
def test_bare_numbers_read_as_a_rating_only_inside_its_scale(values: list[float], scale: str | None) -> None:
    assert looks_like_rating(values) == scale
