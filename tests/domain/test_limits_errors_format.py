"""Record limits at the limit and one past it, the conflict error's differing fields, and KPI values in their display
formats at the edges (an hour exactly, rounding up to the next minute, decimals read from the format)."""

from __future__ import annotations

import pytest

from coachdesk.domain.enums import FollowUpOutcome, Role, Unit
from coachdesk.domain.errors import CoachDeskError, ConflictError, ValidationError
from coachdesk.domain.kpi_format import format_duration, format_value
from coachdesk.domain.limits import FREE_TEXT_MAX, JSON_TEXT_MAX, check_text, text_limit
from coachdesk.domain.text import printable, shorten_list


def test_text_limits_by_column() -> None:
    assert text_limit("notes", 120) == 120
    assert text_limit("mapping_json", None) == JSON_TEXT_MAX
    assert text_limit("notes", None) == FREE_TEXT_MAX
    assert text_limit("json_notes", None) == FREE_TEXT_MAX  # the suffix decides, not a mention
    assert (FREE_TEXT_MAX, JSON_TEXT_MAX) == (20_000, 1_000_000)


def test_a_text_at_the_limit_is_kept_and_one_character_more_is_refused() -> None:
    check_text("Summary", "x" * FREE_TEXT_MAX)
    check_text("Summary", None)
    check_text("Note", "abc", limit=3)
    with pytest.raises(ValidationError) as error:
        check_text("Summary", "x" * (FREE_TEXT_MAX + 1))
    assert str(error.value) == ("Summary is 20,001 characters long; the most CoachDesk keeps is 20,000. Shorten it (or "
                                "attach the long text as a file elsewhere) and save again.")
    with pytest.raises(ValidationError, match="Note is 4 characters long; the most CoachDesk keeps is 3"):
        check_text("Note", "abcd", limit=3)


def test_a_conflict_lists_the_fields_that_differ_theirs_first() -> None:
    conflict = ConflictError("Saved meanwhile.", "objective", "Cut AHT", theirs={"Target": "5:00", "Due": "1 Mar"},
                             mine={"Due": "1 Mar", "Note": "x", "Target": "4:50"}, their_version=3, my_version=2)
    assert isinstance(conflict, CoachDeskError) and str(conflict) == "Saved meanwhile."
    assert conflict.differences() == ["Target", "Note"]
    assert (conflict.kind, conflict.label, conflict.their_version, conflict.my_version) == ("objective", "Cut AHT", 3, 2)
    assert conflict.theirs == {"Target": "5:00", "Due": "1 Mar"} and conflict.mine["Note"] == "x"
    bare = ConflictError("Saved meanwhile.")
    assert (bare.kind, bare.label, bare.theirs, bare.mine, bare.their_version, bare.my_version) == (
        "", "", {}, {}, None, None)
    assert bare.differences() == []
    assert ConflictError("m", theirs={"Note": ""}).differences() == []  # a missing field reads as empty


@pytest.mark.parametrize(("seconds", "with_hours", "text"), [
    (3600, False, "1:00:00"), (3599.4, False, "59:59"), (3599.6, False, "1:00:00"), (0, False, "0:00"),
    (65, True, "0:01:05"), (-3725, False, "-1:02:05"), (-0.4, False, "0:00"), (600, False, "10:00"),
])
def test_durations_at_the_hour_and_rounding(seconds: float, with_hours: bool, text: str) -> None:
    assert format_duration(seconds, with_hours) == text


@pytest.mark.parametrize(("value", "unit", "fmt", "text"), [
    (0.87654, Unit.PERCENT, "", "87.7%"),  # no format: one decimal
    (0.87654, Unit.SCORE, "0.00%", "87.65%"),  # a % format makes any unit a percentage
    (330, Unit.SCORE, "m:ss", "5:30"), (330, Unit.SECONDS, " h:mm:ss ", "0:05:30"),
    (1234.5, Unit.SCORE, "", "1,234.50"), (1234.0, Unit.SCORE, "", "1,234"), (2.5, Unit.COUNT, "0", "2"),
    (2.25, Unit.SCORE, "0.0", "2.2"), (1.5, "score", "0.000", "1.500"), (float("inf"), Unit.SCORE, "", "–"),
    (7, Unit.COUNT, "", "7"),
])
def test_values_in_their_display_formats(value: float, unit: Unit, fmt: str, text: str) -> None:
    assert format_value(value, unit, fmt) == text


def test_enum_labels_read_as_words() -> None:
    assert Role.TEAM_LEADER.label == "Team leader" and Role.AGENT.label == "Agent"
    assert Role.OPERATIONS_MANAGER.label == "Operations manager"
    assert [o.label for o in FollowUpOutcome] == ["Improved", "Partly", "Not yet"]


def test_defaults_and_formats_that_name_the_unit() -> None:
    assert format_value(1234.5, Unit.SCORE) == "1,234.50"  # no display format given
    assert format_value(330, Unit.SCORE, "h:mm:ss") == "0:05:30"  # the format alone makes it a duration
    assert format_duration(0.6) == "0:01" and format_duration(-0.6) == "-0:01"
    assert ConflictError("m", mine={"Note": ""}).differences() == []  # a field only on my side, empty: no change


def test_message_text_is_cut_at_its_default_lengths() -> None:
    assert printable("x" * 120) == "x" * 120
    assert printable("x" * 121) == "x" * 120 + "… (1 more characters)"
    assert shorten_list(["y" * 60]) == "y" * 60
    assert shorten_list(["y" * 61]) == "y" * 60 + "… (1 more characters)"
    assert shorten_list(["a", "b", "c", "d"], keep=3) == "a … c, and 1 more"
