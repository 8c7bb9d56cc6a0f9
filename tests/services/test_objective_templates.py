"""Team templates: apply to every agent of a team, adjust per person keeping the link, agree them together."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coachdesk.domain.enums import GoalLevel, ObjectiveStatus
from coachdesk.domain.objectives import FieldError
from coachdesk.services.goals import objective_templates as templates
from coachdesk.services.goals.goals import create_goal
from coachdesk.services.goals.objective_progress import list_progress
from coachdesk.services.goals.objective_types import GoalInput, TemplateInput
from coachdesk.services.goals.objectives import objective_detail, set_status, update_objective
from tests.services.objective_helpers import AGENTS, DUE, START, add_calls, seed_centre


@pytest.fixture
def centre(db):  # noqa: ANN001, ANN201
    centre = seed_centre(db)
    for n, name in enumerate(AGENTS):
        add_calls(db, centre.agents[name], START - timedelta(days=10), [400 + 10 * n], [20])
    return centre


def template(db, centre):  # noqa: ANN001, ANN201
    goal = create_goal(db, GoalInput(GoalLevel.TEAM, "Billing: AHT at 6:30", team_uuid=centre.team))
    return templates.create_template(db, TemplateInput(
        centre.team, "Bring my AHT down to 6:30 by using the knowledge base", kpi_code="AHT", commit="6:40",
        target="6:30", stretch="6:15", start_date=START, due_date=DUE, weight_percent=50, goal_uuid=goal.uuid))


def test_apply_gives_every_agent_a_draft_with_their_own_baseline(db, centre) -> None:  # noqa: ANN001
    row = template(db, centre)
    assert row.team_name == "Billing" and row.target_text == "6:30" and row.objectives == 0
    result = templates.apply_template(db, row.uuid, on=START, actor_uuid=centre.leader)
    assert result.created == tuple(sorted(AGENTS, key=lambda n: n.replace("É", "E")))  # not the leader
    rows = list_progress(db, team="Billing", on=START)
    assert len(rows) == 6 and {r.template_uuid for r in rows} == {row.uuid}
    assert sorted(r.baseline for r in rows) == [400, 410, 420, 430, 440, 450]
    assert {r.goal_title for r in rows} == {"Billing: AHT at 6:30"}
    again = templates.apply_template(db, row.uuid, on=START)
    assert again.created == () and len(again.skipped) == 6
    assert templates.list_templates(db, centre.team)[0].objectives == 6


def test_adjusting_one_person_keeps_the_template_link(db, centre) -> None:  # noqa: ANN001
    row = template(db, centre)
    result = templates.apply_template(db, row.uuid, on=START)
    first = objective_detail(db, result.objective_uuids[0])
    data = first.to_input()
    data.target, data.commit = "6:45", "6:55"
    adjusted = update_objective(db, first.uuid, data, expected_version=first.version, reason="New starter")
    assert adjusted.target == 405 and adjusted.template_uuid == row.uuid
    assert [c.field for c in adjusted.changes] == ["status", "commit_level", "target_level"]


def test_agree_all_is_all_or_nothing(db, centre) -> None:  # noqa: ANN001
    row = template(db, centre)
    result = templates.apply_template(db, row.uuid, on=START)
    # 6:30 is beyond the team's best 10% (about 6:45): the SMART check fails for everyone
    with pytest.raises(FieldError, match="Amelia Brown: Override reason"):
        templates.agree_template_objectives(db, row.uuid, actor_uuid=centre.leader, on=START)
    assert {objective_detail(db, u).status for u in result.objective_uuids} == {ObjectiveStatus.DRAFT}
    set_status(db, result.objective_uuids[0], ObjectiveStatus.WITHDRAWN)
    agreed = templates.agree_template_objectives(db, row.uuid, actor_uuid=centre.leader,
                                                 override_reason="Site-wide push this quarter", on=START)
    assert len(agreed) == 5
    assert objective_detail(db, result.objective_uuids[1]).status_changed_by == "Laura Bennett"


def test_bad_templates_are_refused(db, centre) -> None:  # noqa: ANN001
    with pytest.raises(FieldError, match="choose the team"):
        templates.create_template(db, TemplateInput("", "Statement here and more", kpi_code="AHT", target="6:00",
                                                    start_date=START, due_date=DUE))
    with pytest.raises(FieldError, match="is not after"):
        templates.create_template(db, TemplateInput(centre.team, "Statement here and more", kpi_code="AHT",
                                                    target="6:00", start_date=DUE, due_date=START))
    assert templates.list_templates(db) == []
