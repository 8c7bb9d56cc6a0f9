"""Every text field of the screens that feeds a stored field takes no more characters than the services keep, and a
paste past the limit of a multi-line field keeps exactly the limit, where the cursor was, and says so."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from coachdesk.domain.limits import FREE_TEXT_MAX, text_limit
from coachdesk.services.common import AppContext
from tests.ui import test_fit as fit
from tests.ui.fit_checks import settle
from tests.ui.test_fit import _agent_uuid, _dialogs, _first

# the fit tests' demo data and main window
demo_db, demo_ctx, laptop_window = fit.demo_db, fit.demo_ctx, fit.laptop_window

#: objectName -> the stored (model, column) the field is saved to
STORED = {
    "personName": ("Person", "display_name"), "personGivenName": ("Person", "given_name"),
    "personFamilyName": ("Person", "family_name"), "personEmail": ("Person", "email"),
    "personNotes": ("Person", "notes"), "personAliasInput": ("PersonAlias", "alias"),
    "personIdValue": ("PersonExternalId", "value"),
    "teamName": ("Team", "name"), "teamDescription": ("Team", "description"),
    "goalTitle": ("Goal", "title"), "goalOutcome": ("Goal", "customer_outcome"),
    "goalDescription": ("Goal", "description"),
    "kpiCode": ("KpiDefinition", "code"), "kpiName": ("KpiDefinition", "name"),
    "kpiDescription": ("KpiDefinition", "description"),
    "objectiveStatement": ("Objective", "statement"), "objectiveOverride": ("Objective", "smart_override_reason"),
    "objectiveStatusReason": ("ObjectiveChange", "reason"), "templatesOverride": ("Objective", "smart_override_reason"),
    "feedbackWentWell": ("Feedback", "went_well"), "feedbackToImprove": ("Feedback", "to_improve"),
    "feedbackCommitment": ("Feedback", "agent_commitment"), "feedbackReason": ("Amendment", "reason"),
    "followUpNote": ("Feedback", "follow_up_note"),
    "amendText": ("ObservationNote", "text"), "amendReason": ("Amendment", "reason"),
    "frameworkName": ("BehaviourFramework", "name"), "frameworkDescription": ("BehaviourFramework", "description"),
    "frameworkCategoryName": ("BehaviourCategory", "name"), "frameworkBehaviourCode": ("Behaviour", "code"),
    "frameworkBehaviourName": ("Behaviour", "name"), "frameworkBehaviourDescription": ("Behaviour", "description"),
    "frameworkBehaviourGood": ("Behaviour", "what_good_looks_like"), "frameworkScaleName": ("RatingScale", "name"),
    "oneToOneSummary": ("OneToOne", "summary"), "oneToOneAgentComments": ("OneToOne", "agent_comments"),
    "oneToOneItemText": ("OneToOneItem", "text"),
    "oneToOneAckName": ("OneToOne", "acknowledged_name"), "oneToOneAckComment": ("OneToOne", "acknowledgement_comment"),
    "oneToOneAmendValue": ("Amendment", "new_value"), "oneToOneAmendReason": ("Amendment", "reason"),
    "kpiMappingName": ("ImportMapping", "name"), "observeNote": ("ObservationNote", "text"),
    "observeReference": ("ObservedInteraction", "reference"),
}
#: text fields that hold a date or a number (parsed, never stored as typed), or a search
NOT_STORED = {"goalStart", "goalDue", "goalTarget", "kpiTolerance", "objectiveStart", "objectiveDue", "objectiveBaseline",
              "objectiveCommit", "objectiveTarget", "objectiveStretch", "objectiveWeight", "personActiveFrom",
              "personActiveTo", "personMembershipDate", "personRoleDate",
              "reportLogo",  # a logo file's path, checked as a file when saved
              "calendarTimeZone",  # a zone name, checked against the zone database
              "eraseConfirmName"}  # typed to confirm an erasure, never stored


def _expected(model: str, column: str) -> int:
    """The limit the ORM save checks (``storage.database``), read here from the model itself."""
    from coachdesk.storage import models

    col = getattr(models, model).__table__.c[column]
    return text_limit(col.name, col.type.length)


def _text_fields(root: QWidget) -> list[QWidget]:
    """The editable text fields under ``root``, less those inside combo and spin boxes (they hold a choice)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) or widget.isReadOnly():
            continue
        if isinstance(widget.parent(), QComboBox | QAbstractSpinBox):
            continue
        found.append(widget)
    return found


