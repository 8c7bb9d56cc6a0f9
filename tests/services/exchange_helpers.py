"""A small database with at least one row in every table (self-links included), and helpers to compare states."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from coachdesk.domain.enums import (
    AuditAction,
    GoalLevel,
    ItemKind,
    ItemStatus,
    MeasureKind,
    MembershipRole,
    ObservationMode,
    ReminderState,
    Role,
    Visibility,
)
from coachdesk.domain.text import name_key

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Cast:
    agent: str  # Amelia Brown, with records of every kind
    other: str  # Farah Khan, another agent of the same team
    leader: str  # Laura Bennett, leads the team, coaches and holds the one-to-ones
    agent_name: str = "Amelia Brown"
    other_name: str = "Farah Khan"
    leader_name: str = "Laura Bennett"


def build(db, text: str = "") -> Cast:  # noqa: ANN001, C901 - the ORM is fine inside test fixtures
    """Fill ``db`` (seeded: KPI catalogue and framework) with a team, a leader and two agents with records of
    every kind; ``text`` is mixed into free-text fields (hostile input for property tests)."""
    from coachdesk.storage.models import (
        Amendment,
        AuditEntry,
        Behaviour,
        BehaviourFramework,
        BehaviourRating,
        Feedback,
        Goal,
        ImportBatch,
        ImportMapping,
        KpiDefinition,
        KpiFigure,
        Objective,
        ObjectiveChange,
        ObjectiveTemplate,
        ObservationNote,
        ObservationSession,
        ObservedInteraction,
        OneToOne,
        OneToOneItem,
        OneToOneObjective,
        OneToOneParticipant,
        Person,
        PersonAlias,
        PersonalSetting,
        PersonExternalId,
        PersonRole,
        PlannedObservation,
        Recognition,
        ReminderRecord,
        Setting,
        Team,
        TeamMembership,
    )
    from coachdesk.storage.models.behaviours import BehaviourCategory

    def person(s, name: str, role: Role, email: str | None = None) -> Person:  # noqa: ANN001
        p = Person(display_name=name, name_key=name_key(name), email=email, active_from=date(2025, 1, 6),
                   notes=f"notes about {name} {text}")
        p.roles.append(PersonRole(role=role, start_date=date(2025, 1, 6)))
        s.add(p)
        return p

    with db.unit_of_work() as s:
        site = Team(name="Site")
        s.add(site)
        s.flush()
        team = Team(name="Billing", parent_team_id=site.id, description=f"billing {text}")
        s.add(team)
        agent = person(s, "Amelia Brown", Role.AGENT, "amelia.brown@example.com")
        other = person(s, "Farah Khan", Role.AGENT, "farah@example.com")
        leader = person(s, "Laura Bennett", Role.TEAM_LEADER)
        s.flush()
        s.add_all([PersonExternalId(person_id=agent.id, system="acd", value="A-1001"),
                   PersonAlias(person_id=agent.id, alias="Brown, Amelia", alias_key=name_key("Brown, Amelia")),
                   TeamMembership(person_id=agent.id, team_id=team.id, start_date=date(2025, 1, 6)),
                   TeamMembership(person_id=other.id, team_id=team.id, start_date=date(2025, 1, 6)),
                   TeamMembership(person_id=leader.id, team_id=team.id, role=MembershipRole.LEADER)])
        aht = s.scalars(select(KpiDefinition).where(KpiDefinition.code == "AHT")).one()
        fcr = s.scalars(select(KpiDefinition).order_by(KpiDefinition.id)).all()[-1]
        framework = s.scalars(select(BehaviourFramework)).first()
        behaviour = s.scalars(select(Behaviour).where(Behaviour.framework_id == framework.id)).first()
        revision = BehaviourFramework(name=framework.name, revision=2, previous_id=framework.id,
                                      default_scale_id=framework.default_scale_id)
        s.add(revision)
        s.flush()
        s.add(BehaviourCategory(framework_id=revision.id, name=f"Category {text}"))
        org = Goal(level=GoalLevel.ORGANISATION, title=f"Customers first {text}", kpi_id=aht.id)
        s.add(org)
        s.flush()
        goal = Goal(level=GoalLevel.TEAM, parent_id=org.id, team_id=team.id, title="Faster answers",
                    owner_id=leader.id)
        s.add(goal)
        s.flush()
        template = ObjectiveTemplate(team_id=team.id, goal_id=goal.id, statement="Team AHT", measure_kind=MeasureKind.KPI,
                                     kpi_id=aht.id, target_level=300.0)
        s.add(template)
        s.flush()
        objectives = {}
        for p in (agent, other):
            o = Objective(person_id=p.id, goal_id=goal.id, template_id=template.id,
                          statement=f"Bring AHT for {p.display_name} to 5 minutes {text}", measure_kind=MeasureKind.KPI,
                          kpi_id=aht.id, baseline=320.5, target_level=300.0, start_date=date(2026, 3, 1),
                          due_date=date(2026, 5, 31), weight=0.5, created_by_id=leader.id)
            s.add(o)
            s.flush()
            s.add(ObjectiveChange(objective_id=o.id, changed_at=T0, changed_by_id=leader.id, field="status",
                                  old_value="draft", new_value="agreed", reason=f"agreed with {p.display_name}"))
            objectives[p.id] = o
        batch = ImportBatch(file_name="export.csv", source="file", started_at=T0, finished_at=T0,
                            imported_by_id=leader.id, report_json=json.dumps({"unmatched": ["Amelia Brown"]}))
        s.add(batch)
        s.add(ImportMapping(name="ACD", header_signature="abc", mapping_json='{"a": 1}', last_used_at=T0))
        s.flush()
        for p in (agent, other):
            for day in range(5):
                d = date(2026, 3, 2) + timedelta(days=day)
                s.add(KpiFigure(person_id=p.id, kpi_id=aht.id, period_start=d, period_end=d, value=300.0 + day / 3,
                                batch_id=batch.id))
            s.add(KpiFigure(person_id=p.id, kpi_id=fcr.id, period_start=date(2026, 3, 2),
                            period_end=date(2026, 3, 8), value=0.8125, batch_id=None))
        notes = {}
        for p in (agent, other):
            sess = ObservationSession(coach_id=leader.id, agent_id=p.id, team_id=team.id, framework_id=framework.id,
                                      mode=ObservationMode.SIDE_BY_SIDE, started_at=T0,
                                      ended_at=T0 + timedelta(minutes=30), summary=f"Side by side with "
                                      f"{p.display_name}. {text}")
            s.add(sess)
            s.flush()
            call = ObservedInteraction(session_id=sess.id, reference=f"CALL-{p.id}", started_at=T0)
            s.add(call)
            s.flush()
            s.add(BehaviourRating(session_id=sess.id, interaction_id=call.id, behaviour_id=behaviour.id,
                                  observer_id=leader.id, value=3, label="Good", score=0.66, scale_name="4-point",
                                  rated_at=T0))
            note = ObservationNote(session_id=sess.id, interaction_id=call.id, text=f"coach-only note on "
                                   f"{p.display_name}: {text}", noted_at=T0, objective_id=objectives[p.id].id)
            s.add(note)
            s.flush()
            notes[p.id] = note
            s.add(Feedback(session_id=sess.id, agent_id=p.id, coach_id=leader.id, team_id=team.id,
                           went_well=f"{p.display_name} listened well {text}", to_improve="pace",
                           delivered_at=T0 + timedelta(hours=1), target_objective_id=objectives[p.id].id))
            previous = None
            for week in range(2):
                one = OneToOne(agent_id=p.id, leader_id=leader.id, type="review", team_id=team.id,
                               held_at=T0 + timedelta(days=7 * week), summary=f"week {week} {text}",
                               previous_id=previous.id if previous else None)
                s.add(one)
                s.flush()
                s.add(OneToOneParticipant(one_to_one_id=one.id, person_id=leader.id, role="leader"))
                item = OneToOneItem(one_to_one_id=one.id, kind=ItemKind.ACTION, text=f"Follow up {text}",
                                    owner_id=p.id, status=ItemStatus.OPEN, visibility=Visibility.COACH_ONLY)
                s.add(item)
                s.add(OneToOneObjective(one_to_one_id=one.id, objective_id=objectives[p.id].id))
                s.flush()
                if previous is not None:
                    s.add(OneToOneItem(one_to_one_id=one.id, kind=ItemKind.ACTION, text="carried",
                                       carried_from_id=previous_item.id))  # noqa: F821
                previous, previous_item = one, item  # noqa: F841
            s.add(PlannedObservation(agent_id=p.id, coach_id=leader.id, team_id=team.id, session_id=sess.id,
                                     planned_for=T0 + timedelta(days=14), duration_minutes=45, announced=False,
                                     note=f"plan {text}"))
            s.add(ReminderRecord(key=f"follow_up:{p.uuid}:2026-03-03", person_id=leader.id,
                                 state=ReminderState.SNOOZED, shown_at=T0, snoozed_until=T0 + timedelta(hours=1)))
            s.add(Recognition(agent_id=p.id, given_by_id=leader.id, team_id=team.id, title="Thank you",
                              what_they_did=f"{p.display_name} saved a customer {text}", recognised_on=date(2026, 3, 3),
                              source_note_id=notes[p.id].id))
        s.add(Amendment(record_type="feedback", record_uuid=objectives[agent.id].uuid, field="statement",
                        old_value="a", new_value="b", reason="typo", author_id=leader.id, amended_at=T0))
        s.add(AuditEntry(at=T0, action=AuditAction.UPDATE, entity_type="person", entity_uuid=agent.uuid,
                         summary="Renamed Amelia Brown", actor_id=leader.id, actor_name="Laura Bennett"))
        s.add(AuditEntry(at=T0, action=AuditAction.CREATE, entity_type="team", entity_uuid=team.uuid,
                         summary="Created team Billing", actor_id=leader.id))
        s.add(Setting(key="ui.theme", value_json=json.dumps({"theme": "dark", "note": text})))
        s.add(PersonalSetting(owner_login="", key="observe.observer", value_json=json.dumps(leader.uuid)))
        s.flush()
        return Cast(agent.uuid, other.uuid, leader.uuid)


def counts(db) -> dict[str, int]:  # noqa: ANN001
    from coachdesk.storage.table_order import tables_in_order

    with db.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in tables_in_order()}


def snapshot(db) -> dict[str, list[tuple[Any, ...]]]:  # noqa: ANN001
    """Every row of every table, to prove that a refused import changed nothing."""
    from coachdesk.storage.table_order import tables_in_order

    with db.session() as s:
        return {t.name: sorted(map(tuple, s.execute(select(t)).all()), key=repr) for t in tables_in_order()}


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def exchange_entries(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in doc["records"]["audit_log"] if e["entity_type"] == "exchange"]


def records_without_exchange_entries(doc: dict[str, Any]) -> dict[str, Any]:
    records = dict(doc["records"])
    records["audit_log"] = [e for e in records["audit_log"] if e["entity_type"] != "exchange"]
    return records
