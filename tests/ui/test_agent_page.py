"""The Agent page: instant search as one types, the role filter, keyboard choice, and the header it shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def _agent_page(window):  # noqa: ANN001, ANN202
    return window.show_page("agent")


def _settled(qtbot, page) -> None:  # noqa: ANN001
    """The search runs once typing pauses (one query per pause, not one per keystroke): wait for it."""
    qtbot.waitUntil(lambda: not page.search_pause.isActive(), timeout=3000)


def _type(qtbot, page, text: str) -> None:  # noqa: ANN001
    qtbot.keyClicks(page.search, text)
    _settled(qtbot, page)


def _clear(qtbot, page) -> None:  # noqa: ANN001
    page.search.clear()
    _settled(qtbot, page)


def test_lists_agents_and_filters_as_one_types(qtbot, window) -> None:
    page = _agent_page(window)
    assert page.visible_count() == 8
    assert page.model.rowCount() == 8 and "8 of 10" in page.count_label.text()  # leaders are not read: the database
    # filters by role, and the count says how many it left out
    _type(qtbot, page, "ha")
    assert page.visible_count() == 2  # Hannah Schmidt, Farah Khan
    _type(qtbot, page, "nn")
    assert page.visible_count() == 1
    assert page.table.model().index(0, 0).data() == "Hannah Schmidt"
    assert "1 of 10" in page.count_label.text()
    _clear(qtbot, page)
    assert page.visible_count() == 8


def test_search_ignores_accents_and_finds_aliases_and_ids(qtbot, window) -> None:
    page = _agent_page(window)
    _type(qtbot, page, "elodie")
    assert [page.table.model().index(r, 0).data() for r in range(page.visible_count())] == ["Élodie Garnier"]
    _clear(qtbot, page)
    _type(qtbot, page, "Dan Okafor")  # an alias
    assert page.table.model().index(0, 0).data() == "Daniel Okafor"
    _clear(qtbot, page)
    _type(qtbot, page, "ACD1002")  # an external id
    assert page.table.model().index(0, 0).data() == "Chloé Martin"
    _clear(qtbot, page)
    _type(qtbot, page, "nobody at all")
    assert page.visible_count() == 0


def test_everyone_toggle_shows_leaders(qtbot, window) -> None:
    page = _agent_page(window)
    _type(qtbot, page, "laura")
    assert page.visible_count() == 0
    page.everyone.setChecked(True)
    assert page.visible_count() == 1


def test_enter_in_search_opens_first_match(qtbot, window) -> None:
    page = _agent_page(window)
    qtbot.keyClicks(page.search, "farah")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.shown_name() == "Farah Khan"
    assert page.findChild(QLabel, "agentName").text() == "Farah Khan"


def test_arrow_keys_move_from_search_into_list(qtbot, window) -> None:
    page = _agent_page(window)
    page.focus_search()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.shown_name() == "Amelia Brown"
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.shown_name() == "Bartłomiej Nowak"


def test_header_shows_team_leader_ids_and_objectives(window, sample) -> None:
    page = _agent_page(window)
    assert page.open_agent(sample.agent_uuids["Amelia Brown"])
    header = page.header_view
    assert header.fields["team"].text() == "Billing"
    assert header.fields["leader"].text() == "Laura Bennett"
    assert header.fields["roles"].text() == "Agent"
    assert header.fields["ids"].text() == "acd: ACD1000"
    assert header.objectives.isVisibleTo(header)
    texts = [label.text() for label in header.objectives.findChildren(QLabel)]
    assert "Bring average handle time under 5 minutes" in texts
    assert any("due" in t and "Agreed" in t for t in texts)
    assert page.table.currentIndex().data() == "Amelia Brown"
    page.open_agent(sample.agent_uuids["George Ellis"])
    assert not header.objectives.isVisibleTo(header)
    assert header.no_objectives.isVisibleTo(header)


def test_unknown_agent_clears_the_header(window) -> None:
    page = _agent_page(window)
    assert not page.open_agent("00000000-0000-0000-0000-000000000000")
    assert page.shown_name() == ""


def test_refresh_keeps_the_chosen_agent(window, sample) -> None:
    page = _agent_page(window)
    page.open_agent(sample.agent_uuids["Chloé Martin"])
    window.show_page("today")
    window.show_page("agent")  # refreshes on the way back
    assert page.shown_name() == "Chloé Martin"


def test_the_search_waits_for_a_pause_in_typing(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    from coachdesk.services import people as people_api

    page = _agent_page(window)
    asked: list[str] = []
    real = people_api.people_slice
    monkeypatch.setattr(people_api, "people_slice", lambda db, query, *args, **kw: (
        asked.append(query.search), real(db, query, *args, **kw))[1])
    qtbot.keyClicks(page.search, "hannah")
    assert asked == [] and page.visible_count() == 8  # typing: no query yet
    _settled(qtbot, page)
    assert asked == ["hannah"] and page.visible_count() == 1  # one query for the pause
    qtbot.keyClicks(page.search, " s")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Enter does not wait
    assert asked == ["hannah", "hannah s"] and page.shown_name() == "Hannah Schmidt"
