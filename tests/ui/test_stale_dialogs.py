"""Views never go stale after a write made in a dialog: scheduling one-to-ones, giving feedback, closing a follow-up
and applying a team template show on the pages that list those records, at once when visible and on the next show
when hidden, with no F5 and no page told by the dialog (the change channel, ``ui.kit.changes``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt

from coachdesk.services import calendar as calendar_api
from coachdesk.services import feedback as feedback_api
from coachdesk.services.calendar import EntryKind
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.pages.calendar_page import ALL
from tests.ui.test_observe_feedback import ended  # noqa: F401 - the fixture: an observation with a strength noted


def _kinds(page, kind: EntryKind) -> list:  # noqa: ANN001
    return [e for e in (page.data.entries if page.data else []) if e.kind is kind]


def _calendar(window, anchor: date | None = None):  # noqa: ANN001, ANN202
    page = window.show_page("calendar")
    page.team.setCurrentIndex(page.team.findData(ALL))
    page._team_chosen(0)  # noqa: SLF001 - as choosing "All teams" does
    if anchor is not None:
        page.anchor = anchor
        page.set_mode("month")
    assert page.data is not None
    return page


def test_scheduling_one_to_ones_shows_them_on_the_calendar_at_once(window, sample) -> None:
    page = _calendar(window)
    page.open_schedule()  # the page's "Schedule the next one-to-ones…": proposes at once
    dialog = page.dialog
    assert dialog.proposal is not None and dialog.proposal.sessions
    first = min(s.start for s in dialog.proposal.sessions)
    page.anchor = first.date()  # the week of the first one, before scheduling: the page is told, not asked
    page.refresh()
    shown_before = len(_kinds(page, EntryKind.ONE_TO_ONE))
    dialog.schedule()
    assert not dialog.isVisible()
    after = _kinds(page, EntryKind.ONE_TO_ONE)
    assert len(after) > shown_before  # new one-to-ones in the week shown, without a refresh
    assert any(e.start == first for e in after)


def test_giving_feedback_shows_on_today_and_on_the_agents_history(
        window, sample, ended, qtbot) -> None:  # noqa: F811 - ended: the fixture
    from coachdesk.ui.dialogs.feedback_dialog import FeedbackDialog

    amelia = sample.agent_uuids["Amelia Brown"]
    today = window.show_page("today")
    follow_ups = [today.one_to_ones.follow.item(i).text() for i in range(today.one_to_ones.follow.count())]
    assert not any("Amelia Brown" in t for t in follow_ups)
    agent = window.show_page("agent")
    assert agent.open_agent(amelia)
    row = agent.history_view.model.row_at(0)
    assert row.session_uuid == ended.uuid and row.feedback_uuid is None
    dialog = FeedbackDialog(window.ctx, ended.uuid, agent)
    qtbot.addWidget(dialog)
    dialog.follow_up.setDate(date.today())  # due today: on Today's list of follow-ups
    dialog.save()
    assert not dialog.isVisible() and dialog.result_row is not None
    row = agent.history_view.model.row_at(0)  # visible: at once
    assert row.feedback_uuid == dialog.result_row.uuid and row.delivered_at is not None
    today = window.show_page("today", refresh=False)  # hidden until now: on this show
    follow_ups = [today.one_to_ones.follow.item(i).text() for i in range(today.one_to_ones.follow.count())]
    assert any("Amelia Brown" in t and date_text(date.today()) in t for t in follow_ups)


def test_closing_a_follow_up_takes_it_off_the_calendar_and_today(
        window, sample, ended) -> None:  # noqa: F811 - ended: the fixture
    feedback_api.save_feedback(window.ctx.db, ended.uuid, "Named the worry", "Summarise at the end",
                               follow_up_date=date.today(), delivered_at=datetime.now().astimezone())
    today = window.show_page("today")
    assert any("Amelia Brown" in today.one_to_ones.follow.item(i).text()
               for i in range(today.one_to_ones.follow.count()))
    page = _calendar(window)
    (entry,) = [e for e in _kinds(page, EntryKind.FOLLOW_UP) if e.agent_uuid == sample.agent_uuids["Amelia Brown"]]
    page._open(entry.kind.value, entry.uuid)  # noqa: SLF001 - Enter on the item
    dialog = page.dialog
    assert dialog.objectName() == "followUpDialog"
    dialog.group.button(0).setChecked(True)  # improved
    dialog.save()
    assert not dialog.isVisible()
    assert not [e for e in _kinds(page, EntryKind.FOLLOW_UP) if e.uuid == entry.uuid]  # visible: at once
    today = window.show_page("today", refresh=False)
    assert not any("Amelia Brown" in today.one_to_ones.follow.item(i).text()
                   for i in range(today.one_to_ones.follow.count()))


def test_a_team_template_applied_in_its_dialog_fills_the_team_matrix(window, sample) -> None:
    from coachdesk.ui.dialogs.template_dialog import TemplateDialog

    team = window.show_page("team")
    billing = next(t.uuid for t in team.model.rows() if t.name == "Billing")
    team.objectives.show_team(billing)
    before = {r[0]: r for r in team.objectives.matrix_text()}
    dialog = TemplateDialog(window.ctx, billing, window.page("goals"))
    f = dialog.fields
    f.statement.setPlainText("Bring handle time down to 5:50 using the knowledge base during the call")
    f.measure.setCurrentIndex(f.measure.findText("AHT", Qt.MatchFlag.MatchStartsWith))
    assert f.current_measure().code == "AHT"
    for key, text in (("commit", "6:20"), ("target", "5:50"), ("stretch", "5:30")):
        f.level_edits[key].setText(text)
    assert dialog.apply_now.isChecked()
    dialog.accept()
    assert not dialog.isVisible(), dialog.banner.text()
    after = {r[0]: r for r in team.objectives.matrix_text()}  # visible: at once
    assert after != before and "Amelia Brown" in after
    assert len(after["Amelia Brown"]) > len(before.get("Amelia Brown", ()))


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_scheduling_a_one_to_one_soon_shows_in_the_open_reminders_window(window, ctx, sample) -> None:
    calendar_api.save_calendar_settings(ctx.db, replace(calendar_api.calendar_settings(ctx.db), time_zone="UTC"))
    clock = Clock(datetime.now().astimezone())
    center = window.start_reminders(clock=clock, use_tray=False)
    seen: list[list] = []
    center.reminded.connect(seen.append)
    box = center.show_list()
    assert box.list.count() == 0
    page = _calendar(window)
    page.open_schedule()
    dialog = page.dialog
    first = min(dialog.proposal.sessions, key=lambda s: s.start)
    clock.now = first.start - timedelta(minutes=5)  # it starts in five minutes
    dialog.schedule()
    listed = [box.list.item(i).text() for i in range(box.list.count())]  # visible: at once
    assert any(first.agent_name in t for t in listed)
    assert seen and any(first.agent_name in r.title for r in seen[-1])  # and said once, without waiting a minute
