"""Progress that computes itself: each objective's current value over its period by the KPI's aggregation rule (or
from observation ratings), distance to target, band, forecast and line of sight.

``list_progress`` is the one function behind the agent, team and Today pages and ``coachdesk objectives list``,
so all of them show the same numbers. The current value covers the figures whose period ends from the start date
to today (or the due date, once passed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, or_, select

from coachdesk.domain import date_words
from coachdesk.domain.enums import Direction, MeasureKind, ObjectiveStatus, Unit
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.kpi_math import DayFigure, aggregate, forecast
from coachdesk.domain.objectives import (
    DUE_SOON_DAYS,
    OPEN_STATUSES,
    Band,
    Levels,
    band,
    distance_to_target,
    on_track,
)
from coachdesk.services.common import while_unchanged
from coachdesk.services.goals.goals import chain
from coachdesk.services.goals.objective_measures import series_for, stored_measure, teams_at
from coachdesk.services.goals.objective_types import GoalLink, Measure, ProgressRow
from coachdesk.services.people import resolve_person
from coachdesk.storage.database import Database
from coachdesk.storage.models import (
    Behaviour,
    Goal,
    KpiDefinition,
    Objective,
    ObjectiveTemplate,
    Person,
    Team,
    TeamMembership,
)


def distance_text(distance: float | None, unit: Unit, display_format: str) -> str:
    """"0:19 to go", "2.0 pts beyond"; percentages differ in percentage points."""
    if distance is None:
        return "–"
    size = abs(distance)
    amount = f"{size * 100:.1f} pts" if Unit(unit) is Unit.PERCENT else format_value(size, unit, display_format)
    if size < 1e-12:
        return "on target"
    return f"{amount} to go" if distance > 0 else f"{amount} beyond"


def find_team(db: Database, text: str) -> tuple[str, str]:
    """A team by UUID or name (case and spacing ignored): (uuid, name)."""
    from coachdesk.domain.errors import NotFound

    key = " ".join(text.split()).casefold()
    with db.session() as session:
        for team in session.scalars(select(Team)):
            if team.uuid == text.strip() or " ".join(team.name.split()).casefold() == key:
                return team.uuid, team.name
        names = ", ".join(session.scalars(select(Team.name).order_by(Team.name)))
    raise NotFound(f"No team is called {text!r} (teams: {names or 'none yet'}).")


def _team_people(session, team_uuid: str, on: date) -> set[int]:  # noqa: ANN001
    team_id = session.scalar(select(Team.id).where(Team.uuid == team_uuid))
    return set(session.scalars(
        select(TeamMembership.person_id).where(
            TeamMembership.team_id == team_id,
            or_(TeamMembership.start_date.is_(None), TeamMembership.start_date <= on),
            or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= on))))


def list_progress(db: Database, agent: str | None = None, team: str | None = None,
                  statuses: Iterable[ObjectiveStatus] | None = OPEN_STATUSES, on: date | None = None,
                  objective_uuids: Iterable[str] | None = None, agent_uuid: str | None = None) -> list[ProgressRow]:
    """Objectives with their progress on ``on`` (default today), by person name and due date.

    ``agent`` is anything ``directory.resolve_person`` accepts (typed text); a caller that knows the person's id
    passes ``agent_uuid`` instead; ``team`` a team name or UUID (its current members and leaders); ``statuses``
    None means every status.
    """
    on = on or date.today()
    person_uuid = agent_uuid or (resolve_person(db, agent).uuid if agent else None)
    team_uuid = find_team(db, team)[0] if team else None
    return _progress(db, on, person_uuid, team_uuid, statuses, objective_uuids)


def _progress(db: Database, on: date, person_uuid: str | None = None, team_uuid: str | None = None,
              statuses: Iterable[ObjectiveStatus] | None = None, objective_uuids: Iterable[str] | None = None,
              where: ColumnElement[bool] | None = None,
              keep: Callable[[Objective, Reading], bool] | None = None) -> list[ProgressRow]:
    """``list_progress`` once names are resolved; ``where`` narrows the objectives read further, and ``keep``, given
    an objective and its reading, which of them get a whole row (the others cost no formatting or goal chain)."""
    with db.session() as session:
        # the objectives' columns as plain rows (attributes named as on ``Objective``): thousands of ORM objects
        # would cost more than the progress itself
        query = (select(Objective.__table__, Person.uuid.label("person_uuid"), Person.display_name.label("person_name"))
                 .join(Person, Person.id == Objective.person_id)
                 .order_by(Person.name_key, Person.id, Objective.due_date, Objective.id))
        if person_uuid:
            query = query.where(Person.uuid == person_uuid)
        if team_uuid:
            query = query.where(Objective.person_id.in_(_team_people(session, team_uuid, on)))
        if statuses is not None:
            query = query.where(Objective.status.in_(list(statuses)))
        if objective_uuids is not None:
            query = query.where(Objective.uuid.in_(list(objective_uuids)))
        if where is not None:
            query = query.where(where)
        rows = session.execute(query).all()
        series = _series(session, rows, on)
        teams = dict(session.execute(select(Team.id, Team.name)).all())
        templates = dict(session.execute(select(ObjectiveTemplate.id, ObjectiveTemplate.uuid)).all())
        team_ids = teams_at(session, {o.person_id for o in rows}, on)
        # every goal in one read, held here: ``chain`` then finds them in the session's identity map (weak references)
        held = list(session.scalars(select(Goal))) if any(o.goal_id is not None for o in rows) else []
        chains: dict[int | None, tuple[GoalLink, ...]] = {None: ()}
        measures: dict[tuple[int | None, int | None], Measure | None] = {}
        out = []
        for o in rows:
            uuid, name = o.person_uuid, o.person_name
            key = (o.kpi_id, o.behaviour_id)
            if key not in measures:
                measures[key] = stored_measure(session, o.kpi_id, o.behaviour_id)
            measure = measures[key]
            figures = series.get((key, o.person_id), [])
            reading = None
            if keep is not None:
                reading = read_progress(o, measure, figures, on)
                if not keep(o, reading):
                    continue
            if o.goal_id not in chains:
                chains[o.goal_id] = chain(session, o.goal_id)
            out.append(progress_row(o, uuid, name, teams.get(team_ids.get(o.person_id, -1)), measure, figures, chains[o.goal_id],
                                    templates.get(o.template_id) if o.template_id else None, on, reading))
        del held
        return out


def _series(session, objectives: list[Objective], on: date) -> dict:  # noqa: ANN001
    """Figures (or rating shares) per ((kpi_id, behaviour_id), person_id), over each measure's widest period."""
    groups: dict[tuple[int | None, int | None], list[Objective]] = defaultdict(list)
    for o in objectives:
        groups[(o.kpi_id, o.behaviour_id)].append(o)
    out: dict = {}
    for (kpi_id, behaviour_id), items in groups.items():
        source = session.get(KpiDefinition, kpi_id) if kpi_id else session.get(Behaviour, behaviour_id) \
            if behaviour_id else None
        if source is None:
            continue
        first = min(o.start_date for o in items)
        last = min(max(o.due_date for o in items), on)
        for pid, figures in series_for(session, {o.person_id for o in items}, source, first, last).items():
            out[((kpi_id, behaviour_id), pid)] = figures
    return out


