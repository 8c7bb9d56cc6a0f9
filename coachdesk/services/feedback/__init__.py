"""Feedback and recognition after an observation.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.feedback.feedback import (
        FIELDS,
        BehaviourChoice,
        FeedbackDraft,
        FeedbackRow,
        NoteQuote,
        RecognitionRow,
        compose,
        feedback_for_session,
        feedback_row,
        recognise_strength,
        save_feedback,
    )

_EXPORTS = {
    "BehaviourChoice": "feedback", "FIELDS": "feedback", "FeedbackDraft": "feedback", "FeedbackRow": "feedback",
    "NoteQuote": "feedback", "RecognitionRow": "feedback", "compose": "feedback", "feedback_for_session": "feedback",
    "feedback_row": "feedback", "recognise_strength": "feedback", "save_feedback": "feedback",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

