"""A team for the calendar tests: a leader with an e-mail, agents on a fortnightly rhythm, one who has left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from coachdesk.domain.enums import MembershipRole, Role
from coachdesk.domain.text import name_key

LONDON = ZoneInfo("Europe/London")
#: Monday 4 March 2030, 08:00 in London: every test's "now"
NOW = datetime(2030, 3, 4, 8, 0, tzinfo=LONDON)


@dataclass(frozen=True)
class Crew:
    team: str
    leader: str
    agents: tuple[str, ...]
    leaver: str


def seed_crew(db, agents: int = 6, zone: str = "Europe/London") -> Crew:  # noqa: ANN001
    from coachdesk.services.calendar import CalendarSettings, save_calendar_settings
    from coachdesk.storage.models import Person, PersonRole, Team, TeamMembership

    def person(s, name: str, role: Role, **kw) -> Person:  # noqa: ANN001
        p = Person(display_name=name, name_key=name_key(name), email=f"{name.split()[0].lower()}@example.com", **kw)
        p.roles.append(PersonRole(role=role))
        s.add(p)
        return p

    with db.unit_of_work() as s:
        team = Team(name="Billing", one_to_one_cadence_days=14)
        s.add(team)
        leader = person(s, "Laura Bennett", Role.TEAM_LEADER)
        people = [person(s, f"Agent{i:02d} Smith", Role.AGENT) for i in range(agents)]
        leaver = person(s, "Lenny Gone", Role.AGENT, active_to=date(2030, 3, 8))
        s.flush()
        s.add(TeamMembership(person_id=leader.id, team_id=team.id, role=MembershipRole.LEADER))
        s.add_all([TeamMembership(person_id=p.id, team_id=team.id) for p in [*people, leaver]])
        s.flush()
        crew = Crew(team.uuid, leader.uuid, tuple(p.uuid for p in people), leaver.uuid)
    save_calendar_settings(db, CalendarSettings(time_zone=zone))
    return crew


def snapshot(db) -> tuple:  # noqa: ANN001
    from sqlalchemy import func, select

    from coachdesk.storage.models import AuditEntry, OneToOne, PlannedObservation

    with db.session() as s:
        return (s.execute(select(OneToOne.uuid, OneToOne.scheduled_for, OneToOne.duration_minutes,
                                 OneToOne.calendar_sequence, OneToOne.version).order_by(OneToOne.id)).all(),
                s.execute(select(PlannedObservation.uuid, PlannedObservation.planned_for)).all(),
                s.scalar(select(func.count()).select_from(AuditEntry)))
