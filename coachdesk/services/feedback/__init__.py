"""Feedback and recognition after an observation.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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

__all__ = [
    "BehaviourChoice", "FIELDS", "FeedbackDraft", "FeedbackRow", "NoteQuote", "RecognitionRow", "compose",
    "feedback_for_session", "feedback_row", "recognise_strength", "save_feedback",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return list(__all__)
