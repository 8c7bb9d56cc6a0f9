"""Write entries to the audit log: what happened to which record, when and by whom."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction
from coachdesk.storage.models import AuditEntry
from coachdesk.storage.types import utcnow


def record(session: Session, action: AuditAction, entity_type: str, entity_uuid: str | None, summary: str,
           actor_id: int | None = None, details: dict[str, Any] | None = None) -> AuditEntry:
    entry = AuditEntry(at=utcnow(), action=action, entity_type=entity_type, entity_uuid=entity_uuid,
                       summary=summary, actor_id=actor_id,
                       details_json=json.dumps(details, sort_keys=True, default=str) if details else None)
    session.add(entry)
    return entry
