"""Observation: behaviour frameworks, sessions being rated, their history and calibration.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.observation.calibration_service import (
        CalibrationRef,
        CalibrationView,
        LeftOut,
        calibration_left_out,
        calibration_references,
        calibration_view,
    )
    from coachdesk.services.observation.frameworks import (
        MAX_CODE_LENGTH,
        BehaviourEdit,
        CategoryEdit,
        FrameworkEdit,
        FrameworkSummary,
        KpiChoice,
        ScaleEdit,
        active_framework_id,
        framework_edit,
        framework_view,
        kpi_choices,
        list_frameworks,
        load_view,
        save_framework,
        validate_edit,
    )
    from coachdesk.services.observation.observation import (
        CURRENT_KEY,
        DRAFT_PREFIX,
        MAX_REFERENCE,
        OBSERVER_KEY,
        OBSERVER_ROLES,
        add_note,
        clear_rating,
        discard_session,
        end_interaction,
        end_session,
        flush_to_disk,
        load_session,
        load_session_row,
        mark_note,
        objective_choices,
        observers,
        rate,
        remembered_observer,
        save_draft,
        session_state,
        session_to_resume,
        set_current,
        set_interaction_details,
        start_interaction,
        start_session,
        unfinished_sessions,
    )
    from coachdesk.services.observation.observation_history import (
        AmendmentRow,
        HistoryRow,
        NamedScore,
        ScoreSheet,
        SessionDetail,
        agent_history,
        amend_note,
        period_scores,
        session_detail,
        session_scores,
        session_sheets,
    )
    from coachdesk.services.observation.observation_types import (
        BehaviourItem,
        DraftNote,
        FrameworkView,
        InteractionRow,
        NoteRow,
        ObjectiveChoice,
        PersonChoice,
        RatingRow,
        Scale,
        SessionState,
        SessionSummary,
    )

_EXPORTS = {
    "CalibrationRef": "calibration_service", "CalibrationView": "calibration_service",
    "calibration_references": "calibration_service", "calibration_view": "calibration_service",
    "LeftOut": "calibration_service", "calibration_left_out": "calibration_service",
    "BehaviourEdit": "frameworks", "CategoryEdit": "frameworks", "FrameworkEdit": "frameworks",
    "FrameworkSummary": "frameworks", "KpiChoice": "frameworks", "MAX_CODE_LENGTH": "frameworks",
    "ScaleEdit": "frameworks", "active_framework_id": "frameworks", "framework_edit": "frameworks",
    "framework_view": "frameworks", "kpi_choices": "frameworks", "list_frameworks": "frameworks",
    "load_view": "frameworks", "save_framework": "frameworks", "validate_edit": "frameworks",
    "CURRENT_KEY": "observation", "DRAFT_PREFIX": "observation", "MAX_REFERENCE": "observation",
    "OBSERVER_KEY": "observation", "OBSERVER_ROLES": "observation", "add_note": "observation",
    "clear_rating": "observation", "discard_session": "observation", "end_interaction": "observation",
    "end_session": "observation", "flush_to_disk": "observation", "load_session": "observation",
    "load_session_row": "observation", "mark_note": "observation", "objective_choices": "observation",
    "observers": "observation", "rate": "observation", "remembered_observer": "observation",
    "save_draft": "observation", "session_state": "observation", "session_to_resume": "observation",
    "set_current": "observation", "set_interaction_details": "observation", "start_interaction": "observation",
    "start_session": "observation", "unfinished_sessions": "observation",
    "AmendmentRow": "observation_history", "HistoryRow": "observation_history", "NamedScore": "observation_history",
    "ScoreSheet": "observation_history", "SessionDetail": "observation_history", "agent_history": "observation_history",
    "amend_note": "observation_history", "period_scores": "observation_history",
    "session_detail": "observation_history", "session_scores": "observation_history",
    "session_sheets": "observation_history",
    "BehaviourItem": "observation_types", "DraftNote": "observation_types", "FrameworkView": "observation_types",
    "InteractionRow": "observation_types", "NoteRow": "observation_types", "ObjectiveChoice": "observation_types",
    "PersonChoice": "observation_types", "RatingRow": "observation_types", "Scale": "observation_types",
    "SessionState": "observation_types", "SessionSummary": "observation_types",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

