"""Mapping edges: what a mapping lacks in full words, which KPIs an interaction log gives, the header signature's
stored form, and the names still found here that live in importers.proposal."""

from __future__ import annotations

import hashlib

import pytest

from coachdesk.importers import mapping as m
from coachdesk.importers import proposal
from coachdesk.importers.mapping import ColumnMap, Mapping, header_signature, interaction_kpis


def test_missing_says_who_when_and_what_in_full() -> None:
    bare = Mapping(m.SUMMARY, (ColumnMap("Notes", 0, m.IGNORE),))
    who = "who: no agent column (such as Agent, Agent Name, Agent Id, User Name or Email)"
    when = ("when: no date or interval column (such as Date, Call Date or Interval Start), and no period given "
            "(--period-start/--period-end)")
    what = "what: no KPI column that the catalogue knows (such as AHT, Avg Talk, CSAT, Answered)"
    assert bare.missing(period_given=False) == [who, when, what]
    assert bare.missing(period_given=True) == [who, what]


def test_an_interaction_log_without_durations_gives_no_aht() -> None:
    rated = Mapping(m.INTERACTIONS, (ColumnMap("Agent", 0, m.AGENT_NAME), ColumnMap("Score", 1, m.RATING)))
    assert interaction_kpis(rated) == ["ANSWERED", "CSAT", "DSAT"]
    talk = Mapping(m.INTERACTIONS, (ColumnMap("Agent", 0, m.AGENT_NAME), ColumnMap("Talk", 1, m.TALK)))
    assert interaction_kpis(talk) == ["AHT", "TALK", "ANSWERED"]


def test_the_header_signature_ignores_order_case_punctuation_and_blank_cells() -> None:
    # saved mappings store it: the form is sha256 of the sorted normalised names joined by the unit separator
    expected = hashlib.sha256(b"agent\x1favg talk").hexdigest()
    assert header_signature(["Avg. Talk", "", "  ", "AGENT"]) == expected
    assert header_signature(["agent", "avg talk"]) == expected


def test_propose_and_header_hint_are_found_here_and_nothing_else() -> None:
    assert m.propose is proposal.propose and m.header_hint is proposal.header_hint
    with pytest.raises(AttributeError) as caught:
        m.nothing_here  # noqa: B018
    assert str(caught.value) == "module 'coachdesk.importers.mapping' has no attribute 'nothing_here'"
