"""Moved to ``coachdesk.ui.kit.conflicts``; this name stays until every editor saves through ``kit.ops.save``."""

from coachdesk.ui.kit.conflicts import (  # noqa: F401
    CANCEL,
    KEEP_MINE,
    TAKE_THEIRS,
    ConflictDialog,
    NotSaved,
    ask_choice,
    save_resolving_conflicts,
)
