"""All mapped tables, importable from one place (Alembic's target metadata is ``Base.metadata``)."""

from coachdesk.storage.models.base import Base, RecordMixin, new_uuid
from coachdesk.storage.models.behaviours import (
    Behaviour,
    BehaviourCategory,
    BehaviourFramework,
    BehaviourKpiLink,
    RatingScale,
    RatingScalePoint,
)
from coachdesk.storage.models.goals import Goal, Objective, ObjectiveChange, ObjectiveTemplate
from coachdesk.storage.models.kpis import ImportBatch, ImportMapping, KpiDefinition, KpiFigure, RoleKpi
from coachdesk.storage.models.observations import (
    BehaviourRating,
    Feedback,
    ObservationNote,
    ObservationSession,
    ObservedInteraction,
)
from coachdesk.storage.models.one_to_ones import OneToOne, OneToOneItem, OneToOneObjective, OneToOneParticipant
from coachdesk.storage.models.people import Person, PersonAlias, PersonExternalId, PersonRole, Team, TeamMembership
from coachdesk.storage.models.records import Amendment, AuditEntry, Recognition, Setting

__all__ = [
    "Amendment", "AuditEntry", "Base", "Behaviour", "BehaviourCategory", "BehaviourFramework", "BehaviourKpiLink",
    "BehaviourRating", "Feedback", "Goal", "ImportBatch", "ImportMapping", "KpiDefinition", "KpiFigure",
    "Objective", "ObjectiveChange", "ObjectiveTemplate", "ObservationNote", "ObservationSession",
    "ObservedInteraction", "OneToOne", "OneToOneItem", "OneToOneObjective", "OneToOneParticipant", "Person",
    "PersonAlias", "PersonExternalId", "PersonRole", "RatingScale", "RatingScalePoint", "Recognition",
    "RecordMixin", "RoleKpi", "Setting", "Team", "TeamMembership", "new_uuid",
]
