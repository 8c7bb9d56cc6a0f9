"""The acknowledgement takes the agent's own name (or an alias), ignoring case and accents, and says when the typed
name is not theirs; the record stays open until it is."""

from __future__ import annotations

from coachdesk.services import one_to_ones as oto
from tests.ui.test_stale_views import _record_held


def test_a_name_that_is_not_the_agents_is_refused_in_the_dialog(qtbot, window, ctx, sample) -> None:  # noqa: ANN001
    chloe = sample.agent_uuids["Chloé Martin"]
    page = window.show_page("one_to_ones")
    assert page.open_agent(chloe)
    _record_held(page, chloe)
    dialog = page.editor.acknowledge()
    qtbot.addWidget(dialog)
    dialog.name.setText("Laura Bennett")  # the leader signing for her
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "“Laura Bennett” is not Chloé Martin's name or one of their aliases" in dialog.error.text()
    assert not oto.get_session(ctx.db, page.editor.record.uuid).locked
    dialog.name.setText("chloe MARTIN")  # case and accents aside, it is her name
    dialog.accept()
    assert not dialog.isVisible() and page.editor.record.locked
    assert oto.get_session(ctx.db, page.editor.record.uuid).acknowledged_name == "chloe MARTIN"
