"""The goal cascade on a real SQLite file: add, edit, re-parent with cycle refusal, archive, and objectives under it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coachdesk.domain.enums import GoalLevel, GoalStatus, MeasureKind
from coachdesk.domain.errors import NotFound
from coachdesk.domain.objectives import FieldError
from coachdesk.services.goals import goals
from coachdesk.services.goals.objective_progress import list_progress
from coachdesk.services.goals.objective_types import GoalInput, ObjectiveInput
from coachdesk.services.goals.objectives import create_objective, objective_detail
from coachdesk.storage.models import AuditEntry, Goal, ObjectiveChange
from tests.services.objective_helpers import DUE, START, seed_centre


@pytest.fixture
def centre(db):  # noqa: ANN001, ANN201
    return seed_centre(db)


def org(db, title: str = "Customers get it sorted first time"):  # noqa: ANN001, ANN201
    return goals.create_goal(db, GoalInput(GoalLevel.ORGANISATION, title, kpi_code="FCR", target="80"))


def test_a_three_level_cascade_gives_line_of_sight(db, centre) -> None:  # noqa: ANN001
    top = org(db)
    assert top.target_value == pytest.approx(0.80) and top.target_text == "80.0%"
    team_goal = goals.create_goal(db, GoalInput(GoalLevel.TEAM, "Billing: FCR at 79%", parent_uuid=top.uuid,
                                                team_uuid=centre.team, kpi_code="fcr", target="79%"))
    assert team_goal.parent_uuid == top.uuid and team_goal.team_name == "Billing"
    objective = create_objective(db, ObjectiveInput(
        centre.amelia, "Raise my FCR from 75% to 78% by asking diagnostic questions", MeasureKind.KPI, "FCR",
        target="78", start_date=START, due_date=DUE, goal_uuid=team_goal.uuid))
    tree = goals.goal_tree(db)
    assert [g.title for g in tree.children(None)] == [top.title]
    assert [g.title for g in tree.children(top.uuid)] == [team_goal.title]
    assert [o.uuid for o in tree.objectives_under(team_goal.uuid)] == [objective.uuid]
    assert tree.objectives_under(team_goal.uuid)[0].team_name == "Billing"
    row = list_progress(db, agent="Amelia Brown", on=START)[0]
    assert [(g.title, g.level) for g in row.line_of_sight] == [(team_goal.title, GoalLevel.TEAM),
                                                               (top.title, GoalLevel.ORGANISATION)]
    assert row.goal_title == team_goal.title and row.organisation_goal_title == top.title


def test_goal_rules_are_refused_with_the_field_named(db, centre) -> None:  # noqa: ANN001
    top = org(db)
    team_goal = goals.create_goal(db, GoalInput(GoalLevel.TEAM, "Billing FCR", parent_uuid=top.uuid,
                                                team_uuid=centre.team))
    cases = [
        (GoalInput(GoalLevel.TEAM, "No team"), "team", "choose the team"),
        (GoalInput(GoalLevel.ORGANISATION, "With team", team_uuid=centre.team), "team", "belongs to no team"),
        (GoalInput(GoalLevel.ORGANISATION, "Under team goal", parent_uuid=team_goal.uuid), "parent",
         "cannot sit under the team goal"),
        (GoalInput(GoalLevel.ORGANISATION, "  "), "title", "cannot be empty"),
        (GoalInput(GoalLevel.ORGANISATION, "Target only", target="80"), "target", "choose the KPI"),
        (GoalInput(GoalLevel.ORGANISATION, "Bad target", kpi_code="AHT", target="soon"), "target",
         "'soon' is not a duration"),
        (GoalInput(GoalLevel.ORGANISATION, "Dates", start_date=DUE, due_date=START), "due_date", "is not after"),
    ]
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(Goal))
    for data, field, words in cases:
        with pytest.raises(FieldError, match=words) as error:
            goals.create_goal(db, data)
        assert error.value.field == field
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Goal)) == before  # nothing saved half-way


def test_reparenting_refuses_cycles(db, centre) -> None:  # noqa: ANN001
    a = org(db, "A")
    b = goals.create_goal(db, GoalInput(GoalLevel.ORGANISATION, "B", parent_uuid=a.uuid))
    c = goals.create_goal(db, GoalInput(GoalLevel.TEAM, "C", parent_uuid=b.uuid, team_uuid=centre.team))
    with pytest.raises(FieldError, match="cycle"):
        goals.move_goal(db, a.uuid, b.uuid)
    with pytest.raises(FieldError, match="cycle"):
        goals.move_goal(db, b.uuid, b.uuid)
    with pytest.raises(FieldError, match="cannot sit under the team goal"):
        goals.move_goal(db, a.uuid, c.uuid)
    assert goals.goal_detail(db, a.uuid).parent_uuid is None
    moved = goals.move_goal(db, c.uuid, a.uuid)
    assert moved.parent_uuid == a.uuid
    assert goals.move_goal(db, c.uuid, None).parent_uuid is None  # a team goal without parent: allowed


def test_archive_takes_sub_goals_and_restore_brings_them_back(db, centre) -> None:  # noqa: ANN001
    a = org(db, "A")
    b = goals.create_goal(db, GoalInput(GoalLevel.TEAM, "B", parent_uuid=a.uuid, team_uuid=centre.team))
    objective = create_objective(db, ObjectiveInput(centre.amelia, "Raise my FCR to 78% this quarter",
                                                    kpi_code="FCR", target="78", start_date=START, due_date=DUE,
                                                    goal_uuid=b.uuid))
    assert goals.archive_goal(db, a.uuid) == 2
    assert goals.list_goals(db) == []
    assert {g.status for g in goals.list_goals(db, include_archived=True)} == {GoalStatus.ARCHIVED}
    tree = goals.goal_tree(db)
    assert tree.objectives[0].goal_uuid is None  # its goal is hidden: it shows as unparented
    row = list_progress(db, agent=centre.amelia, on=START)[0]
    assert row.line_of_sight[0].archived  # the line of sight still names it
    with pytest.raises(FieldError, match="archived"):
        goals.create_goal(db, GoalInput(GoalLevel.TEAM, "Under archived", parent_uuid=a.uuid, team_uuid=centre.team))
    with pytest.raises(FieldError, match="restore it first"):
        goals.restore_goal(db, b.uuid)
    assert goals.restore_goal(db, a.uuid) == 2
    assert objective_detail(db, objective.uuid).goal_uuid == b.uuid


def test_moving_an_objective_is_kept_in_its_history(db, centre) -> None:  # noqa: ANN001
    a = org(db, "A")
    objective = create_objective(db, ObjectiveInput(centre.amelia, "Raise my FCR to 78% this quarter",
                                                    kpi_code="FCR", target="78", start_date=START, due_date=DUE))
    goals.move_objective(db, objective.uuid, a.uuid, actor_uuid=centre.leader, reason="Cascade")
    assert objective_detail(db, objective.uuid).goal_uuid == a.uuid
    goals.move_objective(db, objective.uuid, None)
    with db.session() as s:
        changes = list(s.execute(select(ObjectiveChange.field, ObjectiveChange.old_value, ObjectiveChange.new_value)
                                 .where(ObjectiveChange.field == "goal").order_by(ObjectiveChange.id)))
        assert changes == [("goal", None, a.uuid), ("goal", a.uuid, None)]
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity_type == "goal")) == 1
    detail = objective_detail(db, objective.uuid)
    assert [(c.field, c.new_value, c.changed_by) for c in detail.changes if c.field == "goal"][0] == (
        "goal", "A", "Laura Bennett")
    with pytest.raises(NotFound):
        goals.move_objective(db, "no-such-uuid", None)


def test_goal_choices_put_the_persons_team_first(db, centre) -> None:  # noqa: ANN001
    a = org(db, "A")
    b = goals.create_goal(db, GoalInput(GoalLevel.TEAM, "B", parent_uuid=a.uuid, team_uuid=centre.team))
    assert [g.uuid for g in goals.goal_choices(db, centre.amelia)] == [b.uuid, a.uuid]
    updated = goals.update_goal(db, b.uuid, GoalInput(GoalLevel.TEAM, "B renamed", parent_uuid=a.uuid,
                                                      team_uuid=centre.team), expected_version=b.version)
    assert updated.title == "B renamed"
    from coachdesk.services.people.people_types import EditConflict

    with pytest.raises(EditConflict):
        goals.update_goal(db, b.uuid, GoalInput(GoalLevel.TEAM, "stale", team_uuid=centre.team),
                          expected_version=b.version)
