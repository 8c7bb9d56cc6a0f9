"""Names, scales and message text: "Last, First", middle names, near matches, placeholders; what each KPI scale
allows; formula cells made safe; control bytes escaped; long lists shortened."""

from __future__ import annotations

import math

import pytest

from coachdesk.domain.kpi_scales import (
    FRACTION,
    NPS,
    NUMBER,
    RATING_5,
    RATING_10,
    SCALES,
    default_scale,
    in_range,
    looks_like_rating,
    scale_of,
)
from coachdesk.domain.names import natural_order, near_reason, placeholder_reason, same_name, tokens
from coachdesk.domain.text import plural, printable, shorten_list, spreadsheet_safe


@pytest.mark.parametrize("a, b, same", [
    ("Wei, Li", "Li Wei", True), ("LI WEI", "li wei", True), ("Zoë Ünal", "Zoe Unal", True),
    ("Mary Ann Lee", "Mary Lee", True), ("Mary A. Lee", "Mary Ann Lee", True), ("Mary A Lee", "Mary B Lee", False),
    ("Mary Lee", "Mary Leigh", False), ("Lee", "Lee", True), ("Lee", "Mary Lee", False), ("", "Lee", False),
    ("Mary Ann Lee", "Mary Anne Lee", False), ("Mary A Lee", "Mary Ann Beth Lee", True),
    ("Mary Ann Beth Lee", "Mary A. B. Lee", True), ("J. R. Lee", "J Lee", True),
])
def test_same_name(a, b, same):
    assert same_name(a, b) is same
    assert same_name(b, a) is same


def test_natural_order_and_tokens():
    assert natural_order("Wei, Li") == "Li Wei"
    assert natural_order("Wei,") == "Wei," and natural_order(", Li") == ", Li"
    assert natural_order("A, B, C") == "A, B, C" and natural_order("Li Wei") == "Li Wei"
    assert tokens("O'Neil-Smith, José") == ["jose", "o'neil", "smith"]


@pytest.mark.parametrize("a, b, why", [
    ("Wei Li", "Li Wei", "the same words in another order"),
    ("L. Wei", "Li Wei", "an initial for the first name"), ("Li Wei", "L Wei", "an initial for the first name"),
    ("Jon Smith", "John Smith", "a spelling close to it"), ("Jonathan Smith", "Jonathon Smith",
                                                            "a spelling close to it"),
    ("Ann Lee", "Bob Roy", None), ("Li Wei", "Li Wei", None), ("First001 Last001", "First002 Last002", None),
    ("Agent 12", "Agent 13", None), ("K. Wei", "Li Wei", None), ("Jon Smith", "John Smyth Jones", None),
    ("Ann Lee", "Ann Leo", None), ("", "Ann", None),
])
def test_near_reason(a, b, why):
    assert near_reason(a, b) == why


@pytest.mark.parametrize("name, why", [
    ("[Deleted]", "a deleted or unknown user"), ("(removed) Ann", "a deleted or unknown user"),
    ("Deleted User", "a deleted or unknown user"), ("Inactive agent 7", "a deleted or unknown user"),
    ("1 - New Hire Template", "a template user"), ("Queue: Sales", "a queue or group"),
    ("Sales Queue", "a queue or group"), ("Skill - Billing", "a queue or group"), ("Grand Total", "a totals line"),
    ("Subtotal", "a totals line"), ("Unknown", "a placeholder name"), ("N/A", "a placeholder name"),
    ("Ann Lee", None), ("Queenie Lee", None), ("", None), ("Tom Templeton", None),
])
def test_placeholder_reason(name, why):
    assert placeholder_reason(name) == why


def test_scales_and_their_ranges():
    assert default_scale("percent") == FRACTION and default_scale("score", "nps") == NPS
    assert default_scale("score") == NUMBER and default_scale("weird") == NUMBER
    assert scale_of(None, "percent").name == FRACTION and scale_of(RATING_5, "percent").name == RATING_5
    assert scale_of("nonsense", "count").name == "count"
    share = SCALES[FRACTION]
    assert in_range(0.0, share) and in_range(1.0, share) and not in_range(1.0001, share)
    assert not in_range(-0.0001, share) and in_range(1.2, share, slack=0.2) and not in_range(1.21, share, 0.2)
    assert in_range(1e9, SCALES["seconds"]) and not in_range(-1, SCALES["seconds"])
    assert in_range(-1e9, SCALES[NUMBER]) and math.isinf(SCALES[NUMBER].high)


@pytest.mark.parametrize("values, rating", [
    ([3.6, 4.1, 4.8], RATING_5), ([3, 4, 5], RATING_5), ([4, 5], None), ([1.0, 5.0, 2.5], RATING_5),
    ([0.9, 4.2], RATING_10), ([3.6, 5.1], RATING_10), ([7.5, 8.2, 6.0], RATING_10), ([7, 8, 9], None), ([87, 91], None),
    ([0.5, 0.9, 0.7], None), ([], None), ([0.5, 9.5, 1.5], RATING_10), ([0.5, 0.8, 9.5], None),
    ([10.0, 9.5, 8.5], RATING_10), ([10.5, 9.5], None),
])
def test_looks_like_rating(values, rating):
    assert looks_like_rating(values) == rating


@pytest.mark.parametrize("cell, safe", [
    ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Ann", "Ann"), ("-0.5", "-0.5"), ("+12", "+12"), ("-1e-3", "-1e-3"), ("", ""), (3, 3),
    ("a=b", "a=b"), ("-", "'-"), ("--", "'--"),
])
def test_spreadsheet_safe(cell, safe):
    assert spreadsheet_safe(cell) == safe


def test_printable_escapes_control_bytes_and_counts_the_rest():
    assert printable("a\x00b\x1bc\x7fd\x85e\u202ef") == "a\\x00b\\x1bc\\x7fd\\x85e\\u202ef"
    assert printable("tab\tand\nline") == "tab\tand\nline"
    assert printable("x" * 10, limit=10) == "x" * 10
    assert printable("x" * 11, limit=10) == "x" * 10 + "… (1 more characters)"
    assert printable(1234) == "1234"


def test_shorten_list_and_plural():
    items = [f"c{i}" for i in range(1_000_000)]
    assert shorten_list(items) == "c0 … c11, and 999,988 more"
    assert shorten_list(items[:12]) == ", ".join(items[:12])
    assert shorten_list(items[:13]) == "c0 … c11, and 1 more"
    assert shorten_list(["a", "b", "c"], keep=2) == "a, b, and 1 more"
    assert shorten_list(["\x00x"]) == "\\x00x" and shorten_list([]) == ""
    assert plural(1, "row") == "1 row" and plural(0, "row") == "0 rows" and plural(2, "person", "people") == "2 people"
    assert plural(1000, "figure") == "1,000 figures"
