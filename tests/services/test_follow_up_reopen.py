"""Reopening a closed follow-up (the undo notice's inverse of closing it): open and due again, the outcome and note it
was closed with kept in the audit entry; reopening an open one is refused, changing nothing. Both engines."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.services import calendar
from tests.services.calendar_helpers import seed_crew, snapshot
from tests.services.test_calendar_follow_ups import _feedback, _outcome


def test_a_closed_follow_up_reopens_and_the_audit_keeps_what_it_said(db) -> None:  # noqa: ANN001
    from coachdesk.storage.models import AuditEntry

    crew = seed_crew(db, agents=1)
    today = date.today()
    uuid = _feedback(db, crew, today - timedelta(days=10), today - timedelta(days=3))
    open_state = _outcome(db, uuid)
    calendar.close_follow_up(db, uuid, "partly", "Better on short calls.", actor_uuid=crew.leader)
    assert _outcome(db, uuid) != open_state
    calendar.reopen_follow_up(db, uuid, actor_uuid=crew.leader)
    assert _outcome(db, uuid) == open_state == (None, None, None)
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity_uuid == uuid)
                          .order_by(AuditEntry.id.desc())).first()
    details = json.loads(entry.details_json)
    assert entry.summary == "Follow-up reopened"
    assert details["outcome"] == "partly" and details["note"] == "Better on short calls."
    calendar.close_follow_up(db, uuid, "improved")  # and it can be closed again
    assert _outcome(db, uuid)[0].value == "improved"


def test_reopening_an_open_or_unknown_follow_up_is_refused(db) -> None:  # noqa: ANN001
    crew = seed_crew(db, agents=1)
    today = date.today()
    uuid = _feedback(db, crew, today - timedelta(days=10), today - timedelta(days=3))
    before = snapshot(db)
    with pytest.raises(ValidationError, match="open already"):
        calendar.reopen_follow_up(db, uuid)
    with pytest.raises(NotFound, match="No feedback"):
        calendar.reopen_follow_up(db, "no-such-uuid")
    assert snapshot(db) == before