@dataclass(frozen=True)
class Reading:
    """What an objective's figures say on a day: its current value and band, and the forecast at the due date."""

    current: float | None
    days: int
    note: str
    band: Band | None
    forecast: float | None
    forecast_band: Band | None

    def off_track(self, status: ObjectiveStatus) -> bool:
        """Agreed, measured, and heading below (or far below now, where too few days give no forecast)."""
        return status is ObjectiveStatus.AGREED and self.current is not None and (
            self.forecast_band in (Band.BELOW, Band.FAR_BELOW)
            or (self.forecast_band is None and self.band is Band.FAR_BELOW))


def read_progress(o: Objective, measure: Measure | None, figures: list[DayFigure], on: date) -> Reading:
    """The objective's current value, band and forecast from its measure's figures (its own period kept); ``o`` is an
    ``Objective`` or a row of its columns."""
    unit = measure.unit if measure else Unit.SCORE
    direction = measure.direction if measure else Direction.HIGHER_IS_BETTER
    end = min(on, o.due_date)
    inside = [f for f in figures if o.start_date <= f.day <= end]
    current = band_now = fc = fc_band = None
    note = ""
    days = 0
    levels = Levels(o.commit_level, o.target_level, o.stretch_level)
    tolerance = measure.tolerance if measure else 0.0
    if measure is None:
        note = "The objective's measure is no longer in the database."
    elif on < o.start_date:
        note = f"Starts on {date_words.date_words(o.start_date)}."
    else:
        result = aggregate(inside, measure.aggregation)
        current, days = result.value, result.days
        if current is None:
            note = "No figures yet." if measure.kind is MeasureKind.KPI else "No ratings yet."
        elif result.unweighted:
            note = "No volume figures to weight by: a plain mean of the figures."
        far = measure.far_gap(o.target_level)  # "far below" is scaled to the KPI (a 1-5 rating, a share...)
        band_now = band(current, levels, direction, tolerance, o.baseline, far)
        projection = forecast(inside, measure.aggregation, o.start_date, o.due_date, on, unit,
                              so_far=(inside, result))  # the same figures and value: not computed twice
        if projection is not None:
            fc = projection.value
            fc_band = band(fc, levels, direction, tolerance, o.baseline, far)
    return Reading(current, days, note, band_now, fc, fc_band)