def _screens() -> dict[str, Callable[[AppContext, QWidget], QWidget]]:
    from coachdesk.storage.models import Feedback, OneToOne

    dialogs = _dialogs()

    def follow_up(ctx: AppContext, parent: QWidget) -> QWidget:
        from coachdesk.ui.dialogs.follow_up_dialog import FollowUpDialog
        return FollowUpDialog(ctx, _first(ctx, Feedback), "A follow-up", parent)

    def amend_note(ctx: AppContext, parent: QWidget) -> QWidget:
        from coachdesk.ui.dialogs.session_dialog import AmendNoteDialog
        return AmendNoteDialog("A note", parent)

    def acknowledge(ctx: AppContext, parent: QWidget) -> QWidget:
        from coachdesk.services import one_to_ones
        from coachdesk.ui.dialogs.one_to_one_ack_dialog import AcknowledgeDialog
        return AcknowledgeDialog(ctx, one_to_ones.get_session(ctx.db, _first(ctx, OneToOne)), parent)

    def amend(ctx: AppContext, parent: QWidget) -> QWidget:
        from coachdesk.services import one_to_ones
        from coachdesk.ui.dialogs.one_to_one_ack_dialog import AmendDialog
        return AmendDialog(ctx, one_to_ones.get_session(ctx.db, _first(ctx, OneToOne)), None, parent)

    def templates(ctx: AppContext, parent: QWidget) -> QWidget:
        from coachdesk.ui.widgets.templates_panel import TemplatesPanel
        return TemplatesPanel(ctx, parent)

    screens = {name: dialogs[name] for name in ("feedback", "framework", "goal", "kpi", "objective", "new_objective",
                                                 "person", "team", "template", "kpi_import",
                                                 "calendar_settings", "erase")}
    screens.update({f.__name__: f for f in (follow_up, amend_note, acknowledge, amend, templates)})
    return screens


SCREENS = tuple(_screens())


def _open(qtbot, widget: QWidget) -> QWidget:  # noqa: ANN001
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    settle()
    return widget


def _unlimited(root: QWidget) -> list[str]:
    """Every stored text field under ``root`` whose limit is not the services' (with what it is instead), and every
    editable text field this test does not know (a new field must be listed in STORED or NOT_STORED)."""
    problems = []
    for field in _text_fields(root):
        name = field.objectName()
        if name in NOT_STORED:
            continue
        if name not in STORED:
            problems.append(f"{name or type(field).__name__}: a text field this test does not know")
            continue
        want = _expected(*STORED[name])
        got = field.maxLength() if isinstance(field, QLineEdit) else field.property("textLimit")
        if got != want:
            problems.append(f"{name}: limit {got}, the services keep {want}")
    return problems


@pytest.mark.parametrize("name", SCREENS)
def test_every_stored_text_field_has_the_services_limit(qtbot, laptop_window, name: str) -> None:  # noqa: ANN001
    dialog = _open(qtbot, _screens()[name](laptop_window.ctx, laptop_window))
    assert _text_fields(dialog), f"{name}: no text field found"
    problems = _unlimited(dialog)
    assert not problems, "\n".join(problems)


def _names(root: QWidget) -> set[str]:
    return {field.objectName() for field in _text_fields(root)}


def test_the_one_to_one_editor_and_its_items_have_the_services_limits(laptop_window) -> None:  # noqa: ANN001
    assert laptop_window.prepare_one_to_one(_agent_uuid(laptop_window.ctx))
    editor = laptop_window.show_page("one_to_ones", refresh=False).editor
    assert {"oneToOneSummary", "oneToOneAgentComments", "oneToOneItemText"} <= _names(editor)
    problems = _unlimited(editor)
    assert not problems, "\n".join(problems)


def test_the_observation_note_and_reference_have_the_services_limits(laptop_window) -> None:  # noqa: ANN001
    page = laptop_window.show_page("observe")
    page.start_session(_agent_uuid(laptop_window.ctx))
    page.toggle_interaction()
    settle()
    assert {"observeNote", "observeReference"} <= _names(page.view)
    problems = _unlimited(page.view)
    assert not problems, "\n".join(problems)


def test_the_organisation_name_has_the_report_settings_limit(laptop_window) -> None:  # noqa: ANN001
    from coachdesk.services.common import ORGANISATION_MAX

    page = laptop_window.show_page("reports")
    organisation = page.findChild(QLineEdit, "reportOrganisation")
    assert ORGANISATION_MAX == 200 and organisation.maxLength() == ORGANISATION_MAX
    assert {field.objectName() for field in _text_fields(page)} <= {"reportOrganisation", "reportLogo"}


@pytest.mark.parametrize(("screen", "name"), [("person", "personNotes"), ("feedback", "feedbackWentWell"),
                                              ("amend_note", "amendText"), ("acknowledge", "oneToOneAckComment")])
