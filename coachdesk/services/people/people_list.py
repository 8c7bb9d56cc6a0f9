"""One page of a people list at a time: the list's filters, its sort and its counts worked out by the database.

The Agent and People pages show a few dozen rows of an organisation that may hold thousands; they ask for the rows
they show (``people_slice``), sorted as their header says, and for more as the list is scrolled. Every sort ends in
the person's id, so pages that follow one another neither repeat nor skip a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, case, func, literal, select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import Role
from coachdesk.services.people.directory import ROW_COLUMNS, PersonRow, current, filtered, person_rows
from coachdesk.storage.database import Database
from coachdesk.storage.models import Person, PersonRole, Team, TeamMembership

#: the columns a people list sorts by, in the order of the models' columns
NAME, TEAM, ROLES, EMAIL, STATUS = "name", "team", "roles", "email", "status"
PEOPLE_SORTS = (NAME, TEAM, ROLES, EMAIL, STATUS)


@dataclass(frozen=True)
class PeopleQuery:
    """What a people list shows: its filters (as ``list_people`` takes them) and its sort."""

    search: str = ""
    #: people holding one of these roles now (None: any role, or none)
    roles: frozenset[Role] | None = None
    include_inactive: bool = False
    team_uuid: str | None = None
    sort: str = NAME
    descending: bool = False


@dataclass(frozen=True)
class PeopleSlice:
    """Rows ``offset`` to ``offset + len(rows)`` of the list ``query`` gives; ``total`` rows match it in all, of
    ``everyone`` the list holds with no search and every role (its other filters kept)."""

    query: PeopleQuery
    offset: int
    rows: tuple[PersonRow, ...]
    total: int
    everyone: int

    @property
    def end(self) -> int:
        return self.offset + len(self.rows)


def _role_rank(on: date) -> ColumnElement:
    """The person's first current role in ``Role``'s order (len(Role) when they hold none), as the models sort."""
    ranks = case({role.value: number for number, role in enumerate(Role)}, value=PersonRole.role,
                 else_=len(Role))
    first = (select(func.min(ranks)).where(PersonRole.person_id == Person.id,
                                           current(PersonRole.start_date, PersonRole.end_date, on))
             .scalar_subquery())
    return func.coalesce(first, len(Role))


def _team_name(on: date) -> ColumnElement:
    """The team a list shows beside the person (their first current team, members' before leaders'), or NULL."""
    return (select(func.lower(Team.name)).join(TeamMembership, TeamMembership.team_id == Team.id)
            .where(TeamMembership.person_id == Person.id,
                   current(TeamMembership.start_date, TeamMembership.end_date, on))
            .order_by(TeamMembership.role, Team.name).limit(1).scalar_subquery())


def _order(query: PeopleQuery, on: date) -> list[ColumnElement]:
    """The ORDER BY terms: the column's key, then the name, then the id (ascending whatever the direction, as a
    stable sort keeps rows that compare equal in their first order)."""
    active = case((current(Person.active_from, Person.active_to, on), 0), else_=1)
    keys: dict[str, list[ColumnElement]] = {
        NAME: [Person.name_key],
        TEAM: [case((_team_name(on).is_(None), 1), else_=0), func.coalesce(_team_name(on), ""), Person.name_key],
        ROLES: [_role_rank(on), Person.name_key],
        EMAIL: [func.lower(func.coalesce(Person.email, literal("")))],
        STATUS: [active, Person.name_key],
    }
    terms = keys[query.sort if query.sort in keys else NAME]
    return [term.desc() if query.descending else term.asc() for term in terms] + [Person.id.asc()]


def _where(statement: Select, query: PeopleQuery, on: date) -> Select:
    return filtered(statement, on, query.search, query.roles, query.include_inactive, query.team_uuid)


def _count(session: Session, statement: Select) -> int:
    return session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def position(session: Session, query: PeopleQuery, person_uuid: str, on: date) -> int:
    """Where ``person_uuid`` stands in the list (0 first), or -1 when the list does not hold them: counted by the
    database (a window function), no row read."""
    numbered = _where(select(Person.uuid, func.row_number().over(order_by=_order(query, on)).label("n")),
                      query, on).subquery()
    found = session.scalar(select(numbered.c.n).where(numbered.c.uuid == person_uuid))
    return -1 if found is None else int(found) - 1


def people_slice(db: Database, query: PeopleQuery, offset: int = 0, limit: int = 200,
                 reaching: str | None = None, on: date | None = None) -> PeopleSlice:
    """Up to ``limit`` rows of the list from ``offset``, with its counts; with ``reaching``, as many more as it
    takes to hold that person (when the list holds them), so a list can show someone chosen elsewhere."""
    on = on or date.today()
    with db.session() as session:
        if reaching is not None:
            at = position(session, query, reaching, on)
            if at >= offset + limit:
                limit = at + 1 - offset
        page = _where(select(*ROW_COLUMNS), query, on).order_by(*_order(query, on)).offset(offset).limit(limit)
        rows = person_rows(session, list(session.execute(page)), on)
        # a page that is not full ends the list: its rows give the total (a search's count is a second scan)
        ended = len(rows) < limit and (rows or offset == 0)
        total = offset + len(rows) if ended else _count(session, _where(select(Person.id), query, on))
        unfiltered = PeopleQuery(include_inactive=query.include_inactive, team_uuid=query.team_uuid)
        narrowed = bool(query.search.strip()) or query.roles is not None
        everyone = _count(session, _where(select(Person.id), unfiltered, on)) if narrowed else total
        return PeopleSlice(query, offset, tuple(rows), total, everyone)
