"""Calibration: how many observers rated a behaviour, and how observers' references of one interaction are matched
(case and spacing ignored) or shown as near matches (letters and digits only)."""

from __future__ import annotations

import pytest

from coachdesk.domain.calibration import CalibrationRating, calibrate, near_key, reference_key


def test_each_behaviour_counts_its_observers() -> None:
    report = calibrate([CalibrationRating("A", "LISTEN", 3, 1.0), CalibrationRating("B", "LISTEN", 3, 1.0),
                        CalibrationRating("C", "LISTEN", 2, None), CalibrationRating("A", "TONE", 1, 0.0)])
    assert [(row.behaviour, row.observers, row.pairs) for row in report.behaviours] == [("LISTEN", 3, 3), ("TONE", 1, 0)]


@pytest.mark.parametrize(("a", "b"), [("cal-0042", "CAL-0042"), ("CAL - 0042", "cal-0042"), (" CAL\t0042 ", "cal0042")])
def test_references_match_ignoring_case_and_spacing(a: str, b: str) -> None:
    assert reference_key(a) == reference_key(b)


def test_references_with_other_separators_are_only_near() -> None:
    assert reference_key("CAL-0042") == "cal-0042" and reference_key("Ca L 7") == "cal7"
    assert reference_key("CAL-0042") != reference_key("CAL_0042")
    assert near_key("CAL-0042") == near_key("cal_0042") == near_key("Cal 0042") == "cal0042"
    assert near_key("É-1") == "é1"
