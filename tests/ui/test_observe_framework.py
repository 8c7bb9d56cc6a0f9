"""The framework editor: edit behaviours, KPI links and scales; in place while unused, a new revision once rated."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from coachdesk.services import observation as obs
from coachdesk.services import observation as observation_api
from coachdesk.ui.dialogs.framework_dialog import FrameworkDialog


@pytest.fixture
def dialog(qtbot, ctx):  # noqa: ANN001, ANN201
    widget = FrameworkDialog(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def behaviour_item(dialog: FrameworkDialog, name: str):  # noqa: ANN201
    for i in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).text(0).startswith(name):
                return top.child(j)
    raise AssertionError(name)


def test_the_default_framework_is_shown(dialog) -> None:
    assert dialog.tree.topLevelItemCount() == 3
    assert dialog.tree.topLevelItem(0).text(0) == "Connecting with the customer"
    assert dialog.b_name.text() == "Listening skills"
    assert "Paraphrases" in dialog.b_good.toPlainText()
    checked = [dialog.b_kpis.item(r).data(Qt.ItemDataRole.UserRole) for r in range(dialog.b_kpis.count())
               if dialog.b_kpis.item(r).checkState() == Qt.CheckState.Checked]
    assert sorted(checked) == ["CSAT", "FCR"]
    assert "Not used yet" in dialog.info.text()


def test_editing_an_unused_framework_in_place(qtbot, dialog, ctx) -> None:
    dialog.tree.setCurrentItem(behaviour_item(dialog, "Courtesy"))
    dialog.b_good.setPlainText("Warm greeting, the name used, a thank-you.")
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(2))  # "Doing it right"
    dialog.add_behaviour()
    qtbot.keyClicks(dialog.b_name, "Data privacy")
    dialog.b_code.setText("")
    qtbot.keyClicks(dialog.b_code, "PRIVACY")
    dialog.move_current(-1)  # above compliance
    dialog.save()
    assert dialog.saved is not None and dialog.saved.revision == 1
    edit = observation_api.framework_edit(ctx.db)
    courtesy = edit.categories[0].behaviours[1]
    assert courtesy.good == "Warm greeting, the name used, a thank-you."
    assert [b.code for b in edit.categories[2].behaviours] == ["PRIVACY", "COMPLIANCE"]


def test_editing_a_rated_framework_makes_a_new_revision(qtbot, ctx, sample) -> None:
    state = obs.start_session(ctx.db, sample.agent_uuids["Amelia Brown"])
    obs.rate(ctx.db, state.uuid, state.framework.behaviours[0].id, "2")
    dialog = FrameworkDialog(ctx)
    qtbot.addWidget(dialog)
    assert "saving makes revision 2" in dialog.info.text()
    dialog.tabs.setCurrentIndex(1)
    dialog.scale_list.setCurrentRow(next(i for i, s in enumerate(dialog.edit.scales) if s.name == "Four-point"))
    dialog.points.setItem(1, 1, QTableWidgetItem("Getting there"))
    dialog.save()
    assert dialog.saved.revision == 2
    view = observation_api.framework_view(ctx.db)
    assert view.revision == 2 and view.behaviours[0].scale.points[1].label == "Getting there"
    assert obs.load_session(ctx.db, state.uuid).ratings[0].label == "Developing"  # the past keeps its meaning


def test_bad_input_is_refused_in_the_dialog(qtbot, dialog, ctx) -> None:
    dialog.tree.setCurrentItem(behaviour_item(dialog, "Empathy"))
    dialog.b_name.clear()
    qtbot.keyClicks(dialog.b_name, " ")
    dialog.save()
    assert dialog.isVisible() and "needs a name" in dialog.error.text()
    dialog.b_name.setText("Empathy")
    dialog._behaviour_edited()
    dialog.tabs.setCurrentIndex(1)
    dialog.points.setItem(0, 2, QTableWidgetItem("lots"))
    assert "must be a number" in dialog.error.text()
    dialog.points.setItem(0, 2, QTableWidgetItem("0"))
    dialog.points.setItem(0, 0, QTableWidgetItem("2"))  # two points on key 2
    dialog.save()
    assert "use the key '2'" in dialog.error.text()
    assert observation_api.framework_edit(ctx.db).categories[0].behaviours[3].name == "Empathy"


def test_reachable_from_the_observe_page(qtbot, window) -> None:
    page = window.show_page("observe")
    dialog = page.edit_framework()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, FrameworkDialog) and dialog.isVisible()
    dialog.save()
    assert "saved as revision 1" in page.subtitle.text()
