"""Reminders in the running app on a clock the test controls: shown once a set time before a one-to-one, Prepare one
click away, snoozed and dismissed, never repeated by a restarted app."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from coachdesk.services import calendar


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _session(ctx, sample) -> tuple[str, datetime]:  # noqa: ANN001
    calendar.save_calendar_settings(ctx.db, replace(calendar.calendar_settings(ctx.db), time_zone="UTC"))
    day = date.today() + timedelta(days=14 - date.today().weekday())
    start = datetime.combine(day, time(10), tzinfo=UTC)
    proposal = calendar.propose_next(ctx.db, "Billing", weeks=1)
    amelia = sample.agent_uuids["Amelia Brown"]
    (uuid,) = calendar.accept(ctx.db, [replace(proposal.sessions[0], agent_uuid=amelia, agent_name="Amelia Brown",
                                               start=start, draft_uuid=None)])
    return uuid, start


def test_reminded_once_then_prepare_snooze_and_restart(window, ctx, sample, qtbot) -> None:  # noqa: ANN001
    from coachdesk.ui.main_window import MainWindow

    _uuid, start = _session(ctx, sample)
    clock = Clock(start - timedelta(minutes=20))
    center = window.start_reminders(clock=clock, use_tray=False)
    seen: list[list] = []
    center.reminded.connect(seen.append)
    center.check()
    assert seen == []
    clock.now = start - timedelta(minutes=15)
    center.check()
    assert len(seen) == 1 and seen[0][0].title.startswith("One-to-one with Amelia Brown at 10:00")
    dialog = center.dialog
    assert dialog.isVisible() and dialog.list.count() == 1
    dialog.prepare_button.click()  # one click to prepare
    assert window.current_page_key() == "one_to_ones"
    center.check()
    assert len(seen) == 1  # never twice
    dialog.snooze_button.click()
    assert "(snoozed)" in dialog.list.item(0).text()
    clock.now += timedelta(minutes=9)
    center.check()
    assert len(seen) == 1
    clock.now += timedelta(minutes=1)
    center.check()
    assert len(seen) == 2
    # a restarted app remembers: nothing shown again
    again = MainWindow(ctx, remember=False)
    qtbot.addWidget(again)
    other = again.start_reminders(clock=clock, use_tray=False)
    other.reminded.connect(seen.append)
    other.check()
    assert len(seen) == 2
    dialog.dismiss_button.click()
    assert dialog.list.count() == 0 and dialog.message.text() == "Nothing to remind you of."


def test_without_a_tray_closing_the_window_ends_it(window, ctx) -> None:  # noqa: ANN001
    center = window.start_reminders(use_tray=False)
    assert not center.keeps_running
    window.close()
    assert not window.isVisible()
