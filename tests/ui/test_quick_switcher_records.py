"""The quick switcher also finds teams, goals, objectives, one-to-ones and observation notes by their text, opens
the page that shows each, and says "No matches" when nothing matches."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from coachdesk.domain.enums import ItemKind, NoteKind, OneToOneType
from coachdesk.services import observation as obs
from coachdesk.services import one_to_ones as oto
from coachdesk.services.one_to_ones import ItemInput
from coachdesk.ui.dialogs.quick_switcher import KIND_ROLE


def _switcher(qtbot, window, text: str):  # noqa: ANN001, ANN202
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)  # the last switcher was the active window until it closed
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    switcher = window.switcher
    qtbot.keyClicks(switcher.search, text)
    qtbot.waitUntil(lambda: not switcher.search_pause.isActive(), timeout=3000)  # searched after a pause in typing
    return switcher


def _rows(switcher) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(switcher.results.item(n).data(KIND_ROLE), switcher.results.item(n).text())
            for n in range(switcher.results.count())]


def _choose(qtbot, switcher, kind: str) -> None:  # noqa: ANN001
    row = next(n for n, (k, _t) in enumerate(_rows(switcher)) if k == kind)
    switcher.results.setCurrentRow(row)
    qtbot.keyClick(switcher.search, Qt.Key.Key_Return)


def test_notes_and_one_to_ones_are_found_and_open_their_agent(qtbot, window, ctx, sample) -> None:  # noqa: ANN001
    farah, leader = sample.agent_uuids["Farah Khan"], sample.leader_uuids["Marcus Reid"]
    held = date.today() - timedelta(days=2)
    rec = oto.open_next(ctx.db, farah, coach_uuid=leader, on=held)
    oto.save_session(ctx.db, rec.uuid, kind=OneToOneType.REVIEW, day=held, held=True,
                     items=[ItemInput(ItemKind.ACTION, "Shadow a refund escalation", owner_uuid=farah)])
    session = obs.start_session(ctx.db, farah, observer_uuid=leader)
    obs.add_note(ctx.db, session.uuid, "Offered the refund before being asked", NoteKind.STRENGTH)
    obs.set_current(ctx.db, None)
    switcher = _switcher(qtbot, window, "refund")
    rows = _rows(switcher)
    assert [k for k, _t in rows] == ["one_to_one", "note"]
    assert "Shadow a refund escalation" in rows[0][1] and "Farah Khan" in rows[0][1] and "One-to-one" in rows[0][1]
    _choose(qtbot, switcher, "note")
    assert window.current_page_key() == "agent" and window.page("agent").current_uuid() == farah
    switcher = _switcher(qtbot, window, "refund")
    _choose(qtbot, switcher, "one_to_one")
    assert window.current_page_key() == "one_to_ones" and window.page("one_to_ones").prep.sheet.agent_name == \
        "Farah Khan"


def test_teams_and_objectives_open_their_page(qtbot, window, sample) -> None:  # noqa: ANN001
    switcher = _switcher(qtbot, window, "retention")
    assert ("team", "Retention    Team") in [(k, t.strip()) for k, t in _rows(switcher)]
    _choose(qtbot, switcher, "team")
    team = window.page("team")
    assert window.current_page_key() == "team" and team.table.currentIndex().data() == "Retention"
    switcher = _switcher(qtbot, window, "handle time under")
    assert [k for k, _t in _rows(switcher)] == ["objective"]
    _choose(qtbot, switcher, "objective")
    from coachdesk.storage.models import Objective

    with window.ctx.db.session() as s:
        objective = s.query(Objective.uuid).filter(Objective.statement.like("%handle time under%")).scalar()
    assert window.current_page_key() == "goals" and window.page("goals").selected_uuid() == objective


def test_nothing_matching_says_no_matches(qtbot, window) -> None:  # noqa: ANN001
    switcher = _switcher(qtbot, window, "zzqx nothing like this")
    assert _rows(switcher) == [("none", "No matches")]
    assert not switcher.results.item(0).flags() & Qt.ItemFlag.ItemIsSelectable
    qtbot.keyClick(switcher.search, Qt.Key.Key_Return)  # Enter on "No matches" opens nothing
    assert window.current_page_key() == "today"