def progress_row(o: Objective, person_uuid: str, person_name: str, team_name: str | None, measure: Measure | None,
                 figures: list[DayFigure], links: tuple[GoalLink, ...], template_uuid: str | None,
                 on: date, reading: Reading | None = None) -> ProgressRow:
    """One objective's progress from its figures (the whole measure series; this keeps its own period);
    ``reading`` is ``read_progress`` of the same, when the caller has it already."""
    unit = measure.unit if measure else Unit.SCORE
    direction = measure.direction if measure else Direction.HIGHER_IS_BETTER
    fmt = measure.display_format if measure else ""
    reading = reading or read_progress(o, measure, figures, on)
    current, days, note = reading.current, reading.days, reading.note
    band_now, fc, fc_band = reading.band, reading.forecast, reading.forecast_band
    distance = distance_to_target(current, o.target_level, direction)
    is_open = o.status in OPEN_STATUSES
    due_in = (o.due_date - on).days
    off = reading.off_track(o.status)

    def show(value: float | None) -> str:
        return format_value(value, unit, fmt)

    return ProgressRow(
        uuid=o.uuid, person_uuid=person_uuid, person_name=person_name, team_name=team_name, statement=o.statement,
        measure_kind=o.measure_kind, measure_code=measure.code if measure else "",
        measure_name=measure.name if measure else "", unit=unit, direction=direction, display_format=fmt,
        status=o.status, start_date=o.start_date, due_date=o.due_date, weight=o.weight, template_uuid=template_uuid,
        line_of_sight=links, baseline=o.baseline, commit=o.commit_level, target=o.target_level,
        stretch=o.stretch_level, current=current, distance=distance, band=band_now, forecast=fc,
        forecast_band=fc_band, on_track=on_track(fc_band) if is_open else None, days_with_data=days,
        baseline_text=show(o.baseline), commit_text=show(o.commit_level), target_text=show(o.target_level),
        stretch_text=show(o.stretch_level), current_text=show(current),
        distance_text=distance_text(distance, unit, fmt), forecast_text=show(fc), note=note, off_track=off,
        due_soon=is_open and 0 <= due_in <= DUE_SOON_DAYS)


# -- views built on list_progress ---------------------------------------------------------------------------------------

def needing_attention(db: Database, on: date | None = None) -> list[ProgressRow]:
    """Open objectives due within ``DUE_SOON_DAYS`` and agreed ones off track, soonest due first.

    Only the objectives that can be either are read and computed (the same rows as filtering ``list_progress``):
    an open one due from ``on`` to ``DUE_SOON_DAYS`` later, or an agreed one that has started (one not started
    yet has no current value, and off track needs one). Drafts, closed objectives and agreed ones still to start
    cost nothing however many there are. While nothing is committed to the database, the last read's rows for the
    same day are given again (``common.while_unchanged``): Today opened again reads nothing.
    """
    on = on or date.today()
    return list(while_unchanged(db, "goals.needing_attention", on, lambda: tuple(_needing_attention(db, on))))


def _needing_attention(db: Database, on: date) -> list[ProgressRow]:
    """``needing_attention`` read afresh."""
    can_be = or_(and_(Objective.status.in_(list(OPEN_STATUSES)), Objective.due_date >= on,
                      Objective.due_date <= on + timedelta(days=DUE_SOON_DAYS)),
                 and_(Objective.status == ObjectiveStatus.AGREED, Objective.start_date <= on))

    def needs(o: Objective, reading: Reading) -> bool:
        return (o.status in OPEN_STATUSES and 0 <= (o.due_date - on).days <= DUE_SOON_DAYS) or \
            reading.off_track(o.status)

    rows = [r for r in _progress(db, on, where=can_be, keep=needs) if r.due_soon or r.off_track]
    return sorted(rows, key=lambda r: (r.due_date, r.person_name))


@dataclass(frozen=True)
class MatrixRow:
    person_uuid: str
    person_name: str
    #: one cell per column: the person's objective on that measure, or None
    cells: tuple[ProgressRow | None, ...]


@dataclass(frozen=True)
class TeamMatrix:
    team_name: str
    #: measure codes (KPI codes, behaviour codes), in the order the team's objectives use them most
    columns: tuple[str, ...]
    column_names: tuple[str, ...]
    rows: tuple[MatrixRow, ...]


def team_matrix(db: Database, team: str, on: date | None = None) -> TeamMatrix:
    """Agents x objectives of one team: the team's open objectives, one column per measure."""
    team_uuid, team_name = find_team(db, team)
    rows = list_progress(db, team=team_uuid, on=on)
    counts: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for r in rows:
        counts[r.measure_code] += 1
        names[r.measure_code] = r.measure_name
    columns = tuple(sorted(counts, key=lambda c: (-counts[c], c)))
    people: dict[str, dict[str, ProgressRow]] = {}
    order: dict[str, str] = {}
    for r in rows:
        cells = people.setdefault(r.person_uuid, {})
        order[r.person_uuid] = r.person_name
        if r.measure_code not in cells or cells[r.measure_code].due_date < r.due_date:
            cells[r.measure_code] = r
    matrix = tuple(MatrixRow(uuid, order[uuid], tuple(people[uuid].get(c) for c in columns))
                   for uuid in sorted(people, key=lambda u: order[u].casefold()))
    return TeamMatrix(team_name, columns, tuple(names[c] for c in columns), matrix)
