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
    PlannedObservation,
)
from coachdesk.storage.models.one_to_ones import OneToOne, OneToOneItem, OneToOneObjective, OneToOneParticipant
from coachdesk.storage.models.people import Person, PersonAlias, PersonExternalId, PersonRole, Team, TeamMembership
from coachdesk.storage.models.records import (
    Amendment,
    AuditEntry,
    PersonalSetting,
    Recognition,
    ReminderRecord,
    Setting,
)


def _index_foreign_keys() -> None:
    """Index every foreign-key column that leads no index yet: deleting a parent (erasing a person) must not scan
    whole child tables, and joins on these columns are everywhere."""
    from sqlalchemy import Index, PrimaryKeyConstraint, UniqueConstraint

    for table in Base.metadata.tables.values():
        leading = {next(iter(ix.columns)).name for ix in table.indexes}
        leading |= {next(iter(c.columns)).name for c in table.constraints
                    if isinstance(c, UniqueConstraint | PrimaryKeyConstraint) and c.columns}
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            if fk.parent.name not in leading:
                Index(f"ix_{table.name}_{fk.parent.name}", fk.parent)
                leading.add(fk.parent.name)


_index_foreign_keys()

__all__ = [
    "Amendment", "AuditEntry", "Base", "Behaviour", "BehaviourCategory", "BehaviourFramework", "BehaviourKpiLink",
    "BehaviourRating", "Feedback", "Goal", "ImportBatch", "ImportMapping", "KpiDefinition", "KpiFigure",
    "Objective", "ObjectiveChange", "ObjectiveTemplate", "ObservationNote", "ObservationSession",
    "ObservedInteraction", "OneToOne", "OneToOneItem", "OneToOneObjective", "OneToOneParticipant", "Person",
    "PersonAlias", "PersonExternalId", "PersonRole", "PersonalSetting", "PlannedObservation", "RatingScale", "RatingScalePoint",
    "Recognition", "ReminderRecord",
    "RecordMixin", "RoleKpi", "Setting", "Team", "TeamMembership", "new_uuid",
]
