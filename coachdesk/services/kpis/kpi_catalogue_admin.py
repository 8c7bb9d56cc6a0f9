"""The KPI catalogue and role KPI sets: list, create and edit KPI definitions; read and replace each role's set.

A definition's unit cannot change once figures are stored in it (they are kept in the unit's base: seconds, 0-1
fractions), a weighted mean names the volume KPI that weights it (a KPI summed over a period), and the display
format must suit the unit. Every write is one unit of work with an audit entry.
"""

from __future__ import annotations

import re

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import Aggregation, AuditAction, Direction, Role, Unit
from coachdesk.domain.errors import NotFound
from coachdesk.domain.kpi_format import format_value
from coachdesk.domain.level_parse import parse_level
from coachdesk.domain.objectives import FieldError
from coachdesk.services import common as common_api
from coachdesk.services.goals import KpiInput, KpiRow
from coachdesk.services.people import check_version, saving
from coachdesk.storage.database import Database
from coachdesk.storage.models import KpiDefinition, KpiFigure, RoleKpi

CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
DURATION_FORMATS = ("m:ss", "h:mm:ss")
PERCENT_FORMATS = ("0%", "0.0%", "0.00%")
NUMBER_FORMATS = ("0", "0.0", "0.00", "0.000")


def formats_for(unit: Unit) -> tuple[str, ...]:
    """The display formats that suit ``unit`` (the first is the usual one)."""
    unit = Unit(unit)
    if unit is Unit.SECONDS:
        return DURATION_FORMATS
    if unit is Unit.PERCENT:
        return PERCENT_FORMATS
    return NUMBER_FORMATS


def _rows(session: Session, kpis: list[KpiDefinition]) -> list[KpiRow]:
    codes = dict(session.execute(select(KpiDefinition.id, KpiDefinition.code)).all())
    counts = dict(session.execute(select(KpiFigure.kpi_id, func.count()).group_by(KpiFigure.kpi_id)).all())
    return [KpiRow(k.uuid, k.version, k.code, k.name, k.description, k.unit, k.direction, k.display_format,
                   k.aggregation, codes.get(k.weight_kpi_id) if k.weight_kpi_id else None, k.band_tolerance,
                   format_value(k.band_tolerance, k.unit, k.display_format) if k.band_tolerance is not None else "",
                   k.is_active, k.sort_order, counts.get(k.id, 0)) for k in kpis]


def list_kpis(db: Database, include_inactive: bool = True) -> list[KpiRow]:
    with db.session() as session:
        query = select(KpiDefinition).order_by(KpiDefinition.sort_order, KpiDefinition.code)
        if not include_inactive:
            query = query.where(KpiDefinition.is_active.is_(True))
        return _rows(session, list(session.scalars(query)))


def kpi_detail(db: Database, code: str) -> KpiRow:
    with db.session() as session:
        return _rows(session, [_get(session, code)])[0]


def _get(session: Session, code: str) -> KpiDefinition:
    kpi = session.scalar(select(KpiDefinition).where(func.upper(KpiDefinition.code) == code.strip().upper()))
    if kpi is None:
        raise NotFound(f"No KPI has the code {code!r}.")
    return kpi


def _apply(session: Session, kpi: KpiDefinition, data: KpiInput) -> None:
    code = "".join((data.code or "").split()).upper()
    if not CODE.match(code):
        raise FieldError("code", "Code: use 1 to 40 capital letters, digits or underscores, starting with a "
                                 f"letter (such as AHT or FCR_7D); {data.code!r} is not one.")
    other = session.scalar(select(KpiDefinition).where(func.upper(KpiDefinition.code) == code,
                                                       KpiDefinition.id != (kpi.id or -1)))
    if other is not None:
        raise FieldError("code", f"Code: {code} is already the code of “{other.name}”.")
    name = " ".join((data.name or "").split())
    if not name:
        raise FieldError("name", "Name: this cannot be empty.")
    if len(name) > 200:
        raise FieldError("name", f"Name: {len(name)} characters is too long (200 at most).")
    unit, direction, aggregation = Unit(data.unit), Direction(data.direction), Aggregation(data.aggregation)
    if kpi.id is not None and kpi.unit is not unit:
        stored = session.scalar(select(func.count()).select_from(KpiFigure).where(KpiFigure.kpi_id == kpi.id))
        if stored:
            raise FieldError("unit", f"Unit: {stored:,} figures of {kpi.code} are stored in {kpi.unit.value}; "
                                     "changing the unit would change what they mean. Create a new KPI instead.")
    fmt = (data.display_format or "").strip() or formats_for(unit)[0]
    if fmt not in formats_for(unit):
        raise FieldError("display_format", f"Display format: {fmt!r} does not suit a {unit.value} KPI; use one of "
                                           f"{', '.join(formats_for(unit))}.")
    weight = None
    if aggregation is Aggregation.WEIGHTED_MEAN:
        if not (data.weight_kpi_code or "").strip():
            raise FieldError("weight_kpi", "Weighted by: a weighted mean needs the volume KPI that weights it "
                                           "(such as ANSWERED for AHT).")
        weight = _get_field(session, data.weight_kpi_code, "weight_kpi", "Weighted by")
        if weight.code == code or (kpi.id is not None and weight.id == kpi.id):
            raise FieldError("weight_kpi", "Weighted by: a KPI cannot weight itself.")
        if weight.aggregation is not Aggregation.SUM:
            raise FieldError("weight_kpi", f"Weighted by: {weight.code} is not a volume (its figures are not "
                                           "summed over a period); choose a count such as ANSWERED.")
    elif (data.weight_kpi_code or "").strip():
        raise FieldError("weight_kpi", f"Weighted by: only a weighted mean is weighted; a {aggregation.value} "
                                       "KPI has no weighting KPI.")
    tolerance = data.band_tolerance
    if isinstance(tolerance, str):
        parsed = parse_level(tolerance, unit, "Band tolerance", "band_tolerance")
        tolerance = parsed.value if parsed else None
    if tolerance is not None and tolerance < 0:
        raise FieldError("band_tolerance", "Band tolerance: it cannot be negative.")
    kpi.code, kpi.name, kpi.unit, kpi.direction, kpi.aggregation = code, name, unit, direction, aggregation
    kpi.display_format, kpi.weight_kpi_id, kpi.band_tolerance = fmt, weight.id if weight else None, tolerance
    kpi.description = (data.description or "").strip() or None
    kpi.is_active = bool(data.is_active)


