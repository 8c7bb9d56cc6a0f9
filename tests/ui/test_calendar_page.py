"""The Calendar page on a real database: week and month views, moving by keyboard and by dragging (a clash is
refused with its sentence), the "Schedule the next one-to-ones" dialog, and Today naming who is due an
observation."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from coachdesk.services import calendar
from coachdesk.ui.pages.calendar_page import ALL


def _monday() -> date:
    today = date.today()
    return today + timedelta(days=14 - today.weekday())


def _setup(ctx, sample) -> tuple[str, str, datetime]:  # noqa: ANN001
    calendar.save_calendar_settings(ctx.db, replace(calendar.calendar_settings(ctx.db), time_zone="UTC"))
    proposal = calendar.propose_next(ctx.db, "Billing", weeks=1)
    ten = datetime.combine(_monday(), time(10), tzinfo=UTC)
    amelia, chloe = sample.agent_uuids["Amelia Brown"], sample.agent_uuids["Chloé Martin"]
    base = proposal.sessions[0]
    a, b = calendar.accept(ctx.db, [
        replace(base, agent_uuid=amelia, agent_name="Amelia Brown", start=ten, minutes=30, draft_uuid=None),
        replace(base, agent_uuid=chloe, agent_name="Chloé Martin", start=ten + timedelta(minutes=30), minutes=30,
                draft_uuid=None)])
    return a, b, ten


def _start(ctx, uuid: str) -> datetime:  # noqa: ANN001
    first = _monday() - timedelta(days=7)
    return next(e.start for e in calendar.entries(ctx.db, first, first + timedelta(days=21)) if e.uuid == uuid)


def _page(window):  # noqa: ANN001, ANN202
    page = window.show_page("calendar")
    page.choice, page.anchor = ALL, _monday()
    page.refresh()
    return page


def test_keyboard_moves_and_clashes_are_refused_in_one_sentence(window, ctx, sample, qtbot) -> None:  # noqa: ANN001
    a, b, ten = _setup(ctx, sample)
    page = _page(window)
    view = page.view
    assert {e.uuid for e in view.entries} >= {a, b}
    view.setFocus()
    view.selected = next(i for i, e in enumerate(view.entries) if e.uuid == a)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # 10:15 would overlap 10:30
    assert "clashes with the one-to-one with Chloé Martin" in page.message.text()
    assert _start(ctx, a) == ten
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _start(ctx, a) == ten - timedelta(minutes=15)
    view.selected = next(i for i, e in enumerate(view.entries) if e.uuid == a)
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)  # to Sunday: allowed, but marked
    assert _start(ctx, a) == ten - timedelta(days=1, minutes=15)
    page.anchor = _monday() - timedelta(days=1)
    page.refresh()
    moved = next(e for e in page.view.entries if e.uuid == a)
    assert moved.out_of_hours and "outside working hours" in page.message.text()
    assert "out of hours" in page.view.entry_text(moved)


def test_dragging_moves_to_the_snapped_time(window, ctx, sample, qtbot) -> None:  # noqa: ANN001
    a, b, ten = _setup(ctx, sample)
    page = _page(window)
    view = page.view
    window.resize(1280, 720)
    view.repaint()
    hit = next(h for h in view._hits if view.entries[h.index].uuid == b)
    x0, col, top, ppm = view._week_geometry()
    target_y = int(top + (12 * 60 + 30 - view.day_start.hour * 60) * ppm) + 1
    start = hit.rect.center().toPoint()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, QPoint(start.x(), target_y))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(start.x(), target_y))
    assert _start(ctx, b) == ten.replace(hour=12, minute=30)
    assert _start(ctx, a) == ten


def test_month_view_and_the_schedule_dialog(window, ctx, sample, qtbot) -> None:  # noqa: ANN001
    _setup(ctx, sample)
    page = _page(window)
    page.set_mode("month")
    assert page.view.mode == "month" and len(page.view.days()) == 42
    assert any(e.kind is calendar.EntryKind.ONE_TO_ONE for e in page.view.entries)
    page.open_schedule()
    dialog = page.dialog
    rows = dialog.table.rowCount()
    assert rows > 0 and dialog.accept_button.isEnabled()
    dialog.table.item(0, 2).setText("next Tuesday")
    dialog.schedule()
    assert "is not a time" in dialog.message.text() and dialog.isVisible()
    for r in range(rows):
        dialog.table.item(r, 0).setCheckState(Qt.CheckState.Checked if r in (1, 2) else Qt.CheckState.Unchecked)
    before = len([e for e in calendar.entries(ctx.db, date.today(), date.today() + timedelta(weeks=5))
                  if e.kind is calendar.EntryKind.ONE_TO_ONE and e.minutes])
    dialog.schedule()
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = len([e for e in calendar.entries(ctx.db, date.today(), date.today() + timedelta(weeks=5))
                 if e.kind is calendar.EntryKind.ONE_TO_ONE and e.minutes])
    assert after == before + 2


def test_today_names_who_is_due_an_observation(window, ctx, sample) -> None:  # noqa: ANN001
    from coachdesk.services.people import list_teams

    billing = next(t.uuid for t in list_teams(ctx.db) if t.name == "Billing")
    calendar.set_target(ctx.db, billing, calendar.CoverageTarget(2, 1))
    today = window.show_page("today")
    today.refresh()
    text = today.observations_due.text()
    assert text.startswith("Due an observation this month:") and "Amelia Brown" in text
    assert "Bartłomiej Nowak" not in text  # Retention has no target


def test_enter_on_a_follow_up_closes_it_with_its_outcome(window, ctx, sample, qtbot) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from coachdesk.storage.models import Feedback, Person

    with ctx.db.unit_of_work() as s:
        fb = Feedback(agent_id=s.scalar(select(Person.id).where(Person.uuid == sample.agent_uuids["Amelia Brown"])),
                      to_improve="Summarise before solving", follow_up_date=date.today(),
                      delivered_at=datetime.now(UTC) - timedelta(days=7))
        s.add(fb)
        s.flush()
        uuid = fb.uuid
    page = window.show_page("calendar")
    page.choice, page.anchor = ALL, date.today()
    page.refresh()
    view = page.view
    view.setFocus()
    view.selected = next(i for i, e in enumerate(view.entries) if e.uuid == uuid)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = page.dialog
    dialog.save()
    assert "Choose how it turned out" in dialog.message.text()
    dialog.findChild(object, "followUpOutcome_not_yet").setChecked(True)
    dialog.note.setPlainText("Still solving first.")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with ctx.db.session() as s:
        outcome, note = s.execute(select(Feedback.follow_up_outcome, Feedback.follow_up_note)
                                  .where(Feedback.uuid == uuid)).one()
    assert (outcome.value, note) == ("not_yet", "Still solving first.")
    assert uuid not in {e.uuid for e in page.view.entries}


def test_coverage_dialog_sets_the_target_and_plans_an_observation(window, ctx, sample) -> None:  # noqa: ANN001
    from PySide6.QtCore import QDateTime

    page = window.show_page("calendar")
    page.refresh()
    page.open_coverage()
    assert "Choose one team" in page.message.text()  # nobody signed in: every team is shown
    billing = next(u for u, n in page.data.teams if n == "Billing")
    page.team.setCurrentIndex(page.team.findData(billing))
    page._team_chosen(0)
    page.open_coverage()
    dialog = page.dialog
    assert dialog.table.rowCount() == 4 and dialog.table.item(0, 1).text() == "No target"
    dialog.per_month.setValue(2)
    dialog.unannounced.setValue(1)
    dialog.save()
    assert dialog.table.item(0, 1).text().lstrip("▼ ") in ("Behind", "Due")
    dialog.table.selectRow(0)
    agent = dialog.rows[0].agent_name
    when = QDateTime.currentDateTime().addDays(1)
    when.setTime(when.time().fromString("10:00", "HH:mm"))
    dialog.when.setDateTime(when)
    dialog.plan()
    assert f"Observation of {agent} planned" in dialog.message.text()
    obs = [e for e in calendar.entries(ctx.db, date.today(), date.today() + timedelta(days=3))
           if e.kind is calendar.EntryKind.OBSERVATION]
    assert [(e.agent_name, e.minutes) for e in obs] == [(agent, 45)]
    dialog.minutes.setValue(5)
    dialog.when.setDateTime(QDateTime.currentDateTime().addDays(-1))
    dialog.plan()
    assert "in the past" in dialog.message.text()


def test_settings_dialog_refuses_an_unknown_zone_and_saves_hours(window, ctx) -> None:  # noqa: ANN001
    page = window.show_page("calendar")
    page.open_settings()
    dialog = page.dialog
    assert [b.isChecked() for b in dialog.days] == [True] * 5 + [False] * 2
    dialog.zone.setText("Mars/Olympus")
    dialog.save()
    assert "Time zone 'Mars/Olympus' is unknown" in dialog.message.text() and dialog.isVisible()
    assert calendar.calendar_settings(ctx.db).time_zone == ""
    dialog.zone.setText("Europe/Paris")
    dialog.days[5].setChecked(True)
    dialog.remind.setValue(20)
    dialog.save()
    saved = calendar.calendar_settings(ctx.db)
    assert saved.time_zone == "Europe/Paris" and 5 in saved.hours.days and saved.remind_minutes == 20
