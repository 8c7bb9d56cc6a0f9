""""Far below" is scaled to the KPI: a 0.7-point gap on a 1-5 rating is below target, not far below it; the gap
that counts as far is a point on 1-5, five points of a share, 20 NPS points, a tenth of the target elsewhere."""

from __future__ import annotations

import pytest

from coachdesk.domain.enums import Direction
from coachdesk.domain.kpi_scales import far_gap
from coachdesk.domain.objectives import Band, Levels, band

RATING = Levels(commit=4.2, target=4.5)


@pytest.mark.parametrize(("value", "expected"), [
    (4.5, Band.ON_TARGET), (4.2, Band.BELOW), (3.8, Band.BELOW),  # 0.7 short, under the commit level: still below
    (3.5, Band.BELOW),  # exactly a point short: not more than the gap
    (3.49, Band.FAR_BELOW), (2.0, Band.FAR_BELOW)])
def test_a_rating_on_one_to_five_is_far_below_only_a_point_short(value: float, expected: Band) -> None:
    gap = far_gap("rating_1_5", "score", "CSAT_SCORE", RATING.target)
    assert gap == 1.0
    assert band(value, RATING, Direction.HIGHER_IS_BETTER, 0.1, far_gap=gap) is expected


def test_without_a_scale_gap_the_floor_alone_decides() -> None:
    assert band(3.8, RATING, Direction.HIGHER_IS_BETTER, 0.1) is Band.FAR_BELOW


@pytest.mark.parametrize(("scale", "unit", "code", "target", "gap"), [
    ("fraction", "percent", "QA", 0.9, 0.05), (None, "percent", "FCR", 0.8, 0.05),  # a share by its unit
    ("rating_1_10", "score", "ESAT", 8.0, 2.0), (None, "score", "NPS", 40.0, 20.0),  # NPS by its code
    ("seconds", "seconds", "AHT", 300.0, 30.0), ("number", "score", "CALVAR", -2.0, 0.2),
    ("fraction", "percent", "QA", None, None)])
def test_the_far_gap_follows_the_scale(scale: str | None, unit: str, code: str, target: float | None,
                                       gap: float | None) -> None:
    assert far_gap(scale, unit, code, target) == (pytest.approx(gap) if gap is not None else None)


def test_lower_is_better_reads_the_gap_the_other_way() -> None:
    levels = Levels(commit=320.0, target=300.0)  # AHT: 30 s is far on a 300 s target
    gap = far_gap("seconds", "seconds", "AHT", 300.0)
    assert band(325.0, levels, Direction.LOWER_IS_BETTER, 0.0, far_gap=gap) is Band.BELOW
    assert band(330.0, levels, Direction.LOWER_IS_BETTER, 0.0, far_gap=gap) is Band.BELOW
    assert band(331.0, levels, Direction.LOWER_IS_BETTER, 0.0, far_gap=gap) is Band.FAR_BELOW
