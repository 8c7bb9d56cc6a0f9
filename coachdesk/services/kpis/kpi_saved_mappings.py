"""Saved column mappings (kept for the next file with the same header): listed on the KPIs page, forgotten there.

Apart from ``kpi_mappings`` (the mapping editor and its file readers), so that the KPIs page reads them without
loading the import machinery.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from coachdesk.domain.enums import AuditAction
from coachdesk.services import common as common_api
from coachdesk.storage.database import Database
from coachdesk.storage.lookup import by_uuid
from coachdesk.storage.models import ImportMapping

#: The shape a saved mapping without one is read as (``importers.mapping.SUMMARY``, not imported for one word).
SUMMARY = "summary"


@dataclass(frozen=True)
class SavedMapping:
    uuid: str
    name: str
    shape: str
    columns: tuple[str, ...]
    preset: str | None
    last_used_at: datetime | None


def list_saved_mappings(db: Database) -> list[SavedMapping]:
    """Mappings kept for files with the same header, most recently used first."""
    with db.session() as session:
        rows = session.scalars(select(ImportMapping).order_by(ImportMapping.last_used_at.desc(),
                                                              ImportMapping.id.desc())).all()
        out = []
        for row in rows:
            try:
                data = json.loads(row.mapping_json)
            except ValueError:
                data = None
            if not isinstance(data, dict):
                data = {}
            columns = data.get("columns")
            out.append(SavedMapping(row.uuid, row.name, str(data.get("shape", SUMMARY)),
                                    tuple(columns) if isinstance(columns, dict) else (), data.get("preset") or None,
                                    row.last_used_at))
        return out


def forget_mapping(db: Database, uuid: str) -> str:
    """Delete a saved mapping (files with its header get a preset or a proposal again); returns its name."""
    with db.unit_of_work() as session:
        row = by_uuid(session, ImportMapping, uuid, "import mapping", message=f"No saved mapping {uuid!r}.")
        name = row.name
        session.delete(row)
        common_api.record(session, AuditAction.DELETE, "import_mapping", uuid, f"Forgot the saved import mapping {name}")
        return name
