"""KPI values shown in their display formats."""

from __future__ import annotations

import pytest

from coachdesk.domain.enums import Unit
from coachdesk.domain.kpi_format import format_duration, format_value


@pytest.mark.parametrize(
    ("value", "unit", "fmt", "text"),
    [
        (465, Unit.SECONDS, "m:ss", "7:45"),
        (3725.4, Unit.SECONDS, "m:ss", "1:02:05"),
        (59.6, Unit.SECONDS, "m:ss", "1:00"),
        (7200, Unit.SECONDS, "h:mm:ss", "2:00:00"),
        (0.905, Unit.PERCENT, "0.0%", "90.5%"),
        (0.87, Unit.PERCENT, "0%", "87%"),
        (1234, Unit.COUNT, "0", "1,234"),
        (0.125, Unit.SCORE, "0.00", "0.12"),
        (None, Unit.PERCENT, "0.0%", "–"),
        (float("nan"), Unit.SECONDS, "m:ss", "–"),
    ],
)
def test_format_value(value, unit, fmt, text) -> None:  # noqa: ANN001
    assert format_value(value, unit, fmt) == text


def test_negative_duration() -> None:
    assert format_duration(-75) == "-1:15"
