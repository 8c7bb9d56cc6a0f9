"""The closed vocabularies of coaching records, stored by their string values."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    TEAM_LEADER = "team_leader"
    COACH = "coach"
    QUALITY_SPECIALIST = "quality_specialist"
    INSTRUCTOR = "instructor"
    OPERATIONS_MANAGER = "operations_manager"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class MembershipRole(StrEnum):
    """What a person is in one team: a member (agent) or one of its leaders."""

    MEMBER = "member"
    LEADER = "leader"
    COACH = "coach"


class GoalLevel(StrEnum):
    ORGANISATION = "organisation"
    TEAM = "team"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


class ObjectiveStatus(StrEnum):
    DRAFT = "draft"
    AGREED = "agreed"
    ACHIEVED = "achieved"
    MISSED = "missed"
    WITHDRAWN = "withdrawn"


class MeasureKind(StrEnum):
    KPI = "kpi"
    BEHAVIOUR = "behaviour"


class Unit(StrEnum):
    SECONDS = "seconds"
    PERCENT = "percent"  # stored as a 0-1 fraction
    COUNT = "count"
    SCORE = "score"
    CURRENCY = "currency"


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class Aggregation(StrEnum):
    MEAN = "mean"
    SUM = "sum"
    WEIGHTED_MEAN = "weighted_mean"  # weighted by the volume KPI named on the definition


class ObservationMode(StrEnum):
    SIDE_BY_SIDE = "side_by_side"
    REMOTE_LISTENING = "remote_listening"
    RECORDING_REVIEW = "recording_review"


class SessionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class Channel(StrEnum):
    VOICE = "voice"
    CHAT = "chat"
    EMAIL = "email"
    MESSAGING = "messaging"
    SOCIAL = "social"
    OTHER = "other"


class NoteKind(StrEnum):
    GENERAL = "general"
    STRENGTH = "strength"
    OPPORTUNITY = "opportunity"
    VERBATIM = "verbatim"


class OneToOneType(StrEnum):
    EXPECTATION_SETTING = "expectation_setting"
    REVIEW = "review"
    DEVELOPMENT = "development"


class OneToOneStatus(StrEnum):
    DRAFT = "draft"
    HELD = "held"
    ACKNOWLEDGED = "acknowledged"


class ItemKind(StrEnum):
    """The lines of a one-to-one record."""

    AGENDA = "agenda"
    EXPECTATION = "expectation"
    MOTIVATOR = "motivator"
    REWARD = "reward"
    ACTION = "action"
    COMMITMENT = "commitment"
    NOTE = "note"


class ItemStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    NOT_MET = "not_met"
    DROPPED = "dropped"
    #: still open, and copied into the next one-to-one (the copy's ``carried_from_id`` points back here)
    CARRIED = "carried"


class Visibility(StrEnum):
    SHARED = "shared"
    COACH_ONLY = "coach_only"


class RewardScope(StrEnum):
    INDIVIDUAL = "individual"
    TEAM = "team"


class ImportStatus(StrEnum):
    COMMITTED = "committed"
    UNDONE = "undone"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    AMEND = "amend"
    IMPORT = "import"
    UNDO_IMPORT = "undo_import"
    ERASE = "erase"
    RESTORE = "restore"
    EXPORT = "export"


class FollowUpOutcome(StrEnum):
    """How a feedback follow-up turned out, as the coach judged it when closing it."""

    IMPROVED = "improved"
    PARTLY = "partly"
    NOT_YET = "not_yet"

    @property
    def label(self) -> str:
        return {"improved": "Improved", "partly": "Partly", "not_yet": "Not yet"}[self.value]


class ReminderState(StrEnum):
    """Where a reminder stands: shown once, snoozed until a time, or dismissed for good."""

    SHOWN = "shown"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"
