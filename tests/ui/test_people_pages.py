"""People lists read a page at a time: the Agent and People pages hold the rows shown and read more on scrolling;
the database sorts when a header is clicked; someone chosen elsewhere is read as far as and selected; one read is
out at a time and an answer to an older question is dropped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from coachdesk.domain.enums import Role
from coachdesk.services import people as people_api
from coachdesk.ui.models.people_models import PeopleModel, PeoplePages


@pytest.fixture
def small_pages(monkeypatch):  # noqa: ANN001, ANN201
    """Pages of three rows, so the sample's eight agents take three reads."""
    monkeypatch.setattr(PeoplePages, "PAGE", 3)


def _names(model) -> list[str]:  # noqa: ANN001
    return [model.row_at(r).display_name for r in range(model.rowCount())]


def _scroll_to_end(qtbot, table) -> None:  # noqa: ANN001
    """What the wheel does: the view asks the model for more once the end is in sight."""
    for _ in range(10):
        table.scrollToBottom()
        qtbot.wait(1)


def test_the_agent_list_holds_a_page_and_reads_the_next_on_scrolling(qtbot, window, small_pages) -> None:  # noqa: ANN001
    page = window.show_page("agent")
    everyone = [r.display_name for r in people_api.list_people(window.ctx.db, role=Role.AGENT)]
    assert _names(page.model) == everyone[:3]  # one page read, not the organisation
    assert page.visible_count() == 8 and "Showing 8 of 10 people" == page.count_label.text()
    assert page.model.canFetchMore()
    page.table.resize(page.table.width(), 80)  # a short list, so its end is out of sight
    _scroll_to_end(qtbot, page.table)
    assert _names(page.model) == everyone  # in order, none twice, none missing
    assert not page.model.canFetchMore()
    assert "Showing 8 of 10 people" == page.count_label.text()  # the count is the list's, not the rows read


def test_a_header_click_sorts_in_the_database(qtbot, window, small_pages) -> None:  # noqa: ANN001
    page = window.show_page("agent")
    page.everyone.setChecked(True)
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(PeopleModel.ROLES) + 5, header.height() // 2))
    assert (page.model.query.sort, page.model.query.descending) == ("roles", False)
    _scroll_to_end(qtbot, page.table)
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert len(rows) == 10
    first_roles = [min(list(Role).index(role) for role in row.roles) for row in rows]
    assert first_roles == sorted(first_roles) and first_roles[0] != first_roles[-1]  # agents, then the leaders
    page.table.sortByColumn(PeopleModel.NAME, Qt.SortOrder.DescendingOrder)
    backwards = [r.display_name for r in reversed(people_api.list_people(window.ctx.db))]
    assert _names(page.model) == backwards  # read again as far as before (all ten), Z to A


def test_an_agent_chosen_elsewhere_is_read_as_far_as_and_selected(qtbot, window, sample, small_pages) -> None:  # noqa: ANN001
    page = window.show_page("agent")
    last = people_api.list_people(window.ctx.db, role=Role.AGENT)[-1]
    assert page.model.row_of_uuid(last.uuid) < 0  # not on the first page
    assert page.open_agent(last.uuid)
    assert page.model.rowCount() == 8 and page.table.currentIndex().data() == last.display_name
    window.show_page("today")
    page = window.show_page("agent")  # F5 or coming back reads again: the agent shown stays selected
    assert page.table.currentIndex().data() == last.display_name and page.shown_name() == last.display_name


def test_a_person_saved_beyond_the_first_page_is_selected(qtbot, window, small_pages) -> None:  # noqa: ANN001
    people = window.show_page("people")
    assert people.people_model.rowCount() == 3 and people.visible_count() == 10
    dialog = people.new_person()
    dialog.name_edit.setText("Zane Young")  # last by name
    dialog.accept()
    assert people.visible_count() == 11 and people.current_person().display_name == "Zane Young"
    assert people.message.text() == "Saved Zane Young."


class _Later:
    """A reader that keeps the questions, for the test to answer them with real slices when it wants."""

    def __init__(self, db) -> None:  # noqa: ANN001
        self.db, self.asked = db, []

    def __call__(self, query, offset, limit, reaching) -> None:  # noqa: ANN001
        self.asked.append((query, offset, limit, reaching))

    def answer(self, number: int):  # noqa: ANN201
        query, offset, limit, reaching = self.asked[number]
        return people_api.people_slice(self.db, query, offset, limit, reaching=reaching)


def test_one_read_at_a_time_and_an_older_answer_is_dropped(qapp, ctx) -> None:  # noqa: ANN001
    model = PeoplePages(people_api.PeopleQuery())
    model.PAGE = 4
    model.reader = later = _Later(ctx.db)
    model.sort(PeopleModel.NAME, Qt.SortOrder.AscendingOrder)
    assert later.asked == []  # nothing read until asked to load
    model.load()
    assert not model.canFetchMore()  # asking: the view may not ask again
    model.take(later.answer(0))
    assert (model.rowCount(), model.total) == (4, 10) and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()  # a second scroll while the first read is out asks nothing
    assert [a[1:3] for a in later.asked] == [(0, 4), (4, 4)]
    model.load(search="a")  # a new question before the answer to the scroll came
    model.take(later.answer(1))  # the older answer: its query is not the model's any more
    assert model.rowCount() == 4 and model.query.search == "a"
    searched = later.answer(2)
    model.take(searched)
    assert _names(model) == [r.display_name for r in searched.rows] and model.total == searched.total
    model.take(searched)  # the same slice again neither adds nor doubles rows
    assert model.rowCount() == len(searched.rows)
    model.take(people_api.people_slice(ctx.db, model.query, 1, 2))  # a slice that does not follow on: dropped
    assert _names(model) == [r.display_name for r in searched.rows]
    model.sort(PeopleModel.TEAM, Qt.SortOrder.DescendingOrder)  # a header click: read again, as far as before
    assert later.asked[-1][0].sort == "team" and later.asked[-1][0].descending and later.asked[-1][1:3] == (0, 4)
    model.sort(PeopleModel.TEAM, Qt.SortOrder.DescendingOrder)  # the same sort again asks nothing
    model.sort(99, Qt.SortOrder.AscendingOrder)  # a column the list does not have asks nothing either
    assert len(later.asked) == 4
    model.failed()
    assert model.canFetchMore() == (model.rowCount() < model.total)


def test_a_header_clicked_before_the_first_rows_came_reads_again(qapp, ctx) -> None:  # noqa: ANN001
    """The first read is still out (a slow team server) when a header is clicked: its answer, for the old sort, is
    dropped, so the click must ask again or the list would stay empty."""
    model = PeoplePages(people_api.PeopleQuery())
    model.reader = later = _Later(ctx.db)
    model.load()
    model.sort(PeopleModel.NAME, Qt.SortOrder.DescendingOrder)
    assert len(later.asked) == 2 and later.asked[1][0].descending
    model.take(later.answer(0))  # the answer for the old sort: dropped
    assert model.rowCount() == 0
    model.take(later.answer(1))
    assert model.rowCount() == 10 and not model.canFetchMore()