def test_a_paste_past_the_limit_keeps_the_limit_where_the_cursor_was_and_says_so(
        qtbot, laptop_window, screen: str, name: str) -> None:  # noqa: ANN001
    from coachdesk.ui.kit.limits import limit_sentence

    dialog = _open(qtbot, _screens()[screen](laptop_window.ctx, laptop_window))
    edit = dialog.findChild(QPlainTextEdit, name)
    limit = _expected(*STORED[name])
    assert limit == FREE_TEXT_MAX
    edit.setPlainText("ab")
    tip = edit.toolTip()
    cursor = edit.textCursor()
    cursor.setPosition(1)
    edit.setTextCursor(cursor)
    QGuiApplication.clipboard().setText("x" * (limit - 2))
    edit.paste()  # exactly to the limit: all of it goes in, nothing is said
    assert edit.toPlainText() == "a" + "x" * (limit - 2) + "b"
    assert edit.toolTip() == tip
    edit.textCursor().deletePreviousChar()
    QGuiApplication.clipboard().setText("yzzzz")
    edit.paste()  # five more where one fits: the first one is kept, the cursor stays after it
    assert edit.toPlainText() == "a" + "x" * (limit - 3) + "yb"
    assert len(edit.toPlainText()) == limit
    assert edit.textCursor().position() == limit - 1
    assert edit.toolTip() == limit_sentence(limit) and f"{limit:,}" in edit.toolTip()
    cursor.setPosition(0)
    edit.setTextCursor(cursor)
    QGuiApplication.clipboard().setText("zz")
    edit.paste()  # pasted in front of a full field: what was there stays, the paste is not added
    assert edit.toPlainText() == "a" + "x" * (limit - 3) + "yb" and edit.textCursor().position() == 0
    qtbot.keyClicks(edit, "q")  # typing at the limit adds nothing, and the sentence stays
    assert len(edit.toPlainText()) == limit and "q" not in edit.toPlainText()
    assert edit.toolTip() == limit_sentence(limit)
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.textCursor().deletePreviousChar()  # back under the limit: the field's own tooltip returns
    assert len(edit.toPlainText()) == limit - 1 and edit.toolTip() == tip


def test_typing_or_pasting_past_a_line_edit_s_limit_says_so(qtbot, laptop_window) -> None:  # noqa: ANN001
    from coachdesk.ui.kit.limits import limit_sentence

    dialog = _open(qtbot, _screens()["person"](laptop_window.ctx, laptop_window))
    edit = dialog.findChild(QLineEdit, "personName")
    limit = _expected("Person", "display_name")
    tip = edit.toolTip()
    edit.setText("a" * (limit - 1))
    qtbot.keyClicks(edit, "b")  # exactly the limit: nothing to say
    assert edit.text() == "a" * (limit - 1) + "b" and edit.toolTip() == tip
    qtbot.keyClicks(edit, "c")
    assert edit.text() == "a" * (limit - 1) + "b" and edit.toolTip() == limit_sentence(limit)
    edit.backspace()
    assert edit.toolTip() == tip
    edit.setText("a" * (limit - 10))
    QGuiApplication.clipboard().setText("x" * 20)
    edit.paste()
    assert edit.text() == "a" * (limit - 10) + "x" * 10 and edit.toolTip() == limit_sentence(limit)


def test_a_scale_point_s_key_and_label_editors_have_the_services_limits(qtbot, laptop_window) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QStyleOptionViewItem, QTableWidget, QTabWidget

    dialog = _open(qtbot, _screens()["framework"](laptop_window.ctx, laptop_window))
    points = dialog.findChild(QTableWidget, "frameworkPoints")
    tabs = dialog.findChild(QTabWidget)
    tabs.setCurrentWidget(next(page for page in (tabs.widget(i) for i in range(tabs.count()))
                               if page.isAncestorOf(points)))
    dialog.add_point()
    row = points.rowCount() - 1
    points.editItem(points.item(row, 0))  # the editor the user gets
    settle()
    editor = points.findChild(QLineEdit)
    assert editor is not None and editor.maxLength() == _expected("RatingScalePoint", "key")
    delegate = points.itemDelegate()
    for column, want in ((1, _expected("RatingScalePoint", "label")), (2, None)):  # the score is a number
        editor = delegate.createEditor(points.viewport(), QStyleOptionViewItem(), points.model().index(row, column))
        assert editor.property("textLimit") == want


def test_the_guard_counts_characters_as_the_services_do_not_qt_s_utf16_units(qtbot) -> None:  # noqa: ANN001
    from coachdesk.ui.kit.limits import limit_chars

    edit = limit_chars(QPlainTextEdit(), 5)
    qtbot.addWidget(edit)
    edit.setPlainText("😀Z")  # one character each, though the emoji is two UTF-16 units to Qt
    cursor = edit.textCursor()
    cursor.setPosition(2)  # after the emoji
    edit.setTextCursor(cursor)
    QGuiApplication.clipboard().setText("ab😀cd😀e")
    edit.paste()
    assert edit.toPlainText() == "😀ab😀Z" and len(edit.toPlainText()) == 5
    assert edit.textCursor().position() == 6  # after the kept "ab😀", in Qt's units
