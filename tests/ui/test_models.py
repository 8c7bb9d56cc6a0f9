"""The people and teams table models and the people filter proxy, tested without any widget."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from coachdesk.domain.enums import Role
from coachdesk.services.people import PersonRow, TeamRow
from coachdesk.ui.kit.tables import ROW_ROLE, SORT_ROLE, UUID_ROLE
from coachdesk.ui.models.people_models import PeopleModel, SortProxy, TeamsModel

ROWS = [
    PersonRow("u1", "Émile Zola", "Billing", (Role.AGENT,), True, "emile@example.com"),
    PersonRow("u2", "anna Adams", None, (Role.TEAM_LEADER,), True, None),
    PersonRow("u3", "Bob Brown", "Retention", (Role.AGENT, Role.COACH), True, None),
]


def test_people_model_shape_and_display() -> None:
    model = PeopleModel(ROWS)
    assert model.rowCount() == 3
    assert model.columnCount() == 3
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert model.data(model.index(0, PeopleModel.NAME)) == "Émile Zola"
    assert model.data(model.index(1, PeopleModel.TEAM)) == ""
    assert model.data(model.index(2, PeopleModel.ROLES)) == "Agent, Coach"
    assert model.data(model.index(0, PeopleModel.NAME), UUID_ROLE) == "u1"
    assert model.data(model.index(2, 0), ROW_ROLE) is ROWS[2]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "emile@example.com"
    assert model.headerData(PeopleModel.TEAM, Qt.Orientation.Horizontal) == "Team"
    assert model.data(model.index(5, 0)) is None
    assert model.data(QModelIndex()) is None


def test_people_sort_role_folds_case_and_accents() -> None:
    model = PeopleModel(ROWS)
    keys = [model.data(model.index(r, PeopleModel.NAME), SORT_ROLE) for r in range(3)]
    assert keys == ["emile zola", "anna adams", "bob brown"]
    proxy = SortProxy()
    proxy.setSourceModel(model)
    proxy.sort(PeopleModel.NAME, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["anna Adams", "Bob Brown", "Émile Zola"]


def test_set_rows_resets_and_finds_uuid() -> None:
    model = PeopleModel()
    assert model.rowCount() == 0
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_rows(ROWS)
    assert resets == [True]
    assert model.row_of_uuid("u3") == 2
    assert model.row_of_uuid("nope") == -1


def test_teams_model_numbers_sort_as_numbers() -> None:
    model = TeamsModel([TeamRow("t1", "Billing", 12, ("Laura",), True), TeamRow("t2", "Sales", 9, (), True)])
    assert model.data(model.index(0, TeamsModel.MEMBERS)) == "12"
    assert model.data(model.index(1, TeamsModel.MEMBERS), SORT_ROLE) == 9
    assert model.data(model.index(0, TeamsModel.LEADERS)) == "Laura"
    assert model.data(model.index(0, TeamsModel.MEMBERS), Qt.ItemDataRole.TextAlignmentRole)
    assert model.total_members() == 21
