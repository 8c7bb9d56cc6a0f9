"""The Agent page loads its people list once: opening an agent reloads it only after people changed or F5."""

from __future__ import annotations


def _count_reloads(page) -> list[None]:  # noqa: ANN001
    reloads: list[None] = []
    page.model.modelReset.connect(lambda: reloads.append(None))
    return reloads


def test_opening_agents_does_not_reload_the_list(window, sample) -> None:
    window.open_agent(sample.agent_uuids["Amelia Brown"])
    page = window.page("agent")
    reloads = _count_reloads(page)
    for name in ("Chloé Martin", "Farah Khan"):
        window.show_page("today")
        assert window.open_agent(sample.agent_uuids[name])
        assert page.shown_name() == name
        assert page.table.currentIndex().data() == name  # still selected in the list
        window.show_page("today")
        window.show_page("agent")  # navigating back re-reads the agent, not the list
        assert page.shown_name() == name
    assert reloads == []


def test_people_edits_and_f5_reload_the_list(window, sample) -> None:
    window.open_agent(sample.agent_uuids["Amelia Brown"])
    page = window.page("agent")
    reloads = _count_reloads(page)
    assert page.visible_count() == 8
    people = window.show_page("people")
    people.select_person(sample.agent_uuids["George Ellis"])
    people.deactivate_person(confirm=False)
    assert reloads == []  # not while the Agent page is hidden
    assert window.open_agent(sample.agent_uuids["Chloé Martin"])
    assert len(reloads) == 1 and page.visible_count() == 7  # reloaded once: George is gone
    window.open_agent(sample.agent_uuids["Farah Khan"])
    window.show_page("agent")
    assert len(reloads) == 1
    window.refresh_pages()  # F5 (and loading demo data) reloads every page
    assert len(reloads) == 2 and page.shown_name() == "Farah Khan"
