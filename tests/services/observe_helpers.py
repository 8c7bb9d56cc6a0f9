"""People for the observation tests: two agents in a team (one with an objective) and three observers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coachdesk.domain.enums import MeasureKind, MembershipRole, ObjectiveStatus, Role
from coachdesk.domain.text import name_key


@dataclass(frozen=True)
class Cast:
    agent: str
    other_agent: str
    leader: str
    coach: str
    specialist: str
    objective: str
    other_objective: str


def seed_cast(db) -> Cast:  # noqa: ANN001 - the ORM is fine inside test fixtures
    from coachdesk.storage.models import Objective, Person, PersonRole, Team, TeamMembership

    def person(session, name: str, role: Role) -> Person:  # noqa: ANN001
        p = Person(display_name=name, name_key=name_key(name))
        p.roles.append(PersonRole(role=role))
        session.add(p)
        return p

    with db.unit_of_work() as s:
        team = Team(name="Billing")
        s.add(team)
        agent, other = person(s, "Amelia Brown", Role.AGENT), person(s, "Farah Khan", Role.AGENT)
        leader, coach = person(s, "Laura Bennett", Role.TEAM_LEADER), person(s, "Chris Coach", Role.COACH)
        specialist = person(s, "Quinn Quality", Role.QUALITY_SPECIALIST)
        s.flush()
        s.add_all([TeamMembership(person_id=agent.id, team_id=team.id),
                   TeamMembership(person_id=other.id, team_id=team.id),
                   TeamMembership(person_id=leader.id, team_id=team.id, role=MembershipRole.LEADER)])
        objective = Objective(person_id=agent.id, statement="Offer a callback instead of a transfer",
                              measure_kind=MeasureKind.KPI, start_date=date.today(),
                              due_date=date.today() + timedelta(days=60), status=ObjectiveStatus.AGREED)
        other_objective = Objective(person_id=other.id, statement="Not Amelia's", measure_kind=MeasureKind.KPI,
                                    start_date=date.today(), due_date=date.today() + timedelta(days=60),
                                    status=ObjectiveStatus.AGREED)
        s.add_all([objective, other_objective])
        s.flush()
        return Cast(agent.uuid, other.uuid, leader.uuid, coach.uuid, specialist.uuid, objective.uuid,
                    other_objective.uuid)
