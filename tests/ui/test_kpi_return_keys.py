"""Return confirms a choice and nothing more (issue 16): in the KPI import's People tab it never commits the import,
and in the framework editor's Name field it never saves a revision. Real key presses, offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coachdesk.services.kpis import list_batches
from tests.ui.test_kpis_page import WIDE, open_dialog, page, person_editor, write  # noqa: F401 - the page fixture


def _return(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.wait(10)


def test_return_after_picking_a_suggestion_in_the_people_tab_never_imports(page, ctx, qtbot, sample, tmp_path):  # noqa: F811
    dialog = open_dialog(page, write(tmp_path, WIDE))
    assert dialog.import_button.isEnabled()  # ready: only Return stands between the user and an import
    editor = person_editor(dialog, qtbot)
    table = dialog.tabs.people_table
    assert editor is not None and editor.isEditable()
    qtbot.keyClicks(editor.lineEdit(), "George")
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    _return(qtbot, popup)  # picks the suggestion
    george = sample.agent_uuids["George Ellis"]
    assert dialog.tabs.people_model.choice_map() == {"||Zed Newman": george}
    _return(qtbot, QApplication.focusWidget() or dialog)  # and Return again, wherever the focus went
    _return(qtbot, table)
    assert list_batches(ctx.db) == [] and dialog.result is None and dialog.isVisible()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # only the button imports
    assert dialog.result is not None and len(list_batches(ctx.db)) == 1


def test_return_on_the_focused_import_button_imports(page, ctx, qtbot, tmp_path):  # noqa: F811
    dialog = open_dialog(page, write(tmp_path, WIDE))
    dialog.import_button.setFocus()
    _return(qtbot, dialog.import_button)
    assert dialog.result is not None and len(list_batches(ctx.db)) == 1


def test_return_in_the_framework_name_never_saves_a_revision(qtbot, ctx):
    from coachdesk.services import observation as observation_api
    from coachdesk.ui.dialogs.framework_dialog import FrameworkDialog

    before = observation_api.framework_edit(ctx.db)
    dialog = FrameworkDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.setFocus()
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Renamed framework")
    _return(qtbot, dialog.name)
    _return(qtbot, dialog.description)
    assert dialog.isVisible() and dialog.saved is None
    assert observation_api.framework_edit(ctx.db).name == before.name
    qtbot.keyClick(dialog.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # the way to save
    assert dialog.saved is not None and observation_api.framework_edit(ctx.db).name == "Renamed framework"
