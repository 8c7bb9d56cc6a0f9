"""The status bar's head count after loading demo data is the Today tiles' (active agents, active teams), not the
number of people the generator wrote (leavers included)."""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale


def test_demo_status_message_counts_as_the_tiles_do(qtbot, empty_ctx) -> None:  # noqa: ANN001
    from coachdesk.ui.main_window import MainWindow

    window = MainWindow(empty_ctx, remember=False)
    qtbot.addWidget(window)
    window.show()
    dialog = window.offer_demo_data()
    dialog.agents.setValue(60)
    dialog.days.setValue(120)
    with qtbot.waitSignal(dialog.loaded, timeout=60_000) as loaded:
        dialog.load_button.click()
    summary = loaded.args[0]
    today = window.show_page("today")
    today.refresh()
    tiles = {key: QLocale().toInt(today.cards[key].value_label.text())[0] for key in ("agents", "teams")}
    message = window.statusBar().currentMessage()
    found = re.search(r"(\d+) active agents in (\d+) teams", message)
    assert found, message
    assert (int(found[1]), int(found[2])) == (tiles["agents"], tiles["teams"])
    assert summary.agents > tiles["agents"]  # the generator's count includes the agents who have left
