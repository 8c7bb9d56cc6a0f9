"""Calibration maths on cases worked out by hand: exact agreement over pairs, group mean, deviations, MAD."""

from __future__ import annotations

import pytest

from coachdesk.domain.calibration import CalibrationRating, behaviour_agreement, calibrate

# a four-point scale as the default framework has it: value -> score
FOUR = {1: 0.0, 2: 1 / 3, 3: 2 / 3, 4: 1.0, 0: None}


def rating(observer: str, behaviour: str, value: int) -> CalibrationRating:
    return CalibrationRating(observer, behaviour, value, FOUR[value])


def test_three_observers_two_agree() -> None:
    # A=3, B=3, C=4 -> pairs AB yes, AC no, BC no: 1/3. Scores 66.67, 66.67, 100: mean 77.78.
    row = behaviour_agreement("LISTEN", {o: rating(o, "LISTEN", v) for o, v in (("A", 3), ("B", 3), ("C", 4))})
    assert (row.agreeing_pairs, row.pairs) == (1, 3)
    assert row.exact_agreement == pytest.approx(1 / 3)
    assert row.group_mean == pytest.approx(700 / 9)  # (200/3 + 200/3 + 100) / 3
    assert row.deviations["A"] == pytest.approx(-100 / 9)  # 66.67 - 77.78 = -11.11
    assert row.deviations["B"] == pytest.approx(-100 / 9)
    assert row.deviations["C"] == pytest.approx(200 / 9)  # +22.22
    assert row.mean_abs_deviation == pytest.approx((100 / 9 + 100 / 9 + 200 / 9) / 3)  # 14.81


def test_full_agreement_and_full_disagreement() -> None:
    same = behaviour_agreement("TONE", {o: rating(o, "TONE", 4) for o in "ABCD"})
    assert same.exact_agreement == 1.0 and same.mean_abs_deviation == 0.0 and same.pairs == 6
    spread = behaviour_agreement("TONE", {"A": rating("A", "TONE", 1), "B": rating("B", "TONE", 4)})
    assert spread.exact_agreement == 0.0
    assert spread.group_mean == pytest.approx(50.0)
    assert spread.deviations == {"A": pytest.approx(-50.0), "B": pytest.approx(50.0)}
    assert spread.mean_abs_deviation == pytest.approx(50.0)


def test_not_applicable_agrees_with_itself_and_has_no_deviation() -> None:
    # A and B: N/A, C: 2 (33.33). Pairs: AB agree; AC, BC disagree -> 1/3. Mean of scored = 33.33 (C alone).
    row = behaviour_agreement("SALE", {"A": rating("A", "SALE", 0), "B": rating("B", "SALE", 0),
                                       "C": rating("C", "SALE", 2)})
    assert row.exact_agreement == pytest.approx(1 / 3)
    assert row.group_mean == pytest.approx(100 / 3)
    assert row.deviations == {"A": None, "B": None, "C": pytest.approx(0.0)}
    assert row.mean_abs_deviation == pytest.approx(0.0)


def test_a_single_observer_has_no_agreement() -> None:
    row = behaviour_agreement("LISTEN", {"A": rating("A", "LISTEN", 2)})
    assert row.pairs == 0 and row.exact_agreement is None
    assert row.deviations == {"A": 0.0}


def test_report_per_behaviour_and_per_observer() -> None:
    # LISTEN: A=3 B=3 C=4 (as above). TONE: A=1 B=2 C=4 -> scores 0, 33.33, 100; mean 44.44;
    # deviations A -44.44, B -11.11, C +55.56; pairs agreeing 0 of 3.
    ratings = [rating("A", "LISTEN", 3), rating("B", "LISTEN", 3), rating("C", "LISTEN", 4),
               rating("A", "TONE", 1), rating("B", "TONE", 2), rating("C", "TONE", 4),
               rating("A", "SALE", 0)]  # only A rated SALE: no pair
    report = calibrate(ratings, behaviour_order=["TONE", "LISTEN", "EMPATHY"])
    assert [b.behaviour for b in report.behaviours] == ["TONE", "LISTEN", "SALE"]  # EMPATHY: nobody rated it
    tone = report.behaviours[0]
    assert tone.group_mean == pytest.approx(400 / 9)
    assert tone.deviations["A"] == pytest.approx(-400 / 9)
    assert tone.deviations["C"] == pytest.approx(500 / 9)
    assert tone.exact_agreement == 0.0
    assert (report.agreeing_pairs, report.pairs) == (1, 6)
    assert report.exact_agreement == pytest.approx(1 / 6)
    by_observer = {o.observer: o for o in report.observers}
    assert [o.observer for o in report.observers] == ["A", "B", "C"]
    # A: LISTEN -11.11, TONE -44.44 -> mean -27.78 (harsh), MAD 27.78; SALE N/A not counted
    assert by_observer["A"].scored == 2
    assert by_observer["A"].mean_deviation == pytest.approx(-250 / 9)
    assert by_observer["A"].mean_abs_deviation == pytest.approx(250 / 9)
    # C: +22.22 and +55.56 -> +38.89 (lenient)
    assert by_observer["C"].mean_deviation == pytest.approx(350 / 9)
    # overall MAD: |A|,|B|,|C| over both behaviours: (100+100+200 + 400+100+500)/9 / 6
    assert report.mean_abs_deviation == pytest.approx((100 + 100 + 200 + 400 + 100 + 500) / 9 / 6)


def test_a_later_rating_by_the_same_observer_replaces_the_earlier() -> None:
    report = calibrate([rating("A", "LISTEN", 1), rating("B", "LISTEN", 4), rating("A", "LISTEN", 4)])
    assert report.behaviours[0].exact_agreement == 1.0


def test_empty() -> None:
    report = calibrate([])
    assert report.behaviours == () and report.exact_agreement is None and report.mean_abs_deviation is None
