"""Undoing a deactivation (the undo notice's inverse): a person's or a team's roles and memberships come back exactly
as they were, and a record changed since is refused with a sentence, changing nothing. Both engines."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.domain.enums import MembershipRole, Role
from coachdesk.domain.errors import ConflictError
from coachdesk.services import people as people_api
from coachdesk.services.people import PersonInput, TeamInput

ON = date(2024, 9, 30)


def _lines(db, uuid):  # noqa: ANN001, ANN202
    detail = people_api.person_detail(db, uuid)
    return (detail.active_to, sorted((r.role, r.start_date, r.end_date) for r in detail.roles),
            sorted((m.team_uuid, m.role, m.start_date, m.end_date) for m in detail.memberships))


def _ann(db):  # noqa: ANN001, ANN202
    alpha = people_api.create_team(db, TeamInput("Alpha"))
    beta = people_api.create_team(db, TeamInput("Beta"))
    row = people_api.create_person(db, PersonInput("Ann"))
    people_api.add_role(db, row.uuid, Role.AGENT, date(2024, 1, 1))
    people_api.add_role(db, row.uuid, Role.COACH, date(2025, 1, 1))  # starts after ON: deactivation removes it
    people_api.add_role(db, row.uuid, Role.TEAM_LEADER, date(2023, 1, 1), date(2023, 6, 30))  # ended before: kept
    people_api.add_membership(db, row.uuid, alpha.uuid, start_date=date(2024, 1, 1))
    people_api.add_membership(db, row.uuid, beta.uuid, start_date=date(2024, 1, 1), end_date=date(2024, 12, 31),
                              role=MembershipRole.LEADER)
    return row, alpha, beta


def test_a_person_deactivation_is_undone_exactly(db) -> None:  # noqa: ANN001
    row, _alpha, _beta = _ann(db)
    before = _lines(db, row.uuid)
    done = people_api.deactivate_person_undoably(db, row.uuid, ON)
    assert done.name == "Ann" and done.on == ON
    assert {(line.kind, line.removed) for line in done.lines} == {("role", False), ("role", True),
                                                                  ("membership", False)}
    assert len(done.lines) == 4  # agent ended, coach removed, two memberships ended; the old leader role untouched
    after = _lines(db, row.uuid)
    assert after != before and after[0] == ON and not people_api.person_row(db, row.uuid).is_active
    people_api.undo_deactivation(db, done)
    assert _lines(db, row.uuid) == before
    assert people_api.person_row(db, row.uuid).is_active


def test_undoing_after_the_person_changed_is_refused_and_changes_nothing(db) -> None:  # noqa: ANN001
    row, alpha, _beta = _ann(db)
    done = people_api.deactivate_person_undoably(db, row.uuid, ON)
    detail = people_api.person_detail(db, row.uuid)
    membership = next(m for m in detail.memberships if m.team_uuid == alpha.uuid)
    people_api.end_membership(db, membership.uuid, date(2024, 8, 31))  # someone corrected the leaving date
    changed = _lines(db, row.uuid)
    with pytest.raises(ConflictError, match="Ann's record was changed after it was deactivated"):
        people_api.undo_deactivation(db, done)
    assert _lines(db, row.uuid) == changed


def test_a_team_deactivation_is_undone_with_its_memberships(db) -> None:  # noqa: ANN001
    row, alpha, _beta = _ann(db)
    later = people_api.create_person(db, PersonInput("Bob"))
    people_api.add_membership(db, later.uuid, alpha.uuid, start_date=date(2030, 1, 1))  # future: removed
    before = (_lines(db, row.uuid), _lines(db, later.uuid))
    done = people_api.deactivate_team_undoably(db, alpha.uuid, ON)
    assert len(done.lines) == 2 and sum(line.removed for line in done.lines) == 1
    assert alpha.uuid not in {t.uuid for t in people_api.list_teams(db)}
    people_api.undo_deactivation(db, done)
    assert (_lines(db, row.uuid), _lines(db, later.uuid)) == before
    assert alpha.uuid in {t.uuid for t in people_api.list_teams(db)}
    with pytest.raises(ConflictError, match="The team 'Alpha' was changed"):
        people_api.undo_deactivation(db, done)  # twice: it is active again, nothing to undo
