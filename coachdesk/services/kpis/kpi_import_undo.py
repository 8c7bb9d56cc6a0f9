"""Undoing what a KPI import batch added besides figures: people, aliases, external ids and KPIs it created.

Each is removed unless something else now refers to it (a later import's figures, an observation, a goal...); what
stays is named with the reason, so that an undo never deletes someone's work and never leaves silent leftovers.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction
from coachdesk.services import common as common_api
from coachdesk.storage.models import KpiDefinition, Person, PersonAlias, PersonExternalId
from coachdesk.storage.models.base import Base

#: Tables that belong to a person's own identity: they go with the person and do not count as "used elsewhere".
_OWN = {"person": ("person_alias", "person_external_id", "person_role"), "kpi_definition": ()}
#: Tables that only record history: a reference from them does not keep a record alive.
_HISTORY = frozenset({"audit_log"})


def _references(session: Session, table: str, record_id: int) -> list[tuple[str, int]]:
    """(table, rows) of every other table whose foreign keys point at ``table``'s row ``record_id``."""
    out = []
    for other in Base.metadata.sorted_tables:
        if other.name in _OWN.get(table, ()) or other.name in _HISTORY:
            continue
        for fk in other.foreign_keys:
            if fk.column.table.name != table or (other.name == table and fk.parent.name == "weight_kpi_id"):
                continue
            count = session.scalar(select(func.count()).select_from(other).where(fk.parent == record_id))
            if count:
                out.append((other.name, count))
    return out


def _why(refs: list[tuple[str, int]]) -> str:
    words = ", ".join(f"{count:,} {table.replace('_', ' ')} row{'s' if count != 1 else ''}" for table, count in refs)
    return f"still referred to by {words}"


def remove_added(session: Session, added: dict, batch_uuid: str) -> tuple[list[str], list[str]]:
    """Remove the people, aliases, external ids and KPIs an import batch created (``added`` from its report), each
    unless something else refers to it; returns (removed, kept) as lines for the user."""
    removed: list[str] = []
    kept: list[str] = []
    for alias_id in added.get("aliases", []):
        alias = session.get(PersonAlias, alias_id)
        if alias is not None:
            removed.append(f"the alias {alias.alias!r} of {alias.person.display_name}")
            session.delete(alias)
    for ext_id in added.get("external_ids", []):
        external = session.get(PersonExternalId, ext_id)
        if external is not None:
            removed.append(f"the {external.system} id {external.value!r} of {external.person.display_name}")
            session.delete(external)
    session.flush()
    for uuid in added.get("people", []):
        person = session.scalar(select(Person).where(Person.uuid == uuid))
        if person is None:
            continue
        refs = _references(session, "person", person.id)
        if refs:
            kept.append(f"the person {person.display_name}: {_why(refs)}")
            continue
        removed.append(f"the person {person.display_name}, whom the import created")
        common_api.record(session, AuditAction.DELETE, "person", person.uuid,
                     f"Removed {person.display_name} with the undo of import batch {batch_uuid}")
        session.delete(person)
    session.flush()
    for code in added.get("kpis", []):
        kpi = session.scalar(select(KpiDefinition).where(KpiDefinition.code == code))
        if kpi is None:
            continue
        refs = _references(session, "kpi_definition", kpi.id)
        if refs:
            kept.append(f"the KPI {code} ({kpi.name}): {_why(refs)}")
            continue
        removed.append(f"the KPI {code} ({kpi.name}), which the import created")
        session.delete(kpi)
    session.flush()
    return removed, kept
