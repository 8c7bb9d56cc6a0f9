"""Goals and objectives: the cascade, objectives and their measures, progress, team templates.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.goals.goals import (
        TITLE_LIMIT,
        archive_goal,
        chain,
        create_goal,
        goal_choices,
        goal_detail,
        goal_tree,
        list_goals,
        move_goal,
        move_objective,
        restore_goal,
        update_goal,
    )
    from coachdesk.services.goals.objective_measures import (
        BEHAVIOUR_FORMAT,
        History,
        behaviour_ids,
        behaviour_measure,
        behaviour_series,
        find_behaviour,
        find_kpi,
        history,
        kpi_measure,
        kpi_series,
        resolve_measure,
        role_set_fit,
        roles_at,
        series_for,
        stored_measure,
        team_at,
        team_members,
        teams_at,
    )
    from coachdesk.services.goals.objective_progress import (
        MatrixRow,
        TeamMatrix,
        distance_text,
        find_team,
        list_progress,
        needing_attention,
        progress_row,
        team_matrix,
    )
    from coachdesk.services.goals.objective_templates import (
        agree_template_objectives,
        apply_template,
        create_template,
        list_templates,
    )
    from coachdesk.services.goals.objective_types import (
        ApplyResult,
        ChangeRow,
        GoalInput,
        GoalLink,
        GoalRow,
        GoalTree,
        KpiInput,
        KpiRow,
        LevelIn,
        Measure,
        ObjectiveDetail,
        ObjectiveInput,
        ObjectiveNode,
        ProgressRow,
        TemplateInput,
        TemplateRow,
    )
    from coachdesk.services.goals.objectives import (
        LEVEL_FIELDS,
        STATEMENT_LIMIT,
        TRACKED,
        SmartContext,
        check_objective,
        create_objective,
        create_objective_in,
        measure_choices,
        objective_detail,
        read_level,
        read_weight,
        set_status,
        set_status_in,
        smart_context,
        smart_result,
        update_objective,
    )

_EXPORTS = {
    "TITLE_LIMIT": "goals", "archive_goal": "goals", "chain": "goals", "create_goal": "goals", "goal_choices": "goals",
    "goal_detail": "goals", "goal_tree": "goals", "list_goals": "goals", "move_goal": "goals",
    "move_objective": "goals", "restore_goal": "goals", "update_goal": "goals",
    "BEHAVIOUR_FORMAT": "objective_measures", "History": "objective_measures", "behaviour_ids": "objective_measures",
    "behaviour_measure": "objective_measures", "behaviour_series": "objective_measures",
    "find_behaviour": "objective_measures", "find_kpi": "objective_measures", "history": "objective_measures",
    "kpi_measure": "objective_measures", "kpi_series": "objective_measures", "resolve_measure": "objective_measures",
    "role_set_fit": "objective_measures", "roles_at": "objective_measures", "series_for": "objective_measures",
    "stored_measure": "objective_measures", "team_at": "objective_measures", "team_members": "objective_measures",
    "teams_at": "objective_measures",
    "MatrixRow": "objective_progress", "TeamMatrix": "objective_progress", "distance_text": "objective_progress",
    "find_team": "objective_progress", "list_progress": "objective_progress", "needing_attention": "objective_progress",
    "progress_row": "objective_progress", "team_matrix": "objective_progress",
    "agree_template_objectives": "objective_templates", "apply_template": "objective_templates",
    "create_template": "objective_templates", "list_templates": "objective_templates",
    "ApplyResult": "objective_types", "ChangeRow": "objective_types", "GoalInput": "objective_types",
    "GoalLink": "objective_types", "GoalRow": "objective_types", "GoalTree": "objective_types",
    "KpiInput": "objective_types", "KpiRow": "objective_types", "LevelIn": "objective_types",
    "Measure": "objective_types", "ObjectiveDetail": "objective_types", "ObjectiveInput": "objective_types",
    "ObjectiveNode": "objective_types", "ProgressRow": "objective_types", "TemplateInput": "objective_types",
    "TemplateRow": "objective_types",
    "LEVEL_FIELDS": "objectives", "STATEMENT_LIMIT": "objectives", "SmartContext": "objectives",
    "TRACKED": "objectives", "check_objective": "objectives", "create_objective": "objectives",
    "create_objective_in": "objectives", "measure_choices": "objectives", "objective_detail": "objectives",
    "read_level": "objectives", "read_weight": "objectives", "set_status": "objectives", "set_status_in": "objectives",
    "smart_context": "objectives", "smart_result": "objectives", "update_objective": "objectives",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

