"""Encoding detection's scoring to the point: exact penalties at each boundary (control bytes, symbol categories,
mixed scripts, accent soup, case flips), the sample's size, and the order that breaks ties."""

from __future__ import annotations

import pytest

from coachdesk.importers.encodings import LEGACY, SAMPLE, guess, implausibility, proposals


@pytest.mark.parametrize(("text", "points"), [
    ("", 0.0),
    ("a b", 0.0),  # a space is not a control byte
    ("a\tb\r\nc", 0.0),  # tab, carriage return and line feed are allowed
    ("\x1f", 3000.0),  # the last control byte below the space
    ("a\x01b", 1000.0),
    ("\x7f", 0.0),  # DEL is ASCII, not counted
    ("\x80", 3000.0),  # the first non-ASCII code point is a C1 control
    ("£", 3000.0),  # a currency symbol (S)
    ("½", 3000.0),  # No
    ("«", 3000.0),  # Pi
    ("»", 3000.0),  # Pf
    ("\ue000", 3000.0),  # Co (private use)
    ("\u0378", 3000.0),  # Cn (unassigned)
    ("—", 0.0),  # a dash (Pd) is fine
    ("Èé", 0.0),  # accent soup needs three letters or more
    ("Èéa", 2000 / 3),  # three letters, two of them accented: more than half
    ("Èéab", 0.0),  # exactly half is not more than half
    ("Èab", 0.0),
    ("ИванPetrov", 300.0),  # two scripts in one word (2) and a lower-then-upper flip (1), over 10 characters
    ("abcDé", 200.0),  # one flip in a non-ASCII word
    ("abcDe", 0.0),  # ASCII words are never scored
    ("山田タロウ", 0.0),  # kanji and katakana are one script group
    ("やまだ山", 0.0),  # hiragana with kanji
    ("山田ｶﾀ", 0.0),  # half-width katakana with kanji
    ("ＡＢ山", 0.0),  # full-width letters with kanji
    ("Иван Петров", 0.0),
])
def test_implausibility_points_per_thousand_characters(text: str, points: float) -> None:
    assert implausibility(text) == pytest.approx(points)


def test_plain_ascii_ties_go_to_the_first_legacy_code_page() -> None:
    name, how = guess(b"Ann Lee,2025-01-02,87%\n" * 20)
    assert name == LEGACY[0] == "cp1252"
    assert "detected as cp1252" in how and "doubts" not in how


def test_a_clean_reading_has_no_doubts_and_a_messy_one_says_so() -> None:
    name, how = guess("Иван Петров,Сергей Иванов\n".encode("cp1251") * 10)
    assert name == "cp1251" and "doubts" not in how
    noisy = bytes(range(0x80, 0x100)) * 4
    assert "with doubts: choose the encoding" in guess(noisy)[1]


def test_only_the_first_sample_bytes_are_read() -> None:
    cyrillic = " Иван Петров Сергей Иванов".encode("cp1251")
    inside = b"a" * (SAMPLE - len(cyrillic)) + cyrillic  # ends exactly at the sample's last byte
    assert len(inside) == SAMPLE and guess(inside)[0] == "cp1251"
    beyond = b"a" * SAMPLE + cyrillic  # starts just after it: never seen
    assert guess(beyond)[0] == "cp1252"
    assert SAMPLE == 256 * 1024


def test_a_sample_cut_inside_a_double_byte_character_still_decodes() -> None:
    data = ("山田太郎,営業部,東京\n" * 40).encode("cp932")
    cut = data[:-2]  # ends with the first byte of "京"'s two
    assert guess(cut)[0] == "cp932"


def test_proposals_are_distinct_legacy_names_never_utf() -> None:
    found = proposals("Иван Петров, Сергей Иванов, Ольга Смирнова\n".encode("cp1251") * 20)
    assert found and len(found) <= 8 and len(set(found)) == len(found)
    assert not any(name.startswith("utf") for name in found)
    assert "cp1251" in found or "windows-1251" in found or "mac_cyrillic" in found


def test_every_penalty_adds_up() -> None:
    assert implausibility("\x01\x02") == pytest.approx(3000.0)  # two control bytes: 6 points over 2 characters
    assert implausibility("££") == pytest.approx(3000.0)
    assert implausibility("aBé") == pytest.approx(1000 / 3)  # the flip is between neighbours


def test_proposals_leave_out_utf_even_for_utf_8_bytes() -> None:
    found = proposals("Иван Петров, Сергей Иванов, Ольга Смирнова\n".encode() * 20)
    assert not any(name.startswith("utf") for name in found) and len(set(found)) == len(found)
