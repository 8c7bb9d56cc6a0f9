"""The calendar capability's public face: scheduling one-to-ones from each agent's rhythm, the calendar's entries,
RFC 5545 files (invitations and leaders' subscribable calendars), observation coverage and reminders.

Other packages use only the names imported here."""

from coachdesk.domain.calendar_rules import CoverageState, CoverageTarget
from coachdesk.services.calendar.coverage import (
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
from coachdesk.services.calendar.entries import CalendarEntry, EntryKind, entries
from coachdesk.services.calendar.files import (
    calendar_file,
    configure_feeds,
    feed_path,
    invitation,
    led_teams,
    rewrite_feeds,
    write_atomically,
)
from coachdesk.services.calendar.follow_ups import close_follow_up
from coachdesk.services.calendar.reminders import Reminder, dismiss, due_now, mark_shown, reminder_list, snooze
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

__all__ = [
    "close_follow_up",
    "Reminder", "dismiss", "due_now", "mark_shown", "reminder_list", "snooze",
    "CoverageRow", "CoverageState", "CoverageTarget", "coverage", "drop_observation", "due_observations",
    "link_started", "move_observation", "plan_observation", "set_target", "today_observations",
    "CalendarEntry", "CalendarSettings", "EntryKind", "ProposedSession", "ScheduleProposal", "accept",
    "calendar_file", "calendar_settings", "cancel", "configure_feeds", "entries", "feed_path", "invitation",
    "led_teams", "propose_next", "reschedule", "rewrite_feeds", "save_calendar_settings", "system_zone_name",
    "team_uuids_for", "with_start", "write_atomically", "zone",
]
