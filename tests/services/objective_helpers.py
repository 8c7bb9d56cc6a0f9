"""A small contact centre for the goal and objective tests: one team of six agents and a leader, and KPI figures
or ratings written straight into the tables so every expected value can be computed by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from coachdesk.domain.enums import MembershipRole, ObservationMode, Role, SessionStatus
from coachdesk.domain.text import name_key

AGENTS = ("Amelia Brown", "Bruno Costa", "Chloé Martin", "Daniel Okafor", "Élodie Garnier", "Farah Khan")
START, DUE = date(2026, 1, 1), date(2026, 3, 31)


@dataclass(frozen=True)
class Centre:
    team: str
    team_name: str
    leader: str
    agents: dict[str, str]

    @property
    def amelia(self) -> str:
        return self.agents["Amelia Brown"]


def seed_centre(db) -> Centre:  # noqa: ANN001 - the ORM is fine inside test fixtures
    from coachdesk.storage.models import Person, PersonRole, Team, TeamMembership

    def person(session, name: str, role: Role) -> Person:  # noqa: ANN001
        p = Person(display_name=name, name_key=name_key(name))
        p.roles.append(PersonRole(role=role))
        session.add(p)
        return p

    with db.unit_of_work() as s:
        team = Team(name="Billing")
        s.add(team)
        leader = person(s, "Laura Bennett", Role.TEAM_LEADER)
        agents = [person(s, name, Role.AGENT) for name in AGENTS]
        s.flush()
        s.add(TeamMembership(person_id=leader.id, team_id=team.id, role=MembershipRole.LEADER))
        for agent in agents:
            s.add(TeamMembership(person_id=agent.id, team_id=team.id, start_date=date(2025, 1, 1)))
        s.flush()
        return Centre(team.uuid, team.name, leader.uuid, {a.display_name: a.uuid for a in agents})


def add_figures(db, person_uuid: str, code: str, values: dict[date, float]) -> None:  # noqa: ANN001
    """One-day figures of one KPI for one person."""
    from coachdesk.storage.models import KpiDefinition, KpiFigure, Person

    with db.unit_of_work() as s:
        pid = s.scalar(select(Person.id).where(Person.uuid == person_uuid))
        kid = s.scalar(select(KpiDefinition.id).where(KpiDefinition.code == code))
        s.add_all([KpiFigure(person_id=pid, kpi_id=kid, period_start=d, period_end=d, value=v)
                   for d, v in values.items()])


def add_calls(db, person_uuid: str, start: date, ahts: list[float], calls: list[float]) -> None:  # noqa: ANN001
    """AHT and answered contacts on consecutive days from ``start``."""
    days = [start + timedelta(days=n) for n in range(len(ahts))]
    add_figures(db, person_uuid, "AHT", dict(zip(days, ahts, strict=True)))
    add_figures(db, person_uuid, "ANSWERED", dict(zip(days, calls, strict=True)))


def behaviour_uuid(db, code: str) -> str:  # noqa: ANN001
    from coachdesk.storage.models import Behaviour

    with db.session() as s:
        return s.scalar(select(Behaviour.uuid).where(Behaviour.code == code))


def add_ratings(db, person_uuid: str, code: str, day: date, scores: list[float | None]) -> None:  # noqa: ANN001
    """One completed observation session on ``day`` rating behaviour ``code`` once per score."""
    from coachdesk.storage.models import Behaviour, BehaviourRating, ObservationSession, Person

    at = datetime.combine(day, time(10), tzinfo=UTC)
    with db.unit_of_work() as s:
        pid = s.scalar(select(Person.id).where(Person.uuid == person_uuid))
        bid = s.scalar(select(Behaviour.id).where(Behaviour.code == code))
        session = ObservationSession(agent_id=pid, mode=ObservationMode.SIDE_BY_SIDE, started_at=at, ended_at=at,
                                     status=SessionStatus.COMPLETED)
        s.add(session)
        s.flush()
        for n, score in enumerate(scores):
            s.add(BehaviourRating(session_id=session.id, behaviour_id=bid, value=n, label=str(score), score=score,
                                  rated_at=at + timedelta(minutes=n)))
