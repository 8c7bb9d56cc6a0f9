"""The undo notice: archiving a goal, deactivating a person or a team shows "… · Undo" in the main window's notice
bar for a few seconds; Undo writes the inverse and announces it on the change channel; erasure offers nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from coachdesk.domain.enums import GoalLevel
from coachdesk.services import goals
from coachdesk.services import people as people_api
from coachdesk.services.goals import GoalInput
from coachdesk.ui.kit import changes, undo
from coachdesk.ui.kit.changes import Kind
from coachdesk.ui.widgets.notice_bar import NoticeBar
from tests.ui.test_fit import demo_ctx, demo_db, laptop_window  # noqa: F401 - the demo window


def _announced(qtbot) -> list:  # noqa: ANN001
    seen: list = []
    changes.channel().changed.connect(seen.append)
    return seen


def test_archiving_a_goal_offers_undo_and_undo_restores_it(qtbot, window, ctx) -> None:  # noqa: ANN001
    team = next(t for t in people_api.list_teams(ctx.db) if t.name == "Billing")
    goal = goals.create_goal(ctx.db, GoalInput(GoalLevel.ORGANISATION, "Cut repeat calls"))
    goals.create_goal(ctx.db, GoalInput(GoalLevel.TEAM, "Billing: fewer repeats", parent_uuid=goal.uuid,
                                        team_uuid=team.uuid))
    page = window.show_page("goals")
    page.refresh()
    page.tree.setCurrentIndex(page.model.index_of(goal.uuid))
    page.archive_selected()  # the count shows in the notice: "and its sub-goal"
    bar = window.notice
    assert bar.isVisible() and bar.label.text() == "Archived “Cut repeat calls” and its sub-goal"
    assert bar.accessibleName() == bar.label.text() and bar.undo_button.isVisible()
    assert goals.goal_detail(ctx.db, goal.uuid).archived
    seen = _announced(qtbot)
    window.activateWindow()
    bar.undo_button.setFocus()
    qtbot.waitUntil(bar.undo_button.hasFocus)
    qtbot.keyClick(bar.undo_button, Qt.Key.Key_Return)  # by keyboard too
    assert not goals.goal_detail(ctx.db, goal.uuid).archived
    assert not bar.isVisible()
    assert any(Kind.GOAL in c.kinds and goal.uuid in c.ids for c in seen)
    assert page.model.index_of(goal.uuid).isValid()  # the page heard it and shows the goal again


def test_deactivating_a_person_offers_undo(qtbot, window, ctx, sample) -> None:  # noqa: ANN001
    uuid = sample.agent_uuids["Amelia Brown"]
    page = window.show_page("people")
    assert page.select_person(uuid)
    before = people_api.person_detail(ctx.db, uuid)
    page.deactivate_person(confirm=False)
    assert not people_api.person_row(ctx.db, uuid).is_active
    assert window.notice.isVisible() and window.notice.label.text() == "Deactivated Amelia Brown"
    window.notice.undo_button.click()
    after = people_api.person_detail(ctx.db, uuid)
    assert people_api.person_row(ctx.db, uuid).is_active and not window.notice.isVisible()
    assert [(m.team_uuid, m.end_date) for m in after.memberships] == [(m.team_uuid, m.end_date)
                                                                      for m in before.memberships]


def test_deactivating_a_team_offers_undo(qtbot, window, ctx) -> None:  # noqa: ANN001
    team = next(t for t in people_api.list_teams(ctx.db) if t.name == "Billing")
    members = team.members
    page = window.show_page("people")
    page.select_team(team.uuid) if hasattr(page, "select_team") else None
    from coachdesk.ui.actions import people

    people.set_team_active(page, ctx, team.uuid, False, lambda _r: None)
    assert window.notice.label.text() == "Deactivated the team Billing"
    window.notice.run_undo()
    again = next(t for t in people_api.list_teams(ctx.db) if t.uuid == team.uuid)
    assert again.is_active and again.members == members


def test_the_notice_goes_after_a_while_and_a_newer_one_replaces_it(qtbot) -> None:  # noqa: ANN001
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    elsewhere = QLineEdit(holder)  # the focus and the pointer are not on the bar: it may go
    bar = NoticeBar(holder, shown_ms=50)
    layout.addWidget(elsewhere)
    layout.addWidget(bar)
    holder.move(600, 400)
    holder.show()
    qtbot.waitExposed(holder)
    elsewhere.setFocus()
    ran: list[str] = []
    undo.offer("Archived A", lambda: ran.append("A"))
    undo.offer("Archived B", lambda: ran.append("B"))
    assert bar.label.text() == "Archived B"
    bar.run_undo()
    assert ran == ["B"] and not bar.isVisible()
    bar.run_undo()  # nothing pending any more
    assert ran == ["B"]
    undo.offer("Archived C", lambda: ran.append("C"))
    assert bar.isVisible()
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=2000)
    assert ran == ["B"]  # timing out never undoes


def test_erasure_offers_no_undo(qtbot, window, ctx, sample) -> None:  # noqa: ANN001
    from coachdesk.ui.actions import people

    offers: list = []
    undo.hub().offered.connect(offers.append)
    people.erase_person(window, ctx, sample.agent_uuids["Hannah Schmidt"], lambda _r: None)
    assert offers == [] and not window.notice.isVisible()


def test_closing_a_follow_up_offers_to_reopen_it(qtbot, laptop_window) -> None:  # noqa: ANN001, F811
    from sqlalchemy import select

    from coachdesk.storage.models import Feedback
    from coachdesk.ui.dialogs.follow_up_dialog import FollowUpDialog

    ctx = laptop_window.ctx
    with ctx.db.session() as s:
        uuid = s.scalars(select(Feedback.uuid).where(Feedback.follow_up_date.is_not(None),
                                                     Feedback.follow_up_done_at.is_(None),
                                                     Feedback.delivered_at.is_not(None)).limit(1)).one()

    def done_at() -> object:
        with ctx.db.session() as s:
            return s.scalar(select(Feedback.follow_up_done_at).where(Feedback.uuid == uuid))

    page = laptop_window.show_page("today")
    dialog = FollowUpDialog(ctx, uuid, "Summarise before solving", page)
    dialog.show()
    dialog.group.button(0).setChecked(True)
    dialog.save()
    assert done_at() is not None
    bar = laptop_window.notice
    assert bar.isVisible() and bar.label.text() == "Closed the follow-up “Summarise before solving”"
    seen = _announced(qtbot)
    bar.undo_button.click()
    assert done_at() is None
    assert any(Kind.FEEDBACK in c.kinds and uuid in c.ids for c in seen)
