"""The cascade tree model and the progress table models, tested without widgets."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from dataclasses import replace  # noqa: E402
from datetime import date  # noqa: E402

from PySide6.QtCore import QModelIndex, Qt  # noqa: E402

from coachdesk.domain.enums import Direction, GoalLevel, GoalStatus, MeasureKind, ObjectiveStatus, Unit  # noqa: E402
from coachdesk.domain.objectives import Band  # noqa: E402
from coachdesk.services.goals import GoalLink, GoalRow, GoalTree, MatrixRow, ObjectiveNode, ProgressRow, TeamMatrix  # noqa: E402  # noqa: E402
from coachdesk.ui.kit.tables import SORT_ROLE  # noqa: E402
from coachdesk.ui.kit.words import date_text  # noqa: E402
from coachdesk.ui.models.goal_tree_model import FLAG_ROLE, KIND_ROLE, ROW_ROLE, UUID_ROLE, GoalTreeModel  # noqa: E402
from coachdesk.ui.models.progress_models import AttentionModel, TeamMatrixModel  # noqa: E402

DUE = date(2026, 12, 31)


def goal(uuid: str, level: GoalLevel, parent: str | None = None, team: str | None = None,
         archived: bool = False) -> GoalRow:
    return GoalRow(uuid, 1, level, f"Goal {uuid}", None, None, parent, team and f"t-{team}", team, None, None, "",
                   None, None, GoalStatus.ARCHIVED if archived else GoalStatus.ACTIVE, None, None, 0)


def objective(uuid: str, goal_uuid: str | None, team: str = "Billing") -> ObjectiveNode:
    return ObjectiveNode(uuid, goal_uuid, "p1", "Amelia Brown", team, f"Objective {uuid}", "AHT",
                         ObjectiveStatus.AGREED, DUE, None)


TREE = GoalTree(
    goals=(goal("org", GoalLevel.ORGANISATION), goal("billing", GoalLevel.TEAM, "org", "Billing"),
           goal("loose", GoalLevel.TEAM, None, "Retention")),
    objectives=(objective("o1", "billing"), objective("o2", None), objective("o3", "loose", "Retention")),
)


def test_tree_nests_goals_and_flags_what_has_no_parent(qtbot) -> None:  # noqa: ANN001
    model = GoalTreeModel()
    model.set_tree(TREE)
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == ["Goal org", "⚑ Goal loose", "⚑ Objectives serving no goal (1)"]
    billing = model.index_of("billing")
    assert billing.parent().data() == "Goal org" and model.index(0, 0, billing).data() == "Objective o1"
    assert model.index_of("o2").parent().data(KIND_ROLE) == "unparented"
    assert model.index_of("o2").data(FLAG_ROLE) is True and model.index_of("o1").data(FLAG_ROLE) is False
    assert model.index_of("loose").siblingAtColumn(1).data() == "Retention"
    model.set_tree(TREE, team_name="Billing")
    assert not model.index_of("loose").isValid() and not model.index_of("o3").isValid()
    assert model.index_of("o1").isValid()


def test_every_cell_answers_for_its_row_and_none_is_editable(qtbot) -> None:  # noqa: ANN001
    model = GoalTreeModel()
    model.set_tree(TREE)
    o1, loose = model.index_of("o1"), model.index_of("o2").parent()
    for column in range(model.columnCount()):
        cell = o1.siblingAtColumn(column)
        assert (cell.data(KIND_ROLE), cell.data(UUID_ROLE), cell.data(FLAG_ROLE)) == ("objective", "o1", False)
        assert cell.data(ROW_ROLE) is TREE.objectives[0]
        assert cell.data(Qt.ItemDataRole.AccessibleTextRole) == cell.data() and cell.data() is not None
        assert not model.flags(cell) & Qt.ItemFlag.ItemIsEditable
        assert bool(model.flags(cell) & Qt.ItemFlag.ItemIsDragEnabled) is (column == 0)
        assert not model.flags(cell) & Qt.ItemFlag.ItemIsDropEnabled
        goal_cell = model.index_of("billing").siblingAtColumn(column)
        assert model.flags(goal_cell) & Qt.ItemFlag.ItemIsDropEnabled and goal_cell.data(UUID_ROLE) == "billing"
        assert bool(model.flags(goal_cell) & Qt.ItemFlag.ItemIsDragEnabled) is (column == 0)
        group = loose.siblingAtColumn(column)
        assert model.flags(group) & Qt.ItemFlag.ItemIsDropEnabled and not model.flags(group) & (
            Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsEditable)
    assert model.column_texts(1) == {"Organisation", "Billing", "Retention", "Amelia Brown", ""}
    assert model.column_texts(4) == {"", date_text(DUE)}
    model.set_tree(TREE, team_name="Billing")  # the texts are those shown, not those of an earlier tree
    assert "Retention" not in model.column_texts(1)


def test_drops_follow_the_goal_rules(qtbot) -> None:  # noqa: ANN001
    model = GoalTreeModel()
    model.set_tree(TREE)
    asked = []
    model.move_requested.connect(lambda *args: asked.append(args))
    move = Qt.DropAction.MoveAction
    org_data = model.mimeData([model.index_of("org")])
    assert not model.canDropMimeData(org_data, move, -1, -1, model.index_of("billing"))  # org under a team goal
    assert not model.canDropMimeData(org_data, move, -1, -1, model.index_of("org"))  # onto itself
    assert model.canDropMimeData(model.mimeData([model.index_of("loose")]), move, -1, -1, QModelIndex())
    assert not model.canDropMimeData(model.mimeData([model.index_of("o1")]), move, -1, -1, QModelIndex())
    group = model.index_of("o2").parent()
    assert model.canDropMimeData(model.mimeData([model.index_of("o1")]), move, -1, -1, group)
    model.dropMimeData(model.mimeData([model.index_of("o2")]), move, -1, -1, model.index_of("billing").siblingAtColumn(3))
    model.dropMimeData(model.mimeData([model.index_of("o1")]), move, -1, -1, group)
    assert asked == [("objective", "o2", "billing"), ("objective", "o1", None)]


def progress(uuid: str, band: Band | None, current: str = "6:10", **changes) -> ProgressRow:  # noqa: ANN003
    row = ProgressRow(
        uuid=uuid, person_uuid="p1", person_name="Amelia Brown", team_name="Billing", statement="Bring AHT down",
        measure_kind=MeasureKind.KPI, measure_code="AHT", measure_name="Average handle time", unit=Unit.SECONDS,
        direction=Direction.LOWER_IS_BETTER, display_format="m:ss", status=ObjectiveStatus.AGREED,
        start_date=date(2026, 10, 1), due_date=DUE, weight=0.5, template_uuid=None,
        line_of_sight=(GoalLink("g", "Billing AHT", GoalLevel.TEAM),), baseline=400, commit=380, target=350,
        stretch=None, current=370, distance=20, band=band, forecast=None, forecast_band=None, on_track=None,
        days_with_data=3, current_text=current, target_text="5:50", off_track=True)
    return replace(row, **changes)


def test_attention_model_marks_band_and_reason(qtbot) -> None:  # noqa: ANN001
    model = AttentionModel()
    model.set_rows([progress("a", Band.FAR_BELOW, due_soon=True)])
    assert model.index(0, AttentionModel.BAND).data() == "▼▼ Far below"
    assert model.index(0, AttentionModel.WHY).data() == "due soon, far below, too few days to forecast"
    assert model.index(0, AttentionModel.BAND).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, AttentionModel.BAND).data(SORT_ROLE) == 0


def test_team_matrix_model(qtbot) -> None:  # noqa: ANN001
    matrix = TeamMatrix("Billing", ("AHT", "FCR"), ("Average handle time", "First contact resolution"), (
        MatrixRow("p1", "Amelia Brown", (progress("a", Band.ON_TARGET, "5:48"), None)),
        MatrixRow("p2", "Farah Khan", (progress("b", None, "–"), progress("c", Band.EXCEEDED, "82.0%"))),
    ))
    model = TeamMatrixModel()
    model.set_matrix(matrix)
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Agent", "AHT", "FCR"]
    assert model.index(0, 1).data() == "● 5:48" and model.index(0, 2).data() is None
    assert model.index(0, 2).data(Qt.ItemDataRole.AccessibleTextRole) == "no objective"
    assert model.index(1, 1).data() == "· –" and model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(1, 2).data(Qt.ItemDataRole.AccessibleTextRole) == "AHT: 82.0%, Exceeded, target 5:50"
    assert "Billing AHT" in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
