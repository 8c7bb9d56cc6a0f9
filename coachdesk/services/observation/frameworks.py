"""Behaviour frameworks: the checklist the Observe page shows, and the editor's read and save (with revisions).

Saving a framework that has ratings or sessions makes a new revision (``previous_id`` points back, the old one
is retired): past ratings keep their behaviours, scale and meaning. A framework nobody has used yet is edited in
place. A scale whose points change gets a new row whenever another framework still uses the old one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.domain.observation_rules import ScalePoint, check_scale
from coachdesk.services import common as common_api
from coachdesk.services.observation.observation_types import BehaviourItem, FrameworkView, Scale
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import (
    Behaviour,
    BehaviourCategory,
    BehaviourFramework,
    BehaviourKpiLink,
    BehaviourRating,
    KpiDefinition,
    ObservationSession,
    RatingScale,
    RatingScalePoint,
)

MAX_CODE_LENGTH = 40


# -- the checklist ----------------------------------------------------------------------------------------------------
def _scales(session: Session, ids: set[int]) -> dict[int, Scale]:
    names = dict(session.execute(select(RatingScale.id, RatingScale.name).where(RatingScale.id.in_(ids))).all())
    points: dict[int, list[ScalePoint]] = {i: [] for i in names}
    rows = session.execute(select(RatingScalePoint).where(RatingScalePoint.scale_id.in_(ids))
                           .order_by(RatingScalePoint.scale_id, RatingScalePoint.sort_order)).scalars()
    for p in rows:
        points[p.scale_id].append(ScalePoint(p.value, p.label, p.key, p.score))
    return {i: Scale(i, names[i], tuple(points[i])) for i in names}


def load_view(session: Session, framework_id: int) -> FrameworkView:
    fw = session.get(BehaviourFramework, framework_id)
    if fw is None:
        raise NotFound("That behaviour framework is no longer in the database.")
    categories = dict(session.execute(select(BehaviourCategory.id, BehaviourCategory.name)
                                      .where(BehaviourCategory.framework_id == fw.id)).all())
    order = dict(session.execute(select(BehaviourCategory.id, BehaviourCategory.sort_order)
                                 .where(BehaviourCategory.framework_id == fw.id)).all())
    behaviours = list(session.scalars(select(Behaviour).where(Behaviour.framework_id == fw.id)))
    behaviours.sort(key=lambda b: (order.get(b.category_id, 1 << 30), b.sort_order, b.id))
    scale_ids = {b.scale_id or fw.default_scale_id for b in behaviours} - {None}
    scales = _scales(session, scale_ids)  # type: ignore[arg-type]
    items = []
    for number, b in enumerate(behaviours, start=1):
        scale = scales.get(b.scale_id or fw.default_scale_id)  # type: ignore[arg-type]
        if scale is None:
            continue
        items.append(BehaviourItem(b.id, b.code, b.name, categories.get(b.category_id, ""), b.description or "",
                                   b.what_good_looks_like or "", scale, number))
    return FrameworkView(fw.uuid, fw.name, fw.revision, tuple(items))


def active_framework_id(session: Session, uuid: str | None = None) -> int:
    if uuid is not None:
        fid = session.scalar(select(BehaviourFramework.id).where(BehaviourFramework.uuid == uuid))
    else:
        fid = session.scalar(select(BehaviourFramework.id).where(BehaviourFramework.is_active.is_(True))
                             .order_by(BehaviourFramework.id.desc()).limit(1))
    if fid is None:
        raise NotFound("There is no behaviour framework yet: create one in the framework editor.")
    return fid


def framework_view(db: Database, uuid: str | None = None) -> FrameworkView:
    """The checklist of framework ``uuid``, or of the current (newest active) framework."""
    with db.session() as session:
        return load_view(session, active_framework_id(session, uuid))


@dataclass(frozen=True)
class FrameworkSummary:
    uuid: str
    name: str
    revision: int
    is_active: bool
    behaviours: int
    in_use: bool
    previous_uuid: str | None = None


def _in_use(session: Session, framework_id: int) -> bool:
    rated = session.scalar(select(exists().where(
        BehaviourRating.behaviour_id == Behaviour.id, Behaviour.framework_id == framework_id)))
    observed = session.scalar(select(exists().where(ObservationSession.framework_id == framework_id)))
    return bool(rated or observed)


def _summary(session: Session, fw: BehaviourFramework) -> FrameworkSummary:
    count = session.scalar(select(func.count()).select_from(Behaviour).where(Behaviour.framework_id == fw.id)) or 0
    previous = session.get(BehaviourFramework, fw.previous_id) if fw.previous_id else None
    return FrameworkSummary(fw.uuid, fw.name, fw.revision, fw.is_active, count, _in_use(session, fw.id),
                            previous.uuid if previous else None)


def list_frameworks(db: Database, include_retired: bool = False) -> list[FrameworkSummary]:
    with db.session() as session:
        query = select(BehaviourFramework).order_by(BehaviourFramework.name, BehaviourFramework.revision.desc())
        if not include_retired:
            query = query.where(BehaviourFramework.is_active.is_(True))
        return [_summary(session, fw) for fw in session.scalars(query)]


# -- the editor -------------------------------------------------------------------------------------------------------
@dataclass
class ScaleEdit:
    name: str
    points: list[ScalePoint] = field(default_factory=list)
    id: int | None = None


@dataclass
class BehaviourEdit:
    code: str
    name: str
    description: str = ""
    good: str = ""
    scale: str = ""  # a scale name of the edit; empty = the framework's default scale
    kpis: list[str] = field(default_factory=list)
    id: int | None = None


@dataclass
class CategoryEdit:
    name: str
    behaviours: list[BehaviourEdit] = field(default_factory=list)
    id: int | None = None


@dataclass
class FrameworkEdit:
    """The editor's working copy of a framework (mutable on purpose: it is the form's state)."""

    name: str
    description: str = ""
    default_scale: str = ""
    scales: list[ScaleEdit] = field(default_factory=list)
    categories: list[CategoryEdit] = field(default_factory=list)
    uuid: str | None = None
    revision: int = 1
    in_use: bool = False


@dataclass(frozen=True)
class KpiChoice:
    code: str
    name: str


def kpi_choices(db: Database) -> list[KpiChoice]:
    with db.session() as session:
        rows = session.execute(select(KpiDefinition.code, KpiDefinition.name).where(KpiDefinition.is_active.is_(True))
                               .order_by(KpiDefinition.sort_order, KpiDefinition.code)).all()
        return [KpiChoice(code, name) for code, name in rows]


def framework_edit(db: Database, uuid: str | None = None) -> FrameworkEdit:
    """A working copy of framework ``uuid`` (default: the current one) for the editor."""
    with db.session() as session:
        fw = session.get(BehaviourFramework, active_framework_id(session, uuid))
        assert fw is not None
        behaviours = list(session.scalars(select(Behaviour).where(Behaviour.framework_id == fw.id)
                                          .order_by(Behaviour.sort_order, Behaviour.id)))
        scale_ids = {b.scale_id for b in behaviours if b.scale_id} | ({fw.default_scale_id} - {None})
        scales = _scales(session, scale_ids)  # type: ignore[arg-type]
        kpis: dict[int, list[str]] = {}
        for bid, code in session.execute(select(BehaviourKpiLink.behaviour_id, KpiDefinition.code)
                                         .join(KpiDefinition, KpiDefinition.id == BehaviourKpiLink.kpi_id)
                                         .where(BehaviourKpiLink.behaviour_id.in_([b.id for b in behaviours]))
                                         .order_by(BehaviourKpiLink.id)):
            kpis.setdefault(bid, []).append(code)
        categories = [CategoryEdit(c.name, [], c.id) for c in session.scalars(
            select(BehaviourCategory).where(BehaviourCategory.framework_id == fw.id)
            .order_by(BehaviourCategory.sort_order, BehaviourCategory.id))]
        by_id = {c.id: c for c in categories}
        for b in behaviours:
            scale = scales.get(b.scale_id) if b.scale_id else None  # type: ignore[arg-type]
            edit = BehaviourEdit(b.code, b.name, b.description or "", b.what_good_looks_like or "",
                                 scale.name if scale else "", kpis.get(b.id, []), b.id)
            if b.category_id not in by_id:
                by_id[b.category_id] = CategoryEdit("", [], b.category_id)  # type: ignore[index]
                categories.append(by_id[b.category_id])  # type: ignore[index]
            by_id[b.category_id].behaviours.append(edit)  # type: ignore[index]
        default = scales.get(fw.default_scale_id) if fw.default_scale_id else None  # type: ignore[arg-type]
        return FrameworkEdit(fw.name, fw.description or "", default.name if default else "",
                             [ScaleEdit(s.name, list(s.points), s.id) for s in scales.values()],
                             categories, fw.uuid, fw.revision, _in_use(session, fw.id))


def validate_edit(edit: FrameworkEdit, known_kpis: set[str]) -> None:
    if not edit.name.strip():
        raise ValidationError("The framework needs a name.")
    names = [s.name.strip().casefold() for s in edit.scales]
    if len(set(names)) != len(names):
        raise ValidationError("Two rating scales have the same name.")
    for scale in edit.scales:
        check_scale(scale.name, scale.points)
    scale_names = {s.name for s in edit.scales}
    if edit.default_scale not in scale_names:
        raise ValidationError("Choose the framework's default rating scale.")
    codes: set[str] = set()
    count = 0
    for category in edit.categories:
        if not category.name.strip():
            raise ValidationError("Every category needs a name.")
        for b in category.behaviours:
            count += 1
            code = b.code.strip()
            if not code or len(code) > MAX_CODE_LENGTH:
                raise ValidationError(f"The behaviour {b.name or '(unnamed)'!r} needs a short code (at most "
                                      f"{MAX_CODE_LENGTH} characters).")
            if code.casefold() in codes:
                raise ValidationError(f"Two behaviours use the code {code!r}.")
            codes.add(code.casefold())
            if not b.name.strip():
                raise ValidationError(f"The behaviour {code!r} needs a name.")
            if b.scale and b.scale not in scale_names:
                raise ValidationError(f"The behaviour {b.name!r} uses an unknown scale {b.scale!r}.")
            unknown = [k for k in b.kpis if k not in known_kpis]
            if unknown:
                raise ValidationError(f"The behaviour {b.name!r} links unknown KPIs: {', '.join(unknown)}.")
    if count == 0:
        raise ValidationError("A framework needs at least one behaviour.")


def _points_of(session: Session, scale_id: int) -> tuple[ScalePoint, ...]:
    return tuple(ScalePoint(p.value, p.label, p.key, p.score) for p in session.scalars(
        select(RatingScalePoint).where(RatingScalePoint.scale_id == scale_id).order_by(RatingScalePoint.sort_order)))


def _new_scale(session: Session, edit: ScaleEdit) -> int:
    scale = RatingScale(name=edit.name.strip())
    session.add(scale)
    session.flush()
    for order, p in enumerate(edit.points):
        session.add(RatingScalePoint(scale_id=scale.id, value=p.value, label=p.label.strip(), key=p.key,
                                     score=p.score, sort_order=order))
    return scale.id


def _scale_used_elsewhere(session: Session, scale_id: int, framework_id: int | None) -> bool:
    other = select(Behaviour.id).where(Behaviour.scale_id == scale_id)
    if framework_id is not None:
        other = other.where(Behaviour.framework_id != framework_id)
    rated = select(BehaviourRating.id).join(Behaviour, Behaviour.id == BehaviourRating.behaviour_id).where(
        Behaviour.scale_id == scale_id)
    return session.scalar(select(exists(other))) or session.scalar(select(exists(rated))) or False


def _save_scales(session: Session, edit: FrameworkEdit, framework_id: int | None) -> dict[str, int]:
    """Scale name -> scale id: unchanged scales are reused, changed ones edited in place only when no other
    framework and no rating uses them, otherwise created anew."""
    ids: dict[str, int] = {}
    for scale in edit.scales:
        sid = scale.id
        if sid is not None and session.get(RatingScale, sid) is not None:
            unchanged = _points_of(session, sid) == tuple(scale.points)
            row = session.get(RatingScale, sid)
            if unchanged and row.name == scale.name.strip():  # type: ignore[union-attr]
                ids[scale.name] = sid
                continue
            if framework_id is not None and not _scale_used_elsewhere(session, sid, framework_id):
                row.name = scale.name.strip()  # type: ignore[union-attr]
                for p in session.scalars(select(RatingScalePoint).where(RatingScalePoint.scale_id == sid)):
                    session.delete(p)
                session.flush()
                for order, p in enumerate(scale.points):
                    session.add(RatingScalePoint(scale_id=sid, value=p.value, label=p.label.strip(), key=p.key,
                                                 score=p.score, sort_order=order))
                ids[scale.name] = sid
                continue
        ids[scale.name] = _new_scale(session, scale)
    session.flush()
    return ids


def _write_tree(session: Session, fw: BehaviourFramework, edit: FrameworkEdit, scales: dict[str, int],
                in_place: bool) -> None:
    kpis = dict(session.execute(select(KpiDefinition.code, KpiDefinition.id)).all())
    kept_categories, kept_behaviours = set(), set()
    order = 0
    for cat_order, c in enumerate(edit.categories):
        category = session.get(BehaviourCategory, c.id) if in_place and c.id else None
        if category is None or category.framework_id != fw.id:
            category = BehaviourCategory(framework_id=fw.id)
            session.add(category)
        category.name, category.sort_order = c.name.strip(), cat_order
        session.flush()
        kept_categories.add(category.id)
        for b in c.behaviours:
            behaviour = session.get(Behaviour, b.id) if in_place and b.id else None
            if behaviour is None or behaviour.framework_id != fw.id:
                behaviour = Behaviour(framework_id=fw.id)
                session.add(behaviour)
            behaviour.category_id, behaviour.code, behaviour.name = category.id, b.code.strip(), b.name.strip()
            behaviour.description, behaviour.what_good_looks_like = b.description or None, b.good or None
            behaviour.scale_id, behaviour.sort_order = scales[b.scale or edit.default_scale], order
            order += 1
            session.flush()
            kept_behaviours.add(behaviour.id)
            wanted = [kpis[k] for k in dict.fromkeys(b.kpis)]
            for link in session.scalars(select(BehaviourKpiLink).where(BehaviourKpiLink.behaviour_id == behaviour.id)):
                if link.kpi_id not in wanted:
                    session.delete(link)
                else:
                    wanted.remove(link.kpi_id)
            for kpi_id in wanted:
                session.add(BehaviourKpiLink(behaviour_id=behaviour.id, kpi_id=kpi_id))
    if in_place:
        for behaviour in session.scalars(select(Behaviour).where(Behaviour.framework_id == fw.id)):
            if behaviour.id not in kept_behaviours:
                session.delete(behaviour)
        for category in session.scalars(select(BehaviourCategory).where(BehaviourCategory.framework_id == fw.id)):
            if category.id not in kept_categories:
                session.delete(category)
    session.flush()


def save_framework(db: Database, edit: FrameworkEdit) -> FrameworkSummary:
    """Save the editor's copy: in place when the framework was never used, else as a new revision."""
    with db.unit_of_work() as session:
        validate_edit(edit, set(session.scalars(select(KpiDefinition.code))))
        name = edit.name.strip()
        old = by_uuid(session, BehaviourFramework, edit.uuid, "behaviour framework") if edit.uuid else None
        if old is not None and not old.is_active:
            raise ValidationError("This is a retired revision of the framework: edit its current revision.")
        in_place = old is not None and not _in_use(session, old.id)
        revision = old.revision + 1 if old is not None and not in_place else old.revision if old else 1
        clash = select(BehaviourFramework.id).where(BehaviourFramework.name == name,
                                                    BehaviourFramework.revision == revision)
        if in_place:
            clash = clash.where(BehaviourFramework.id != old.id)  # type: ignore[union-attr]
        if session.scalar(clash) is not None:
            raise ValidationError(f"A framework named {name!r} already has a revision {revision}: choose another "
                                  "name.")
        scales = _save_scales(session, edit, old.id if in_place else None)  # type: ignore[union-attr]
        if in_place:
            fw = old
        else:
            fw = BehaviourFramework(revision=revision, previous_id=old.id if old else None, is_active=True)
            session.add(fw)
            if old is not None:
                old.is_active = False
        fw.name, fw.description = name, edit.description or None  # type: ignore[union-attr]
        fw.default_scale_id = scales[edit.default_scale]  # type: ignore[union-attr]
        session.flush()
        _write_tree(session, fw, edit, scales, in_place)  # type: ignore[arg-type]
        what = "edited" if in_place else f"saved as revision {revision}"
        common_api.record(session, AuditAction.UPDATE if old else AuditAction.CREATE, "behaviour_framework",
                     fw.uuid, f"Behaviour framework {name!r} {what}")  # type: ignore[union-attr]
        session.flush()
        return _summary(session, fw)  # type: ignore[arg-type]