def _get_field(session: Session, code: str | None, field_name: str, label: str) -> KpiDefinition:
    kpi = session.scalar(select(KpiDefinition).where(func.upper(KpiDefinition.code) == (code or "").strip().upper()))
    if kpi is None:
        raise FieldError(field_name, f"{label}: no KPI has the code {code!r}.")
    return kpi


def create_kpi(db: Database, data: KpiInput) -> KpiRow:
    with saving(), db.unit_of_work() as session:
        kpi = KpiDefinition()
        _apply(session, kpi, data)
        kpi.sort_order = (session.scalar(select(func.max(KpiDefinition.sort_order))) or 0) + 1
        session.add(kpi)
        session.flush()
        common_api.record(session, AuditAction.CREATE, "kpi_definition", kpi.uuid, f"KPI {kpi.code} ({kpi.name}) added")
        code = kpi.code
    return kpi_detail(db, code)


def update_kpi(db: Database, code: str, data: KpiInput, expected_version: int | None = None) -> KpiRow:
    with saving(), db.unit_of_work() as session:
        kpi = _get(session, code)
        if expected_version is not None:
            check_version(kpi.version, expected_version, f"The KPI {kpi.code}")
        old = kpi.code
        _apply(session, kpi, data)
        if old != kpi.code:
            using = session.scalar(select(func.count()).select_from(KpiDefinition)
                                   .where(KpiDefinition.weight_kpi_id == kpi.id))
            summary = f"KPI {old} renamed to {kpi.code}" + (f" ({using} KPIs weighted by it)" if using else "")
        else:
            summary = f"KPI {kpi.code} edited"
        common_api.record(session, AuditAction.UPDATE, "kpi_definition", kpi.uuid, summary)
        new_code = kpi.code
    return kpi_detail(db, new_code)


# -- role KPI sets ------------------------------------------------------------------------------------------------------

def role_kpi_sets(db: Database) -> dict[Role, tuple[str, ...]]:
    """Each role's KPI codes in their order (every role is present, possibly with an empty set)."""
    with db.session() as session:
        rows = session.execute(select(RoleKpi.role, KpiDefinition.code)
                               .join(KpiDefinition, KpiDefinition.id == RoleKpi.kpi_id)
                               .order_by(RoleKpi.role, RoleKpi.sort_order, KpiDefinition.sort_order)).all()
    sets: dict[Role, list[str]] = {role: [] for role in Role}
    for role, code in rows:
        sets[Role(role)].append(code)
    return {role: tuple(codes) for role, codes in sets.items()}


def set_role_kpis(db: Database, role: Role, codes: list[str]) -> tuple[str, ...]:
    """Replace ``role``'s KPI set with ``codes`` in that order; unknown or repeated codes are refused."""
    role = Role(role)
    with saving(), db.unit_of_work() as session:
        kpis = []
        seen = set()
        for code in codes:
            kpi = _get_field(session, code, "kpis", "KPI set")
            if kpi.id in seen:
                raise FieldError("kpis", f"KPI set: {kpi.code} is listed twice.")
            seen.add(kpi.id)
            kpis.append(kpi)
        before = list(session.scalars(select(KpiDefinition.code).join(RoleKpi, RoleKpi.kpi_id == KpiDefinition.id)
                                      .where(RoleKpi.role == role).order_by(RoleKpi.sort_order)))
        session.execute(delete(RoleKpi).where(RoleKpi.role == role))
        session.flush()
        for order, kpi in enumerate(kpis):
            session.add(RoleKpi(role=role, kpi_id=kpi.id, sort_order=order))
        after = [k.code for k in kpis]
        common_api.record(session, AuditAction.UPDATE, "role_kpi", None, f"KPI set of {role.label}: "
                     f"{', '.join(after) or 'none'}", details={"before": before, "after": after})
    return tuple(after)
