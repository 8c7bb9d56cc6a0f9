"""Name folding used for matching people across systems."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coachdesk.domain.text import name_key


def test_accents_case_and_spacing_are_ignored() -> None:
    assert name_key("  José   ÁLVAREZ ") == "jose alvarez"
    assert name_key("Zoë\tÅngström") == "zoe angstrom"
    assert name_key("Straße") == "strasse"
    assert name_key("O'Neil-Smith") == "o'neil-smith"


def test_different_names_stay_different() -> None:
    assert name_key("Ana Núñez") != name_key("Ana Nuno")


@given(st.text())
def test_folding_is_idempotent(text: str) -> None:
    assert name_key(name_key(text)) == name_key(text)
