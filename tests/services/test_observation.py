"""Observation sessions through the services: start, interactions, ratings on the scale, notes exactly as typed,
the autosaved draft, ending, discarding an empty session and resuming."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from coachdesk.domain.enums import Channel, NoteKind, ObservationMode, SessionStatus
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.services.observation import observation as obs
from coachdesk.services.observation.observation_types import DraftNote
from coachdesk.storage.models import BehaviourRating, ObservationNote, ObservationSession
from tests.services.observe_helpers import Cast, seed_cast

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def cast(db) -> Cast:  # noqa: ANN001
    return seed_cast(db)


@pytest.fixture
def started(db, cast):  # noqa: ANN001, ANN201
    return obs.start_session(db, cast.agent, ObservationMode.SIDE_BY_SIDE, announced=False,
                             observer_uuid=cast.leader, at=T0)


def behaviour(state, code: str):  # noqa: ANN001, ANN201
    return next(b for b in state.framework.behaviours if b.code == code)


def test_start_session_shows_framework_team_and_objectives(db, cast, started) -> None:
    state = started
    assert state.agent_name == "Amelia Brown" and state.team == "Billing"
    assert state.observer_name == "Laura Bennett" and not state.announced
    assert state.status == SessionStatus.IN_PROGRESS
    assert [b.code for b in state.framework.behaviours] == ["LISTEN", "COURTESY", "TONE", "EMPATHY", "RESOLVE",
                                                           "OWNERSHIP", "SALE", "COMPLIANCE"]
    assert [b.number for b in state.framework.behaviours] == list(range(1, 9))
    assert behaviour(state, "COMPLIANCE").scale.keys() == ("m", "p", "n", "0")
    assert behaviour(state, "LISTEN").scale.keys() == ("1", "2", "3", "4", "0")
    assert [o.statement for o in state.objectives] == ["Offer a callback instead of a transfer"]
    assert state.is_empty
    assert obs.remembered_observer(db) == cast.leader
    assert obs.session_to_resume(db).uuid == state.uuid


def test_an_agent_cannot_observe_themselves(db, cast) -> None:
    with pytest.raises(ValidationError, match="cannot observe themselves"):
        obs.start_session(db, cast.agent, observer_uuid=cast.agent)
    with pytest.raises(NotFound):
        obs.start_session(db, "no-such-agent")


def test_interactions_are_timed_and_a_new_one_ends_the_open_one(db, started) -> None:
    first, ended = obs.start_interaction(db, started.uuid, "  CALL-1 ", Channel.VOICE, at=T0 + timedelta(minutes=1))
    assert ended is None and first.number == 1 and first.reference == "CALL-1" and first.ended_at is None
    second, ended = obs.start_interaction(db, started.uuid, "", Channel.CHAT, at=T0 + timedelta(minutes=5))
    assert ended.uuid == first.uuid and ended.ended_at == T0 + timedelta(minutes=5)
    assert second.number == 2 and second.reference == ""
    obs.set_interaction_details(db, second.uuid, "TICKET-9", Channel.EMAIL)
    closed = obs.end_interaction(db, second.uuid, at=T0 + timedelta(minutes=9))
    assert closed.number == 2 and closed.ended_at == T0 + timedelta(minutes=9)
    state = obs.load_session(db, started.uuid)
    assert [(i.reference, i.channel) for i in state.interactions] == [("CALL-1", Channel.VOICE),
                                                                       ("TICKET-9", Channel.EMAIL)]
    assert state.open_interaction is None


def test_rate_with_a_key_copies_the_point_and_a_second_key_replaces_it(db, started) -> None:
    call, _ = obs.start_interaction(db, started.uuid, "CALL-1")
    listen = behaviour(started, "LISTEN")
    first = obs.rate(db, started.uuid, listen.id, "3", call.uuid)
    assert (first.value, first.label, first.score) == (3, "Good", pytest.approx(0.6667))
    again = obs.rate(db, started.uuid, listen.id, "4", call.uuid)
    assert again.uuid == first.uuid and again.label == "Excellent"
    with db.session() as s:
        rows = s.scalars(select(BehaviourRating)).all()
        assert len(rows) == 1 and rows[0].scale_name == "Four-point" and rows[0].observer_id is not None
    compliance = behaviour(started, "COMPLIANCE")
    assert obs.rate(db, started.uuid, compliance.id, "P", call.uuid).label == "Partly met"
    na = obs.rate(db, started.uuid, compliance.id, "0", call.uuid)
    assert na.score is None and na.label == "Not applicable"
    session_level = obs.rate(db, started.uuid, listen.id, "1")  # outside any interaction: its own rating
    assert session_level.interaction_uuid is None and session_level.uuid != first.uuid


def test_a_rating_outside_the_scale_is_refused_and_nothing_is_stored(db, started) -> None:
    listen, compliance = behaviour(started, "LISTEN"), behaviour(started, "COMPLIANCE")
    with pytest.raises(ValidationError, match="'7' is not on the Four-point scale for Listening skills"):
        obs.rate(db, started.uuid, listen.id, "7")
    with pytest.raises(ValidationError, match="use m, p, n or 0"):
        obs.rate(db, started.uuid, compliance.id, "3")
    with pytest.raises(ValidationError, match="not in this session's framework"):
        obs.rate(db, started.uuid, 99999, "3")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(BehaviourRating)) == 0


def test_clear_rating(db, started) -> None:
    listen = behaviour(started, "LISTEN")
    obs.rate(db, started.uuid, listen.id, "2")
    assert obs.clear_rating(db, started.uuid, listen.id)
    assert not obs.clear_rating(db, started.uuid, listen.id)
    assert obs.load_session(db, started.uuid).ratings == ()


ODD_TEXTS = [
    "<b>bold</b> & <script>alert('x')</script> %s {0} \\n",
    "Great close 👍🏽🎉 — “quoted” ‘single’",
    "قال العميل: شكراً جزيلاً",  # Arabic, right to left
    "עברית עם English mixed 123",
    "  leading and trailing spaces  ",
    "line one\nline two\r\nline three\ttab",
    "x" * 20_000,
    "zero\u200bwidth and combining e\u0301",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_notes_are_stored_exactly_as_typed(db, started, text: str) -> None:
    note = obs.add_note(db, started.uuid, text, NoteKind.VERBATIM)
    assert note.text == text
    assert obs.load_session(db, started.uuid).notes[0].text == text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1).filter(lambda t: t.strip()))
def test_any_text_round_trips(db, started, text: str) -> None:
    note = obs.add_note(db, started.uuid, text)
    expected = text if db.is_sqlite else text.replace("\x00", "")  # PostgreSQL text cannot hold NUL: it is dropped
    with db.session() as s:
        assert s.scalar(select(ObservationNote.text).where(ObservationNote.uuid == note.uuid)) == expected


def test_an_empty_note_and_another_agents_objective_are_refused(db, cast, started) -> None:
    with pytest.raises(ValidationError, match="empty"):
        obs.add_note(db, started.uuid, "  \n ")
    with pytest.raises(ValidationError, match="not one of this agent's"):
        obs.add_note(db, started.uuid, "x", objective_uuid=cast.other_objective)


def test_notes_are_stamped_into_the_interaction_and_marked(db, cast, started) -> None:
    call, _ = obs.start_interaction(db, started.uuid, "CALL-1")
    empathy = behaviour(started, "EMPATHY")
    at = T0 + timedelta(minutes=3)
    note = obs.add_note(db, started.uuid, "Named the worry", NoteKind.GENERAL, call.uuid, empathy.id, at=at)
    assert note.noted_at == at and note.interaction_uuid == call.uuid and note.behaviour_id == empathy.id
    marked = obs.mark_note(db, note.uuid, NoteKind.STRENGTH, cast.objective)
    assert marked.kind == NoteKind.STRENGTH and marked.objective_uuid == cast.objective
    state = obs.load_session(db, started.uuid)
    assert state.notes[0].kind == NoteKind.STRENGTH and state.notes[0].objective_uuid == cast.objective


def test_the_draft_is_kept_until_the_note_is_stamped(db, cast, started) -> None:
    draft = DraftNote("half a thou", NoteKind.OPPORTUNITY, behaviour(started, "TONE").id, cast.objective)
    obs.save_draft(db, started.uuid, draft)
    assert obs.load_session(db, started.uuid).draft == draft
    assert obs.unfinished_sessions(db)[0].has_draft
    obs.add_note(db, started.uuid, "half a thought, finished")
    assert obs.load_session(db, started.uuid).draft is None
    obs.save_draft(db, started.uuid, DraftNote("again"))
    obs.save_draft(db, started.uuid, DraftNote(""))
    assert obs.load_session(db, started.uuid).draft is None


def test_ending_completes_everything_and_keeps_the_draft_as_a_note(db, started) -> None:
    call, _ = obs.start_interaction(db, started.uuid, "CALL-1", at=T0 + timedelta(minutes=1))
    obs.rate(db, started.uuid, behaviour(started, "TONE").id, "4", call.uuid)
    obs.save_draft(db, started.uuid, DraftNote("unstamped words", interaction_uuid=call.uuid))
    ended = obs.end_session(db, started.uuid, at=T0 + timedelta(minutes=12))
    assert ended.status == SessionStatus.COMPLETED and ended.ended_at == T0 + timedelta(minutes=12)
    assert ended.interactions[0].ended_at == T0 + timedelta(minutes=12)
    assert [n.text for n in ended.notes] == ["unstamped words"] and ended.draft is None
    assert obs.session_to_resume(db) is None
    with pytest.raises(ValidationError, match="has ended"):
        obs.rate(db, started.uuid, behaviour(started, "TONE").id, "1", call.uuid)


def test_an_empty_session_can_be_discarded_but_not_one_with_content(db, started, cast) -> None:
    obs.discard_session(db, started.uuid)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ObservationSession)) == 0
    assert obs.session_to_resume(db) is None
    full = obs.start_session(db, cast.agent)
    obs.add_note(db, full.uuid, "something")
    with pytest.raises(ValidationError, match="end it instead"):
        obs.discard_session(db, full.uuid)


def test_unfinished_sessions_and_the_one_to_resume(db, cast, started) -> None:
    other = obs.start_session(db, cast.other_agent, ObservationMode.REMOTE_LISTENING)
    assert obs.session_to_resume(db).uuid == other.uuid  # the last one put on screen
    obs.set_current(db, started.uuid)
    resume = obs.session_to_resume(db)
    assert resume.uuid == started.uuid and resume.agent_name == "Amelia Brown"
    assert [s.agent_name for s in obs.unfinished_sessions(db)] == ["Farah Khan", "Amelia Brown"]
    obs.set_current(db, None)
    assert obs.session_to_resume(db) is None


def test_observers_are_people_who_may_observe(db, cast) -> None:
    names = [p.name for p in obs.observers(db)]
    assert names == ["Chris Coach", "Laura Bennett", "Quinn Quality"]


@pytest.mark.sqlite_only
def test_flush_to_disk_puts_the_note_in_the_database_file_itself(db, started, tmp_path) -> None:  # noqa: ANN001
    """After the flush the note is in the main file, not only in the -wal: a copy of the file alone holds it."""
    import shutil
    import sqlite3

    with db.engine.connect() as conn:  # the schema and the cast into the file first
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    obs.add_note(db, started.uuid, "kept after a power cut")

    def in_file_alone() -> bool:
        alone = tmp_path / f"alone-{len(list(tmp_path.iterdir()))}.sqlite3"
        shutil.copyfile(db.sqlite_path, alone)  # the main file only: what survives if the -wal is lost
        con = sqlite3.connect(alone)
        try:
            return con.execute("SELECT count(*) FROM observation_note WHERE text = ?",
                               ("kept after a power cut",)).fetchone()[0] == 1
        finally:
            con.close()

    assert not in_file_alone()  # still only in the -wal (else the flush would prove nothing)
    obs.flush_to_disk(db)
    assert in_file_alone()
