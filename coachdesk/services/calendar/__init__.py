"""The calendar capability's public face: scheduling one-to-ones from each agent's rhythm, the calendar's entries,
RFC 5545 files (invitations and leaders' subscribable calendars), observation coverage, reminders and follow-up
outcomes.

Code outside this package imports these names from here, never from a submodule (an import-linter contract checks
it). Names load lazily (PEP 562): importing the face imports no submodule, so the window can appear first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.domain.calendar_rules import (
        CoverageState,
        CoverageTarget,
    )
    from coachdesk.services.calendar.coverage_plan import (
        CoverageRow,
        coverage,
        drop_observation,
        due_observations,
        link_started,
        move_observation,
        plan_observation,
        set_target,
        today_observations,
    )
    from coachdesk.services.calendar.entry_list import (
        CalendarEntry,
        EntryKind,
        entries,
    )
    from coachdesk.services.calendar.files import (
        calendar_file,
        configure_feeds,
        feed_path,
        invitation,
        led_teams,
        rewrite_feeds,
        write_atomically,
    )
    from coachdesk.services.calendar.follow_ups import (
        OpenFollowUp,
        close_follow_up,
        open_follow_ups,
        reopen_follow_up,
    )
    from coachdesk.services.calendar.reminders import (
        Reminder,
        dismiss,
        due_now,
        mark_shown,
        reminder_list,
        snooze,
    )
    from coachdesk.services.calendar.schedule import (
        ProposedSession,
        ScheduleProposal,
        accept,
        cancel,
        propose_next,
        reschedule,
        team_uuids_for,
        with_start,
    )
    from coachdesk.services.calendar.settings import (
        CalendarSettings,
        calendar_settings,
        save_calendar_settings,
        system_zone_name,
        zone,
    )

_EXPORTS: dict[str, str] = {
    "CalendarEntry": "coachdesk.services.calendar.entry_list",
    "CalendarSettings": "coachdesk.services.calendar.settings",
    "CoverageRow": "coachdesk.services.calendar.coverage_plan",
    "CoverageState": "coachdesk.domain.calendar_rules",
    "CoverageTarget": "coachdesk.domain.calendar_rules",
    "EntryKind": "coachdesk.services.calendar.entry_list",
    "ProposedSession": "coachdesk.services.calendar.schedule",
    "Reminder": "coachdesk.services.calendar.reminders",
    "ScheduleProposal": "coachdesk.services.calendar.schedule",
    "accept": "coachdesk.services.calendar.schedule",
    "calendar_file": "coachdesk.services.calendar.files",
    "calendar_settings": "coachdesk.services.calendar.settings",
    "cancel": "coachdesk.services.calendar.schedule",
    "close_follow_up": "coachdesk.services.calendar.follow_ups",
    "reopen_follow_up": "coachdesk.services.calendar.follow_ups",
    "open_follow_ups": "coachdesk.services.calendar.follow_ups",
    "OpenFollowUp": "coachdesk.services.calendar.follow_ups",
    "configure_feeds": "coachdesk.services.calendar.files",
    "coverage": "coachdesk.services.calendar.coverage_plan",
    "dismiss": "coachdesk.services.calendar.reminders",
    "drop_observation": "coachdesk.services.calendar.coverage_plan",
    "due_now": "coachdesk.services.calendar.reminders",
    "due_observations": "coachdesk.services.calendar.coverage_plan",
    "entries": "coachdesk.services.calendar.entry_list",
    "feed_path": "coachdesk.services.calendar.files",
    "invitation": "coachdesk.services.calendar.files",
    "led_teams": "coachdesk.services.calendar.files",
    "link_started": "coachdesk.services.calendar.coverage_plan",
    "mark_shown": "coachdesk.services.calendar.reminders",
    "move_observation": "coachdesk.services.calendar.coverage_plan",
    "plan_observation": "coachdesk.services.calendar.coverage_plan",
    "propose_next": "coachdesk.services.calendar.schedule",
    "reminder_list": "coachdesk.services.calendar.reminders",
    "reschedule": "coachdesk.services.calendar.schedule",
    "rewrite_feeds": "coachdesk.services.calendar.files",
    "save_calendar_settings": "coachdesk.services.calendar.settings",
    "set_target": "coachdesk.services.calendar.coverage_plan",
    "snooze": "coachdesk.services.calendar.reminders",
    "system_zone_name": "coachdesk.services.calendar.settings",
    "team_uuids_for": "coachdesk.services.calendar.schedule",
    "today_observations": "coachdesk.services.calendar.coverage_plan",
    "with_start": "coachdesk.services.calendar.schedule",
    "write_atomically": "coachdesk.services.calendar.files",
    "zone": "coachdesk.services.calendar.settings",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

