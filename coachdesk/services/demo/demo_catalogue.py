"""The catalogue a demo builds on: the database's KPIs, active behaviours with their scales, and KPI links."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from coachdesk.domain import demo_model as dm
from coachdesk.storage.models import (
    Behaviour,
    BehaviourFramework,
    BehaviourKpiLink,
    KpiDefinition,
    RatingScale,
    RatingScalePoint,
)


@dataclass
class Catalogue:
    """The KPIs and behaviours the demo rates and measures, read from the database's catalogue."""

    kpis: dict[str, int]
    framework_id: int | None
    #: behaviour id, code, name, scale name, nearest-point table, N/A point
    behaviours: list[tuple[int, str, str, str | None, list, tuple | None]]
    links: dict[str, list[str]]  # behaviour code -> coachable KPI codes it should move


def load_catalogue(conn: Connection) -> Catalogue:
    kpis = {code: kid for code, kid in conn.execute(select(KpiDefinition.code, KpiDefinition.id))}
    framework_id = conn.scalar(select(BehaviourFramework.id).where(BehaviourFramework.is_active.is_(True))
                               .order_by(BehaviourFramework.id).limit(1))
    points: dict[int, list] = {}
    for scale_id, *point in conn.execute(select(RatingScalePoint.scale_id, RatingScalePoint.value,
                                                RatingScalePoint.label, RatingScalePoint.score)
                                         .order_by(RatingScalePoint.sort_order, RatingScalePoint.id)):
        points.setdefault(scale_id, []).append(tuple(point))
    names = dict(conn.execute(select(RatingScale.id, RatingScale.name)).all())
    behaviours = []
    for bid, code, name, scale in conn.execute(select(Behaviour.id, Behaviour.code, Behaviour.name, Behaviour.scale_id)
                                               .where(Behaviour.framework_id == framework_id)
                                               .order_by(Behaviour.sort_order, Behaviour.id)):
        scale = scale if scale in points else min(points, default=None)
        if scale is not None:
            behaviours.append((bid, code, name, names.get(scale), *dm.rating_lookup(points[scale])))
    codes, by_id = {kid: code for code, kid in kpis.items()}, {b[0]: b[1] for b in behaviours}
    links: dict[str, list[str]] = {}
    for bid, kid in conn.execute(select(BehaviourKpiLink.behaviour_id, BehaviourKpiLink.kpi_id)
                                 .order_by(BehaviourKpiLink.id)):
        if bid in by_id and codes.get(kid) in dm.COACHABLE:
            links.setdefault(by_id[bid], []).append(codes[kid])
    return Catalogue(kpis, framework_id, [b for b in behaviours if b[4]], links)
