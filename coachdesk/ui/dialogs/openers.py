"""Dialogs a widget asks for: widgets never open dialogs themselves, they emit ``dialog_requested(kind, argument)``
and the page hands the request here. The dialog is parented to the widget and kept on ``widget.dialog``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from coachdesk.ui.kit import a11y


def _kpi(ctx: Any, widget: Any, code: str | None) -> QDialog:
    from coachdesk.ui.dialogs.kpi_dialog import KpiDialog

    dialog = KpiDialog(ctx, code, parent=widget)
    dialog.saved.connect(widget.kpi_saved)
    return dialog


def _template(ctx: Any, widget: Any, team_uuid: str | None) -> QDialog:
    from coachdesk.ui.dialogs.template_dialog import TemplateDialog

    dialog = TemplateDialog(ctx, team_uuid, widget)
    dialog.saved.connect(widget.template_saved)
    return dialog


def _session(ctx: Any, widget: Any, uuid: str) -> QDialog:
    from coachdesk.ui.dialogs.session_dialog import SessionDialog

    dialog = SessionDialog(ctx, uuid, widget)
    dialog.resume_requested.connect(widget.resume_requested)
    dialog.finished.connect(lambda _result: widget.session_closed())
    return dialog


def _objective(ctx: Any, widget: Any, argument: tuple[str | None, str | None]) -> QDialog:
    from coachdesk.ui.dialogs.objective_dialog import ObjectiveDialog

    objective_uuid, person_uuid = argument
    dialog = ObjectiveDialog(ctx, objective_uuid=objective_uuid, person_uuid=person_uuid, parent=widget)
    dialog.saved.connect(lambda detail: widget.objective_saved(detail.uuid, objective_uuid is None))
    return dialog


def _acknowledge(ctx: Any, widget: Any, record: Any) -> QDialog:
    from coachdesk.ui.dialogs.one_to_one_ack_dialog import AcknowledgeDialog

    dialog = AcknowledgeDialog(ctx, record, widget)
    dialog.accepted.connect(lambda: widget.record_replaced(dialog.result_record))
    return dialog


def _amend(ctx: Any, widget: Any, argument: tuple[Any, str | None]) -> QDialog:
    from coachdesk.ui.dialogs.one_to_one_ack_dialog import AmendDialog

    record, author_uuid = argument
    dialog = AmendDialog(ctx, record, author_uuid, widget)
    dialog.accepted.connect(lambda: widget.record_replaced(dialog.result_record))
    return dialog


def _follow_up(ctx: Any, widget: Any, argument: tuple[str, str]) -> QDialog:
    from coachdesk.ui.dialogs.follow_up_dialog import FollowUpDialog

    feedback_uuid, title = argument
    return FollowUpDialog(ctx, feedback_uuid, title, widget)


def _report(ctx: Any, widget: Any, request: Any) -> Any:
    """A report asked for by a widget: built off the GUI thread and previewed (``report_actions``)."""
    from coachdesk.ui import report_actions

    return report_actions.run(widget, ctx, request, report_actions.PREVIEW)


OPENERS: dict[str, Callable[[Any, Any, Any], Any]] = {
    "kpi": _kpi, "template": _template, "session": _session, "objective": _objective,
    "acknowledge": _acknowledge, "amend": _amend, "report": _report, "follow_up": _follow_up,
}


def serve(ctx: Any, widget: QWidget) -> None:
    """Open what ``widget`` asks for (a page calls this once for each widget that asks for dialogs)."""
    def open_one(kind: str, argument: Any) -> None:
        dialog = OPENERS[kind](ctx, widget, argument)
        widget.dialog = dialog  # type: ignore[attr-defined]
        if isinstance(dialog, QDialog):
            a11y.delete_when_closed(dialog).open()

    widget.dialog_requested.connect(open_one)  # type: ignore[attr-defined]
