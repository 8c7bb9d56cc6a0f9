"""One-to-one records: carry-forward across three sessions, acknowledgement and the lock, amendments, and every
refused input leaving the database exactly as it was."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from coachdesk.domain.enums import ItemKind, ItemStatus, OneToOneStatus, OneToOneType, RewardScope, Visibility
from coachdesk.domain.errors import ValidationError
from coachdesk.services.one_to_ones import one_to_one as oto
from coachdesk.services.one_to_ones.one_to_one_types import ItemInput
from tests.services.observe_helpers import seed_cast

D1, D2, D3 = date(2026, 1, 12), date(2026, 1, 26), date(2026, 2, 9)


def _snapshot(db) -> tuple:  # noqa: ANN001
    from coachdesk.storage.models import Amendment, AuditEntry, OneToOne, OneToOneItem, OneToOneObjective

    with db.session() as s:
        rows = s.execute(select(OneToOne.uuid, OneToOne.status, OneToOne.summary, OneToOne.next_date,
                                OneToOne.version).order_by(OneToOne.id)).all()
        items = s.execute(select(OneToOneItem.uuid, OneToOneItem.text, OneToOneItem.status, OneToOneItem.owner_id)
                          .order_by(OneToOneItem.id)).all()
        counts = [s.scalar(select(func.count()).select_from(t)) for t in (Amendment, AuditEntry, OneToOneObjective)]
    return rows, items, counts


def _items(record) -> list[ItemInput]:  # noqa: ANN001
    return [ItemInput(i.kind, i.text, i.uuid, i.owner_uuid, i.due_date, i.status, i.visibility, i.reward_scope)
            for i in record.items]


def _first_session(db, cast):  # noqa: ANN001, ANN202
    rec = oto.open_next(db, cast.agent, coach_uuid=cast.leader, kind=OneToOneType.EXPECTATION_SETTING, on=D1)
    return oto.save_session(
        db, rec.uuid, kind=OneToOneType.EXPECTATION_SETTING, day=D1, summary="First expectations.",
        next_date=D2, held=True, actor_uuid=cast.leader, objectives=[(cast.objective, "discussed", None)],
        items=[ItemInput(ItemKind.EXPECTATION, "Greet every caller by name."),
               ItemInput(ItemKind.MOTIVATOR, "Wants to become a coach."),
               ItemInput(ItemKind.REWARD, "Team lunch at 90% FCR.", reward_scope=RewardScope.TEAM),
               ItemInput(ItemKind.ACTION, "Listen to three calls with Quinn.", owner_uuid=cast.agent,
                         due_date=D1 + timedelta(days=7)),
               ItemInput(ItemKind.ACTION, "Book the product refresher.", owner_uuid=cast.leader),
               ItemInput(ItemKind.COMMITMENT, "I will summarise before solving.", owner_uuid=cast.agent),
               ItemInput(ItemKind.NOTE, "Seemed tired; ask about the shift pattern.", owner_uuid=cast.leader,
                         visibility=Visibility.COACH_ONLY)])


def test_open_items_carry_forward_across_three_sessions(db) -> None:  # noqa: ANN001
    cast = seed_cast(db)
    first = _first_session(db, cast)
    assert first.status is OneToOneStatus.HELD and first.held_at.date() == D1
    assert [o.objective_uuid for o in first.objectives] == [cast.objective]

    second = oto.open_next(db, cast.agent, on=D2)
    assert second.previous_uuid == first.uuid and second.status is OneToOneStatus.DRAFT
    carried = [i for i in second.items if i.carried_from_uuid]
    assert sorted(i.text for i in carried) == ["Book the product refresher.", "I will summarise before solving.",
                                               "Listen to three calls with Quinn."]
    assert all(i.status is ItemStatus.OPEN for i in carried)
    assert {i.status for i in oto.get_session(db, first.uuid).items if i.kind in (ItemKind.ACTION,
                                                                                  ItemKind.COMMITMENT)} \
        == {ItemStatus.CARRIED}
    assert oto.open_next(db, cast.agent, on=D2).uuid == second.uuid  # the same draft, nothing carried twice
    assert len(oto.get_session(db, second.uuid).items) == len(second.items)

    # the second session closes one, keeps one open, misses one and adds an action
    lines = []
    for item in _items(second):
        status = {"Listen to three calls with Quinn.": ItemStatus.DONE,
                  "I will summarise before solving.": ItemStatus.NOT_MET}.get(item.text, item.status)
        lines.append(ItemInput(item.kind, item.text, item.uuid, item.owner_uuid, item.due_date, status))
    lines.append(ItemInput(ItemKind.ACTION, "Shadow Farah on a complaint call.", owner_uuid=cast.agent))
    second = oto.save_session(db, second.uuid, kind=OneToOneType.REVIEW, day=D2, items=lines, held=True,
                              next_date=D3, expected_version=second.version)
    done = next(i for i in second.items if i.text.startswith("Listen"))
    assert done.closed_at is not None

    third = oto.open_next(db, cast.agent, on=D3)
    assert third.previous_uuid == second.uuid
    assert sorted(i.text for i in third.items) == ["Book the product refresher.", "Shadow Farah on a complaint call."]
    refresher = next(i for i in third.items if i.text.startswith("Book"))
    # its chain: third <- second <- first
    assert refresher.carried_from_uuid in {i.uuid for i in second.items}
    assert third.scheduled_for.date() == D3  # the next date agreed last time


def test_acknowledgement_locks_and_amendments_keep_who_when_why(db) -> None:  # noqa: ANN001
    cast = seed_cast(db)
    first = _first_session(db, cast)
    acked = oto.acknowledge(db, first.uuid, "  Amelia   Brown ", "Fair summary.")
    assert acked.locked and acked.acknowledged_name == "Amelia Brown" and acked.acknowledgement_comment
    before = _snapshot(db)
    with pytest.raises(ValidationError, match="locked"):
        oto.save_session(db, first.uuid, kind=OneToOneType.REVIEW, day=D1, summary="Rewritten", items=_items(acked))
    with pytest.raises(ValidationError, match="locked"):
        oto.acknowledge(db, first.uuid, "Amelia Brown")
    assert _snapshot(db) == before
    with pytest.raises(ValidationError, match="reason"):
        oto.amend(db, first.uuid, "summary", "Corrected", " ")
    assert _snapshot(db) == before

    amended = oto.amend(db, first.uuid, "summary", "First expectations, with the refresher booked.",
                        "Leader added the booking detail.", author_uuid=cast.leader)
    assert amended.summary == "First expectations, with the refresher booked." and amended.locked
    line = amended.amendments[-1]
    assert (line.field, line.old_value, line.reason, line.author) == (
        "summary", "First expectations.", "Leader added the booking detail.", "Laura Bennett")
    action = next(i for i in amended.items if i.kind is ItemKind.ACTION)
    amended = oto.amend(db, first.uuid, "text", "Listen to four calls with Quinn.", "Agreed four, not three.",
                        item_uuid=action.uuid)
    assert any(a.new_value == "Listen to four calls with Quinn." for a in amended.amendments)
    with pytest.raises(ValidationError, match="before the session date"):
        oto.amend(db, first.uuid, "next_date", D1 - timedelta(days=1), "typo")


def test_bad_input_is_refused_and_nothing_is_half_saved(db) -> None:  # noqa: ANN001
    cast = seed_cast(db)
    draft = oto.open_next(db, cast.agent, on=D1)
    good = ItemInput(ItemKind.EXPECTATION, "Be on time.")
    before = _snapshot(db)
    with pytest.raises(ValidationError, match="Item 2 .*needs an owner"):
        oto.save_session(db, draft.uuid, kind=OneToOneType.REVIEW, day=D1, summary="Should not be kept",
                         items=[good, ItemInput(ItemKind.ACTION, "Listen to calls")], held=True)
    assert _snapshot(db) == before
    with pytest.raises(ValidationError, match="Next one-to-one date.*before the session date"):
        oto.save_session(db, draft.uuid, kind=OneToOneType.REVIEW, day=D2, next_date=D1, items=[good], held=True)
    assert _snapshot(db) == before
    with pytest.raises(ValidationError, match="not been held"):
        oto.acknowledge(db, draft.uuid, "Amelia Brown")
    with pytest.raises(ValidationError, match="Session date: .* is in the future"):
        oto.save_session(db, draft.uuid, kind=OneToOneType.REVIEW, day=date.today() + timedelta(days=1),
                         items=[good], held=True)
    assert _snapshot(db) == before
    empty = oto.save_session(db, draft.uuid, kind=OneToOneType.REVIEW, day=D1, held=True)
    before = _snapshot(db)
    with pytest.raises(ValidationError, match="record is empty"):
        oto.acknowledge(db, empty.uuid, "Amelia Brown")
    with pytest.raises(ValidationError, match="changed elsewhere"):
        oto.save_session(db, draft.uuid, kind=OneToOneType.REVIEW, day=D1, items=[good],
                         expected_version=empty.version - 1)
    assert _snapshot(db) == before


def test_carried_items_cannot_be_deleted_and_the_editor_draft_survives(db) -> None:  # noqa: ANN001
    cast = seed_cast(db)
    _first_session(db, cast)
    second = oto.open_next(db, cast.agent, on=D2)
    before = _snapshot(db)
    with pytest.raises(ValidationError, match="cannot be removed"):
        oto.save_session(db, second.uuid, kind=OneToOneType.REVIEW, day=D2, items=[])
    assert _snapshot(db) == before
    oto.save_editor_draft(db, second.uuid, {"summary": "Half-typed thought"})
    assert oto.editor_draft(db, second.uuid)["summary"] == "Half-typed thought"
    oto.save_session(db, second.uuid, kind=OneToOneType.REVIEW, day=D2, items=_items(second), summary="Done")
    assert oto.editor_draft(db, second.uuid) is None  # saving the record forgets the draft


@pytest.mark.parametrize(("typed", "accepted"), [
    ("amelia brown", True), ("AMÉLIA  BRÓWN", True), ("Brown, Amelia", True), ("Amelia J. Brown", True),
    ("Mia Brown", True),  # her alias
    ("Amelia Browne", False), ("Laura Bennett", False), ("Amelia", False), ("A. Brown", False)])
def test_acknowledgement_takes_only_the_agents_name_or_alias(db, typed: str, accepted: bool) -> None:  # noqa: ANN001
    from coachdesk.domain.text import name_key
    from coachdesk.storage.models import Person, PersonAlias

    cast = seed_cast(db)
    with db.unit_of_work() as s:
        agent_id = s.scalar(select(Person.id).where(Person.uuid == cast.agent))
        s.add(PersonAlias(person_id=agent_id, alias="Mia Brown", alias_key=name_key("Mia Brown")))
    first = _first_session(db, cast)
    if accepted:
        assert oto.acknowledge(db, first.uuid, typed).locked
        return
    before = _snapshot(db)
    with pytest.raises(ValidationError, match=r"is not Amelia Brown's name or one of their aliases"):
        oto.acknowledge(db, first.uuid, typed)
    assert _snapshot(db) == before and not oto.get_session(db, first.uuid).locked
