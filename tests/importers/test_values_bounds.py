"""Number, percent, count and duration parsing at the edges the mutation run found untested: Excel's text tricks,
signs and brackets, separators in the wrong order, the fast path's refusals, and the encoding guess's doubt line."""

from __future__ import annotations

import pytest

from coachdesk.importers.encodings import guess, proposals
from coachdesk.importers.values import is_missing, parse_count, parse_duration, parse_number, parse_percent


@pytest.mark.parametrize("raw", ["'n/a", "'-", "\u2019n/a\u2019", '="\'n/a"'])
def test_an_apostrophe_kept_by_a_spreadsheet_still_marks_a_missing_cell(raw: str) -> None:
    assert is_missing(raw) or raw.startswith('="')
    assert parse_number(raw) is None


def test_excel_empty_text_formula_is_a_missing_cell_and_a_short_one_is_still_read() -> None:
    assert parse_number('=""') is None
    assert parse_percent('=""') is None
    assert parse_number('="7"') == 7.0


@pytest.mark.parametrize("raw", ['1234"', "(12", "12)", "1,234.567,89", "1.234,567.89", "1_000"])
def test_malformed_numbers_are_refused_not_half_read(raw: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(raw)


@pytest.mark.parametrize(("raw", "value"), [
    ("+1,234", 1234.0), ("+ 1,234", 1234.0), ("(1,234)", -1234.0), ("$1.234", 1.234), ("$.5", 0.5),
    ("$1.234.567", 1234567.0), ("1.234,5", 1234.5), ("1,234.5", 1234.5),
])
def test_signs_currency_and_separators_on_the_slow_path(raw: str, value: float) -> None:
    assert parse_number(raw) == value


def test_underscores_are_refused_by_every_parser_with_its_default_decimal_point() -> None:
    with pytest.raises(ValueError):
        parse_count("1_000")
    with pytest.raises(ValueError):
        parse_percent("1_000")
    with pytest.raises(ValueError):
        parse_duration("1_000")
    assert parse_count("1,000") == 1000.0 and parse_duration("1,000") == 1000.0


def _doubts(data: bytes) -> bool:
    encoding, how = guess(data)
    assert encoding == "cp1252", how
    return "with doubts" in how


def test_the_guess_has_doubts_from_five_penalty_points_per_thousand_characters() -> None:
    # "aÜ" in cp1252 is one lower-to-upper step (1 point), and no other candidate reads 0xDC better.
    word = b"a\xdc "
    assert _doubts(word + b"x" * 197)  # 1 point in 200 characters: 5.0, doubts
    assert guess(word + b"x" * 197)[1] == ("not UTF-8; detected as cp1252 (charset-normalizer's candidates and "
                                          "common code pages compared, with doubts: choose the encoding if names "
                                          "look wrong)")
    assert not _doubts(word + b"x" * 198)  # 201 characters: 4.98, no doubts
    assert guess(word + b"x" * 198)[1] == ("not UTF-8; detected as cp1252 (charset-normalizer's candidates and "
                                          "common code pages compared)")


def test_at_most_eight_of_charset_normalizers_candidates_are_compared() -> None:
    # for these bytes charset-normalizer offers about 16 legacy code pages
    assert len(proposals(b"a\xdc " + b"x" * 197)) == 8
