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
