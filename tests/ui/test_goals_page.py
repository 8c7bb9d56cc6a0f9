"""The Goals page driven with the keyboard offscreen: a three-level cascade and an agreed objective whose progress
then shows on the agent, team and Today pages; moving by drag and drop and by command; the KPI catalogue."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from datetime import date, timedelta  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from coachdesk.domain.enums import GoalLevel, ObjectiveStatus  # noqa: E402
from coachdesk.services import goals  # noqa: E402
from coachdesk.services.goals import (
    GoalInput,  # noqa: E402
    list_progress,  # noqa: E402
)
from coachdesk.ui.models.goal_tree_model import KIND_ROLE, OBJECTIVE, UNPARENTED, UUID_ROLE  # noqa: E402
from tests.ui.naming import unnamed_widgets  # noqa: E402

TODAY = date.today()




def type_into(qtbot, widget: QWidget, text: str) -> None:  # noqa: ANN001
    widget.setFocus()
    edit = widget.lineEdit() if isinstance(widget, QComboBox) and widget.isEditable() else widget
    if isinstance(edit, QLineEdit):  # a line edit, or a searchable drop-down's: typed over, not after
        edit.selectAll()
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def add_aht(ctx, person_uuid: str, first: date, ahts: list[float], calls: list[float]) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from coachdesk.storage.models import KpiDefinition, KpiFigure, Person

    with ctx.db.unit_of_work() as s:
        pid = s.scalar(select(Person.id).where(Person.uuid == person_uuid))
        ids = dict(s.execute(select(KpiDefinition.code, KpiDefinition.id)).all())
        for n, (aht, count) in enumerate(zip(ahts, calls, strict=True)):
            day = first + timedelta(days=n)
            s.add(KpiFigure(person_id=pid, kpi_id=ids["AHT"], period_start=day, period_end=day, value=aht))
            s.add(KpiFigure(person_id=pid, kpi_id=ids["ANSWERED"], period_start=day, period_end=day, value=count))


@pytest.fixture
def page(window):  # noqa: ANN001, ANN201
    return window.show_page("goals")


def test_a_cascade_and_an_objective_made_with_the_keyboard_show_their_progress(qtbot, window, page, ctx,
                                                                               sample) -> None:  # noqa: ANN001
    amelia = sample.agent_uuids["Amelia Brown"]
    add_aht(ctx, amelia, TODAY - timedelta(days=9), [400, 390, 380, 370, 360], [20] * 5)
    page.tree.setFocus()
    # Insert with nothing chosen: an organisation goal
    qtbot.keyClick(page.tree, Qt.Key.Key_Insert)
    dialog = page.dialog
    assert dialog.objectName() == "goalDialog" and not unnamed_widgets(dialog)
    type_into(qtbot, dialog.title, "Customers get it sorted first time")
    type_into(qtbot, dialog.kpi, "AHT")
    type_into(qtbot, dialog.target, "6:00")
    assert dialog.target_note.text() == "6:00 read as 360 seconds."
    qtbot.keyClick(dialog.target, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    top = goals.list_goals(ctx.db)[0]
    assert (top.title, top.level, top.target_value) == ("Customers get it sorted first time", GoalLevel.ORGANISATION,
                                                       360)
    assert page.selected_uuid() == top.uuid
    # Insert on an organisation goal: a team goal under it
    qtbot.keyClick(page.tree, Qt.Key.Key_Insert)
    dialog = page.dialog
    assert dialog.parent_goal.currentData() == top.uuid and dialog.team.currentText() == "Billing"
    type_into(qtbot, dialog.title, "Billing: AHT at 5:50")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    team_goal = next(g for g in goals.list_goals(ctx.db) if g.level is GoalLevel.TEAM)
    assert team_goal.parent_uuid == top.uuid and page.selected_uuid() == team_goal.uuid
    # Insert on a team goal: an objective serving it
    qtbot.keyClick(page.tree, Qt.Key.Key_Insert)
    dialog = page.dialog
    assert dialog.objectName() == "objectiveDialog" and not unnamed_widgets(dialog)
    assert dialog.fields.goal.currentData() == team_goal.uuid
    type_into(qtbot, dialog.person, "Amelia")
    f = dialog.fields
    type_into(qtbot, f.statement, "Bring my AHT down to 5:50 by using the knowledge base during calls")
    type_into(qtbot, f.measure, "AHT")
    type_into(qtbot, f.start, (TODAY - timedelta(days=9)).isoformat())
    type_into(qtbot, f.due, (TODAY + timedelta(days=20)).isoformat())
    type_into(qtbot, f.level_edits["commit"], "6:20")
    type_into(qtbot, f.level_edits["target"], "5:50")
    type_into(qtbot, f.weight, "150")
    assert "150% is outside 0-100%" in f.weight_note.text()
    type_into(qtbot, f.weight, "60")
    assert dialog.smart.verdict("S").endswith("OK") and dialog.smart.verdict("R").endswith("OK")
    assert dialog.smart.verdict("T").endswith("OK")
    assert "Commit: 6:20 read as 380 seconds." in f.levels_note.text()
    dialog.agree_button.setFocus()
    qtbot.keyClick(dialog.agree_button, Qt.Key.Key_Space)
    assert not dialog.isVisible(), dialog.banner.text()
    (row,) = [r for r in list_progress(ctx.db, agent=amelia, statuses=[ObjectiveStatus.AGREED]) if r.line_of_sight]
    assert row.goal_title == "Billing: AHT at 5:50" and row.weight == 0.6
    assert page.model.index_of(row.uuid).parent().data(UUID_ROLE) == team_goal.uuid
    # the objective's progress: 380 s over 100 calls, exactly the commit level
    assert page.detail.card is not None
    assert page.detail.card.progress.text().startswith("Now 6:20 (0:30 to go)")
    assert "Below" in page.detail.card.chip.text()
    agent = window.show_page("agent")
    agent.open_agent(amelia)
    qtbot.wait(20)  # new cards show on the next turn of the event loop
    texts = [label.text() for label in agent.header_view.objectives.findChildren(QLabel) if label.isVisibleTo(agent)]
    assert "Billing: AHT at 5:50 → Customers get it sorted first time" in texts
    assert any(t.startswith("Now 6:20") for t in texts) and "▼ Below" in texts


def test_drag_and_drop_and_the_move_command_reparent(qtbot, page, ctx, sample) -> None:  # noqa: ANN001
    a = goals.create_goal(ctx.db, GoalInput(GoalLevel.ORGANISATION, "A"))
    b = goals.create_goal(ctx.db, GoalInput(GoalLevel.ORGANISATION, "B", parent_uuid=a.uuid))
    page.refresh()
    model = page.model
    loose = next(i for i in model.all_indexes() if i.data(KIND_ROLE) == UNPARENTED)
    objective = model.index(0, 0, loose)
    assert objective.data(KIND_ROLE) == OBJECTIVE and objective.data(Qt.ItemDataRole.DisplayRole).startswith("⚑")
    uuid = objective.data(UUID_ROLE)
    data = model.mimeData([objective])
    target = model.index_of(b.uuid)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, objective)  # not onto an objective
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)  # the view removes nothing
    assert not any(i.data(KIND_ROLE) == UNPARENTED for i in page.model.all_indexes())
    assert page.model.index_of(uuid).parent().data(UUID_ROLE) == b.uuid
    assert page.selected_uuid() == uuid
    # a goal dropped under its own sub-goal: refused with a message, nothing moves
    page.model.dropMimeData(page.model.mimeData([page.model.index_of(a.uuid)]), Qt.DropAction.MoveAction, -1, -1,
                            page.model.index_of(b.uuid))
    assert "cycle" in page.dialog.text()
    page.dialog.close()
    assert goals.goal_detail(ctx.db, a.uuid).parent_uuid is None
    # Ctrl+M: move B to the top by keyboard
    page.tree.setCurrentIndex(page.model.index_of(b.uuid))
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert dialog.objectName() == "moveDialog" and not unnamed_widgets(dialog)
    dialog.target.setCurrentIndex(0)
    qtbot.keyClick(dialog.target, Qt.Key.Key_Return)
    assert goals.goal_detail(ctx.db, b.uuid).parent_uuid is None


def test_delete_archives_and_the_toggle_shows_archived(qtbot, page, ctx) -> None:  # noqa: ANN001
    a = goals.create_goal(ctx.db, GoalInput(GoalLevel.ORGANISATION, "Old goal"))
    page.refresh()
    page.tree.setCurrentIndex(page.model.index_of(a.uuid))
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    assert not page.model.index_of(a.uuid).isValid()
    page.show_archived.setChecked(True)
    index = page.model.index_of(a.uuid)
    assert index.isValid() and index.siblingAtColumn(5).data() == "Archived"
    page.tree.setCurrentIndex(index)
    page.archive_selected()
    assert goals.goal_detail(ctx.db, a.uuid).archived is False


def test_the_page_names_its_widgets_and_the_catalogue_edits_kpis_and_role_sets(qtbot, page, ctx) -> None:  # noqa: ANN001
    assert not unnamed_widgets(page)
    panel = page.show_tab("catalogue")
    assert not unnamed_widgets(panel)
    assert panel.model.rowCount() >= 20
    dialog = panel.new_kpi()
    assert not unnamed_widgets(dialog)
    type_into(qtbot, dialog.code, "repeat_7d")
    type_into(qtbot, dialog.name, "Repeat contacts")
    dialog.unit.setCurrentIndex(dialog.unit.findData("percent"))
    dialog.aggregation.setCurrentIndex(dialog.aggregation.findData("mean"))
    type_into(qtbot, dialog.tolerance, "1")
    assert "read as the fraction 100%" in dialog.tolerance_note.text()
    type_into(qtbot, dialog.tolerance, "1%")
    dialog.accept()
    assert not dialog.isVisible(), dialog.banner.text()
    assert panel.model.rows()[-1].code == "REPEAT_7D"
    panel.role.setCurrentIndex(panel.role.findData("coach"))
    for i in range(panel.role_list.count()):
        item = panel.role_list.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ("QA", "CSAT")
                           else Qt.CheckState.Unchecked)
    panel.save_role_set()
    from coachdesk.domain.enums import Role
    from coachdesk.services.kpis import role_kpi_sets

    assert set(role_kpi_sets(ctx.db)[Role.COACH]) == {"QA", "CSAT"}
    templates = page.show_tab("templates")
    assert not unnamed_widgets(templates)


def test_a_template_applied_to_a_team_shows_on_the_team_and_today_pages(qtbot, window, page, ctx,
                                                                       sample) -> None:  # noqa: ANN001
    panel = page.show_tab("templates")
    dialog = panel.new_template()
    assert not unnamed_widgets(dialog)
    dialog.team.setCurrentIndex(dialog.team.findText("Billing", Qt.MatchFlag.MatchStartsWith))
    f = dialog.fields
    type_into(qtbot, f.statement, "Bring my AHT down to 5:00 by using the knowledge base")
    type_into(qtbot, f.measure, "AHT")
    type_into(qtbot, f.start, (TODAY - timedelta(days=9)).isoformat())
    type_into(qtbot, f.due, (TODAY + timedelta(days=5)).isoformat())
    type_into(qtbot, f.level_edits["commit"], "5:30")
    type_into(qtbot, f.level_edits["target"], "5:00")
    dialog.accept()
    assert not dialog.isVisible(), dialog.banner.text()
    assert "4 objectives created as drafts." in panel.status.text()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    panel.agree_selected()
    assert panel.status.text() == "Agreed for 4 people."
    add_aht(ctx, sample.agent_uuids["Amelia Brown"], TODAY - timedelta(days=9), [400, 395, 390, 385, 380], [20] * 5)
    team = window.show_page("team")
    team.objectives.show_team(next(t.uuid for t in team.model.rows() if t.name == "Billing"))
    matrix = team.objectives.matrix_text()
    assert matrix[0][0] == "Amelia Brown" and "AHT" in [team.objectives.model.headerData(
        c, Qt.Orientation.Horizontal) for c in range(team.objectives.model.columnCount())]
    assert "▼▼ 6:30" in matrix[0]  # 390 s: worse than the 5:30 commit level
    today = window.show_page("today")
    rows = today.objectives_due.model.rows()
    assert {r.person_name for r in rows} >= {"Amelia Brown"}
    assert "due within 14 days" in today.objectives_due.summary.text()
