"""Prepare shows the expectations, motivators and rewards agreed last time, and a new one-to-one's next date
defaults from the agent's rhythm (every 7 days: a week after the session's day)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from sqlalchemy import select

from coachdesk.domain.enums import ItemKind, OneToOneType, RewardScope
from coachdesk.services import one_to_ones as oto
from coachdesk.services.one_to_ones import ItemInput


def _rhythm(ctx, agent: str, days: int | None) -> None:  # noqa: ANN001
    from coachdesk.storage.models import Person

    with ctx.db.unit_of_work() as s:
        s.scalar(select(Person).where(Person.uuid == agent)).one_to_one_cadence_days = days


def _qdays(first: QDate, second: QDate) -> int:
    return first.daysTo(second)


def test_prepare_lists_what_was_agreed_last_time(qtbot, window, ctx, sample) -> None:  # noqa: ANN001
    agent, leader = sample.agent_uuids["Amelia Brown"], sample.leader_uuids["Laura Bennett"]
    page = window.show_page("one_to_ones")
    assert page.open_agent(agent)
    agreed = page.prep.findChild(object, "oneToOnePrepAgreed")
    assert agreed is not None and "No expectations" in agreed.text.text()
    held = date.today() - timedelta(days=10)
    rec = oto.open_next(ctx.db, agent, coach_uuid=leader, on=held)
    oto.save_session(ctx.db, rec.uuid, kind=OneToOneType.EXPECTATION_SETTING, day=held, held=True, items=[
        ItemInput(ItemKind.EXPECTATION, "Greet every caller by name."),
        ItemInput(ItemKind.MOTIVATOR, "Wants to coach new starters."),
        ItemInput(ItemKind.REWARD, "Team breakfast at 90% FCR.", reward_scope=RewardScope.TEAM),
        ItemInput(ItemKind.NOTE, "A note that is not agreed.")])
    assert page.open_agent(agent)
    agreed = page.prep.findChild(object, "oneToOnePrepAgreed")
    text = agreed.text.text()
    for words in ("Expectations", "Greet every caller by name.", "What motivates them",
                  "Wants to coach new starters.", "Rewards", "Team breakfast at 90% FCR. (team)"):
        assert words in text
    assert "A note that is not agreed" not in text
    assert text.index("Greet every caller") < text.index("Wants to coach") < text.index("Team breakfast")
    page.resize(1280, 720)
    page.prep.widget().grab().save(str(ctx.paths.data_dir / "prepare-agreed.png"))


def test_the_next_date_defaults_from_the_agents_rhythm(qtbot, window, ctx, sample) -> None:  # noqa: ANN001
    weekly, default = sample.agent_uuids["Farah Khan"], sample.agent_uuids["George Ellis"]
    _rhythm(ctx, weekly, 7)
    page = window.show_page("one_to_ones")
    assert page.open_agent(weekly) and page.start_session()
    editor = page.editor
    assert editor.record.cadence_days == 7 and not editor.has_next.isChecked()
    assert _qdays(editor.day.date(), editor.next_day.date()) == 7
    editor.day.setDate(editor.day.date().addDays(2))  # the session moves: the unchosen next date follows
    assert _qdays(editor.day.date(), editor.next_day.date()) == 7
    editor.has_next.setChecked(True)
    editor.day.setDate(editor.day.date().addDays(1))  # once chosen, it stays where the coach put it
    assert _qdays(editor.day.date(), editor.next_day.date()) == 6
    assert page.open_agent(default) and page.start_session()
    assert _qdays(page.editor.day.date(), page.editor.next_day.date()) == 14  # no rhythm of their own: the default
