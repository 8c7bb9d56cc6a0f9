"""With nobody signed in, the first run asks who is using CoachDesk, offering the person whose login fits the
computer's; asked once; File › Signed in as… stays for changing it later."""

from __future__ import annotations

from coachdesk.services import common


def test_the_first_run_asks_who_is_using_coachdesk(qtbot, window, ctx, monkeypatch) -> None:  # noqa: ANN001
    from coachdesk.services.common import first_run

    monkeypatch.setattr(first_run, "_os_login", lambda: "mreid")  # Marcus Reid's computer
    assert common.signed_in_person(ctx.db) is None
    dialog = window.ask_who_is_using()
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "Who is using CoachDesk?"
    assert dialog.person.currentText().startswith("Marcus Reid")  # offered first
    dialog.accept()
    assert common.signed_in_person(ctx.db).display_name == "Marcus Reid"
    assert "Signed in as Marcus Reid" in window.statusBar().currentMessage()
    common.sign_in_as(ctx.db, None)
    assert window.ask_who_is_using() is None  # asked once: not again on the next start
    assert window.findChild(object, "actionSignIn") is not None  # File › Signed in as… stays


def test_a_computer_login_nobody_has_offers_nobody(qtbot, window, ctx, monkeypatch) -> None:  # noqa: ANN001
    from coachdesk.services.common import first_run

    monkeypatch.setattr(first_run, "_os_login", lambda: "kiosk")
    dialog = window.ask_who_is_using()
    qtbot.addWidget(dialog)
    assert dialog.person.currentData() is None  # "Nobody" until the user chooses
    dialog.reject()
    assert common.signed_in_person(ctx.db) is None and window.ask_who_is_using() is None


def test_signed_in_as_offers_the_leaders_starts_on_the_current_one_and_announces(qtbot, window, ctx,  # noqa: ANN001
                                                                                  sample) -> None:
    from coachdesk.ui.kit import changes
    from coachdesk.ui.kit.changes import Kind

    heard: list = []
    changes.channel().changed.connect(heard.append)
    marcus = sample.leader_uuids["Marcus Reid"]
    common.sign_in_as(ctx.db, marcus)
    dialog = window.choose_signed_in()
    qtbot.addWidget(dialog)
    listed = [dialog.person.itemData(n) for n in range(dialog.person.count())]
    assert listed[0] is None and marcus in listed  # "Nobody" first, then the people who lead or coach
    assert not set(sample.agent_uuids.values()) & set(listed)  # agents are not offered
    assert dialog.person.currentData() == marcus and dialog.person.isEnabled()  # who is signed in now
    dialog.person.setCurrentIndex(0)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible() and dialog.chosen is None and common.signed_in_person(ctx.db) is None
    assert any(news.touches([Kind.PERSON]) and news.touches([Kind.SETTING]) for news in heard)
    assert "Nobody signed in" in window.statusBar().currentMessage()
    changes.channel().changed.disconnect(heard.append)
