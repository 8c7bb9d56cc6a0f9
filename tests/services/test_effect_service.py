"""Coaching effect and the team view on constructed data: a built-in effect is found and rolled up; an agent
without figures reads "not enough data"; behaviours <-> KPIs correlation follows the data."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from coachdesk.domain.effect_stats import BETTER, NOT_ENOUGH
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.services.trends.coaching_effect import agent_effects, team_effects
from coachdesk.services.trends.team_view import load_team_view as team_view
from tests.services.objective_helpers import add_calls, add_figures, add_ratings, seed_centre

EVENT = date(2026, 2, 4)  # a Wednesday
FIRST = EVENT - timedelta(days=21)


def _id(db, model, **where) -> int:  # noqa: ANN001
    with db.session() as s:
        return s.scalar(select(model.id).filter_by(**where))


def _feedback(db, agent_uuid: str, coach_uuid: str, day: date, kpi: str | None, behaviour: str | None) -> str:  # noqa: ANN001
    from coachdesk.storage.models import Behaviour, Feedback, KpiDefinition, Person, Team

    with db.unit_of_work() as s:
        fb = Feedback(agent_id=s.scalar(select(Person.id).where(Person.uuid == agent_uuid)),
                      coach_id=s.scalar(select(Person.id).where(Person.uuid == coach_uuid)),
                      team_id=s.scalar(select(Team.id)), to_improve="Check understanding",
                      delivered_at=datetime.combine(day, time(14), tzinfo=UTC),
                      target_kpi_id=s.scalar(select(KpiDefinition.id).where(KpiDefinition.code == kpi)) if kpi else None,
                      target_behaviour_id=s.scalar(select(Behaviour.id).where(Behaviour.code == behaviour))
                      if behaviour else None)
        s.add(fb)
        s.flush()
        return fb.uuid


def _fcr(db, agent_uuid: str, lift: float, seed: int) -> None:  # noqa: ANN001
    """FCR around 70% on working days for six weeks, ``lift`` added after EVENT, 20-40 calls a day."""
    rng = random.Random(seed)
    days = [FIRST + timedelta(days=n) for n in range(42) if (FIRST + timedelta(days=n)).weekday() < 5]
    days = [d for d in days if d != EVENT]
    add_figures(db, agent_uuid, "FCR", {d: 0.7 + (lift if d > EVENT else 0) + rng.gauss(0, 0.03) for d in days})
    add_figures(db, agent_uuid, "ANSWERED", {d: float(rng.randint(20, 40)) for d in days})


@pytest.fixture
def centre(db):  # noqa: ANN001, ANN201
    centre = seed_centre(db)
    for n, (name, uuid) in enumerate(centre.agents.items()):
        if name != "Farah Khan":
            _fcr(db, uuid, 0.08 if n % 2 == 0 else 0.0, seed=n)
    return centre


def test_a_built_in_effect_is_found_with_its_support(db, centre) -> None:  # noqa: ANN001
    uuid = _feedback(db, centre.amelia, centre.leader, EVENT, "FCR", "LISTEN")
    (row,) = agent_effects(db, centre.amelia, EVENT - timedelta(days=30), EVENT + timedelta(days=30))
    assert row.feedback_uuid == uuid and row.kpi_code == "FCR" and row.behaviour == "Listening skills"
    assert row.effect.before.days == 10 and row.effect.after.days == 10
    assert row.effect.before.volume > 200 and row.effect.after.volume > 200  # contacts behind each side
    assert row.effect.change == pytest.approx(0.08, abs=0.03)
    assert row.verdict == BETTER
    assert row.change_text.startswith("+") and row.change_text.endswith("pts")
    assert row.interval_text.startswith("95%: +")
    assert "10 / 10 days" in row.support_text and "contacts" in row.support_text
    assert row.coach == "Laura Bennett"
    assert row.behaviour_text == NOT_ENOUGH  # no observations of listening around it


def test_a_behaviour_target_uses_its_expected_kpi_and_no_figures_is_not_enough(db, centre) -> None:  # noqa: ANN001
    _feedback(db, centre.agents["Farah Khan"], centre.leader, EVENT, None, "OWNERSHIP")  # OWNERSHIP -> FCR first
    (row,) = agent_effects(db, centre.agents["Farah Khan"], EVENT, EVENT)
    assert row.kpi_code == "FCR"
    assert row.verdict == NOT_ENOUGH and row.change_text == NOT_ENOUGH and row.effect.low is None


def test_behaviour_scores_before_and_after(db, centre) -> None:  # noqa: ANN001
    for k in range(3):
        add_ratings(db, centre.amelia, "LISTEN", EVENT - timedelta(days=10 + k), [0.33, 0.33])
        add_ratings(db, centre.amelia, "LISTEN", EVENT + timedelta(days=10 + k), [1.0, 1.0])
    _feedback(db, centre.amelia, centre.leader, EVENT, "FCR", "LISTEN")
    (row,) = agent_effects(db, centre.amelia, EVENT, EVENT)
    # three sessions a side, ratings outside interactions: one observation per session -> n = 3 < 5
    assert row.behaviour_effect.before.days == 3 and row.behaviour_text == NOT_ENOUGH


def test_team_roll_up_per_coach_and_behaviour(db, centre) -> None:  # noqa: ANN001
    lifted = [uuid for n, uuid in enumerate(centre.agents.values()) if n % 2 == 0 and n < 5]
    flat = [uuid for n, uuid in enumerate(centre.agents.values()) if n % 2 == 1 and n < 5]
    for uuid in lifted + flat:
        _feedback(db, uuid, centre.leader, EVENT, "FCR", "LISTEN")
    result = team_effects(db, centre.team, EVENT - timedelta(days=7), EVENT + timedelta(days=7))
    assert len(result.events) == 5
    assert all(r.interval_text == "" for r in result.events if r.effect.enough)  # roll-ups skip per-event intervals
    team = next(r for r in result.rollup if r.group_kind == "team")
    assert team.kpi_code == "FCR" and team.pooled.n == 5
    assert team.pooled.mean == pytest.approx((3 * 0.08 + 2 * 0.0) / 5, abs=0.025)
    assert team.pooled.better >= 3
    assert {(r.group_kind, r.group) for r in result.rollup} == {("team", "Whole team"), ("coach", "Laura Bennett"),
                                                                ("behaviour", "Listening skills")}
    with pytest.raises(NotFound):
        team_effects(db, "no-such-team", EVENT, EVENT)
    with pytest.raises(ValidationError, match="Days before"):
        agent_effects(db, centre.amelia, EVENT, EVENT, before_days=1)


def test_team_view_heat_map_kpis_and_correlation(db, centre) -> None:  # noqa: ANN001
    # listening scores that rise with each agent's FCR: 6 observations each (enough to compare)
    agents = [u for n, u in enumerate(centre.agents.values()) if n < 5]
    with db.session() as s:
        from coachdesk.storage.models import Person

        names = {u: s.scalar(select(Person.display_name).where(Person.uuid == u)) for u in agents}
    for rank, uuid in enumerate(agents):
        for k in range(6):
            add_ratings(db, uuid, "LISTEN", EVENT - timedelta(days=k), [0.2 + 0.15 * rank])
    add_calls(db, centre.agents["Farah Khan"], FIRST, [300.0], [10.0])
    view = team_view(db, centre.team, FIRST, FIRST + timedelta(days=41))
    assert [a.name for a in view.agents] == sorted(centre.agents, key=str.casefold)
    listen = [code for code, _name in view.behaviours].index("LISTEN")
    amelia = next(a for a in view.agents if a.uuid == centre.amelia)
    assert amelia.scores[listen].n == 6 and amelia.scores[listen].value == pytest.approx(20.0)
    farah = next(a for a in view.agents if a.name == "Farah Khan")
    assert farah.scores[listen] is None
    fcr = [k.code for k in view.kpis].index("FCR")
    assert amelia.kpis[fcr].value == pytest.approx(0.74, abs=0.03) and amelia.kpis[fcr].band is None
    heat = view.behaviour_heatmap()
    assert heat.rows == tuple(a.name for a in view.agents) and "n=6" in heat.cells[0][listen].text
    row = next(r for r in view.correlations if r.behaviour == "Listening skills" and r.kpi_code == "FCR")
    assert row.expected and row.correlation.n == 5
    assert set(names.values()) <= {a.name for a in view.agents}
    assert row.text.startswith("r = ") and "5 agents" in row.text
    assert view.correlations[0].expected  # the framework's links come first


def test_person_aggregates_in_sql_match_the_kpi_rule(db, centre) -> None:  # noqa: ANN001
    """The team view sums in SQL; it must give what ``kpi_math.aggregate`` gives on the same figures, including a
    person with only zero volumes (no value) and one without any volume figure (the plain mean)."""
    from coachdesk.domain.kpi_math import aggregate
    from coachdesk.services.goals.objective_measures import kpi_series, team_members
    from coachdesk.services.trends.team_view import person_aggregates
    from coachdesk.storage.models import KpiDefinition, Team

    farah, chloe = centre.agents["Farah Khan"], centre.agents["Chloé Martin"]
    early = FIRST - timedelta(days=10)  # before the FCR fixture's days
    add_calls(db, farah, early, [300.0, 500.0], [0.0, 0.0])  # AHT with zero contacts: no value
    add_figures(db, chloe, "AHT", {early: 200.0, early + timedelta(days=1): 400.0})  # no volume at all
    add_calls(db, centre.amelia, early, [300.0, 600.0, 900.0], [10.0, 0.0, 30.0])
    with db.session() as s:
        members = team_members(s, s.scalar(select(Team.id)), FIRST + timedelta(days=5))
        for code in ("AHT", "FCR", "ANSWERED"):
            kpi = s.scalar(select(KpiDefinition).where(KpiDefinition.code == code))
            first, last = early, FIRST + timedelta(days=41)
            expected = {pid: aggregate(series, kpi.aggregation) for pid, series in
                        kpi_series(s, set(members), kpi, first, last).items()}
            got = person_aggregates(s, members, kpi, first, last)
            assert set(got) == set(expected), code
            for pid, result in expected.items():
                value, days = got[pid]
                assert (value is None) == (result.value is None), code
                if value is not None:
                    assert value == pytest.approx(result.value) and days == result.days, code
    assert got  # ANSWERED sums were compared too
