"""The default KPI catalogue, role KPI sets and behaviour framework, seeded from ``resources/presets``."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import Aggregation, Direction, Role, Unit
from coachdesk.paths import resource
from coachdesk.storage.database import Database
from coachdesk.storage.models import (
    Behaviour,
    BehaviourCategory,
    BehaviourFramework,
    BehaviourKpiLink,
    KpiDefinition,
    RatingScale,
    RatingScalePoint,
    RoleKpi,
)


def load_preset(name: str) -> dict[str, Any]:
    return json.loads(resource("presets", name).read_text(encoding="utf-8"))


def ensure_defaults(db: Database) -> bool:
    """Seed the catalogue and framework when the database has none; return True when something was added."""
    with db.unit_of_work() as session:
        added = False
        if session.scalar(select(KpiDefinition.id).limit(1)) is None:
            seed_kpi_catalogue(session, load_preset("kpi_catalogue.json"))
            added = True
        if session.scalar(select(BehaviourFramework.id).limit(1)) is None:
            seed_framework(session, load_preset("behaviour_framework.json"))
            added = True
        return added


def seed_kpi_catalogue(session: Session, data: dict[str, Any]) -> dict[str, KpiDefinition]:
    by_code: dict[str, KpiDefinition] = {}
    for order, item in enumerate(data["kpis"]):
        kpi = KpiDefinition(
            code=item["code"], name=item["name"], description=item.get("description"), unit=Unit(item["unit"]),
            direction=Direction(item["direction"]), display_format=item["display_format"],
            aggregation=Aggregation(item["aggregation"]), band_tolerance=item.get("band_tolerance"),
            sort_order=order, scale=item.get("scale"), satisfaction_basis=item.get("satisfaction_basis"),
        )
        session.add(kpi)
        by_code[kpi.code] = kpi
    session.flush()
    for item in data["kpis"]:
        if item.get("weight_kpi"):
            by_code[item["code"]].weight_kpi_id = by_code[item["weight_kpi"]].id
    for role, codes in data.get("role_sets", {}).items():
        for order, code in enumerate(codes):
            session.add(RoleKpi(role=Role(role), kpi_id=by_code[code].id, sort_order=order))
    session.flush()
    return by_code


def seed_framework(session: Session, data: dict[str, Any]) -> BehaviourFramework:
    scales: dict[str, RatingScale] = {}
    for scale_data in data["scales"]:
        scale = RatingScale(name=scale_data["name"])
        session.add(scale)
        session.flush()
        for order, point in enumerate(scale_data["points"]):
            session.add(RatingScalePoint(scale_id=scale.id, value=point["value"], label=point["label"],
                                         key=point["key"], score=point["score"], sort_order=order))
        scales[scale.name] = scale
    default_scale = scales[data["default_scale"]]
    framework = BehaviourFramework(name=data["name"], description=data.get("description"), revision=1,
                                   default_scale_id=default_scale.id)
    session.add(framework)
    session.flush()
    kpis = {k.code: k.id for k in session.scalars(select(KpiDefinition))}
    order = 0
    for cat_order, cat_data in enumerate(data["categories"]):
        category = BehaviourCategory(framework_id=framework.id, name=cat_data["name"], sort_order=cat_order)
        session.add(category)
        session.flush()
        for item in cat_data["behaviours"]:
            scale = scales[item.get("scale", data["default_scale"])]
            behaviour = Behaviour(framework_id=framework.id, category_id=category.id, code=item["code"],
                                  name=item["name"], description=item.get("description"),
                                  what_good_looks_like=item.get("good"), scale_id=scale.id, sort_order=order)
            order += 1
            session.add(behaviour)
            session.flush()
            for code in item.get("kpis", []):
                if code in kpis:
                    session.add(BehaviourKpiLink(behaviour_id=behaviour.id, kpi_id=kpis[code]))
    session.flush()
    return framework
