"""Name matching on its edges: a one-word name against the same word twice, middle names that fit one way only (the
answer must not depend on which name comes first), initials and typos in three-word names, a typo exactly at the
similarity threshold."""

from __future__ import annotations

import pytest

from coachdesk.domain.names import TYPO_RATIO, near_reason, same_name


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Lee", "Lee Lee", False), ("Wei", "Wei, Wei", False),
    ("Mary A B Lee", "Mary Ann Ann Lee", False),  # B fits nothing: not the same, whichever is given first
    ("Mary A B Lee", "Mary Ann Beth Lee", True), ("Mary A Lee", "Mary Ann Lee", True),
])
def test_same_name_either_way_round(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same
    assert same_name(b, a) is same


@pytest.mark.parametrize(("a", "b", "why"), [
    ("L. Ann Wei", "Li Wei", "an initial for the first name"),
    ("Jon Paul Smith", "John Paul Smith", "a spelling close to it"),
    ("Bartholomew Featherstones", "Bartholomaw Faatherstonas", "a spelling close to it"),  # similarity 44/50 = 0.88
    ("Bartholomew Featherstones", "Bartholomaw Faatherstonaz", None),  # 42/50
])
def test_near_reasons_either_way_round(a: str, b: str, why: str | None) -> None:
    assert TYPO_RATIO == 0.88
    assert near_reason(a, b) == why
    assert near_reason(b, a) == why
