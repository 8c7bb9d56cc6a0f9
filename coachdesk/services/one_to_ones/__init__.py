"""One-to-ones: sessions, their lists and due dates, and the preparation sheet.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.one_to_ones.one_to_one import (
        AMENDABLE,
        CLOSED,
        DRAFT_PREFIX,
        ITEM_AMENDABLE,
        ITEM_RECORD_TYPE,
        OBJECTIVE_ACTIONS,
        RECORD_TYPE,
        acknowledge,
        amend,
        carry_open_items,
        editor_choices,
        editor_draft,
        get_session,
        open_next,
        save_editor_draft,
        save_session,
    )
    from coachdesk.services.one_to_ones.one_to_one_lists import (
        due_list,
        follow_ups_due,
        led_team_uuids,
        list_sessions,
        overdue_items,
        today,
    )
    from coachdesk.services.one_to_ones.one_to_one_prep import (
        DEFAULT_SINCE_DAYS,
        LOW_RULE_DAYS,
        MIN_WINDOW_DAYS,
        TREND_WEEKS,
        prep_sheet,
    )
    from coachdesk.services.one_to_ones.one_to_one_types import (
        AmendmentLine,
        DueRow,
        FollowUpDue,
        ItemInput,
        ItemRow,
        KpiDelta,
        OverdueItem,
        ParticipantRow,
        PrepAgreed,
        PrepFeedback,
        PrepItem,
        PrepNote,
        PrepObjective,
        PrepObservation,
        PrepRecognition,
        PrepSheet,
        SessionLine,
        SessionObjective,
        SessionRecord,
        TodayOneToOnes,
        TrendPoint,
    )

_EXPORTS = {
    "AMENDABLE": "one_to_one", "CLOSED": "one_to_one", "DRAFT_PREFIX": "one_to_one", "ITEM_AMENDABLE": "one_to_one",
    "ITEM_RECORD_TYPE": "one_to_one", "OBJECTIVE_ACTIONS": "one_to_one", "RECORD_TYPE": "one_to_one",
    "acknowledge": "one_to_one", "amend": "one_to_one", "carry_open_items": "one_to_one",
    "editor_choices": "one_to_one", "editor_draft": "one_to_one", "get_session": "one_to_one",
    "open_next": "one_to_one", "save_editor_draft": "one_to_one", "save_session": "one_to_one",
    "due_list": "one_to_one_lists", "follow_ups_due": "one_to_one_lists", "led_team_uuids": "one_to_one_lists",
    "list_sessions": "one_to_one_lists", "overdue_items": "one_to_one_lists", "today": "one_to_one_lists",
    "DEFAULT_SINCE_DAYS": "one_to_one_prep", "LOW_RULE_DAYS": "one_to_one_prep", "MIN_WINDOW_DAYS": "one_to_one_prep",
    "TREND_WEEKS": "one_to_one_prep", "prep_sheet": "one_to_one_prep",
    "AmendmentLine": "one_to_one_types", "DueRow": "one_to_one_types", "FollowUpDue": "one_to_one_types",
    "ItemInput": "one_to_one_types", "ItemRow": "one_to_one_types", "KpiDelta": "one_to_one_types",
    "OverdueItem": "one_to_one_types", "ParticipantRow": "one_to_one_types", "PrepFeedback": "one_to_one_types",
    "PrepAgreed": "one_to_one_types", "PrepItem": "one_to_one_types", "PrepNote": "one_to_one_types", "PrepObjective": "one_to_one_types",
    "PrepObservation": "one_to_one_types", "PrepRecognition": "one_to_one_types", "PrepSheet": "one_to_one_types",
    "SessionLine": "one_to_one_types", "SessionObjective": "one_to_one_types", "SessionRecord": "one_to_one_types",
    "TodayOneToOnes": "one_to_one_types", "TrendPoint": "one_to_one_types",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

