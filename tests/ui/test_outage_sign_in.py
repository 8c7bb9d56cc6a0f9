"""The sign-in dialog at start, on a private PostgreSQL cluster: a wrong password and a server that is down each get
their own sentence naming the server (no driver text, no traceback), and typing the password again or pressing
Retry once the server is up opens the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from coachdesk.app import SERVER_SIGN_IN_FAULTS, sign_in_to_server
from coachdesk.domain.errors import CoachDeskError
from coachdesk.services.common import Location, open_server
from coachdesk.ui.dialogs.sign_in_dialog import ServerSignInDialog
from tests.ui import outage_cluster
from tests.ui.naming import unnamed_widgets
from tests.ui.outage_cluster import ADMIN, Cluster

cluster = outage_cluster.cluster  # the run's private PostgreSQL cluster (a session fixture)


def _refusal(location: Location) -> CoachDeskError:
    with pytest.raises(CoachDeskError) as caught:
        open_server(location).db.dispose()
    return caught.value


def _dialog(qtbot, error: CoachDeskError, location: Location) -> ServerSignInDialog:  # noqa: ANN001
    dialog = ServerSignInDialog(error, location)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_wrong_password_says_so_and_the_right_one_signs_in(qtbot, cluster: Cluster) -> None:  # noqa: ANN001
    cluster.create_database("sign_in_password", template=cluster.template)
    wrong = Location(url=cluster.url("sign_in_password", password="certainly-wrong"), path=None)
    error = _refusal(wrong)
    assert getattr(error, "kind", "") == "auth" and "auth" in SERVER_SIGN_IN_FAULTS
    dialog = _dialog(qtbot, error, wrong)
    server = f"127.0.0.1:{cluster.port}"
    said = (f"The team server {server} refused the sign-in for {ADMIN}: the user name or password is wrong; type "
            "them again (or ask the server's administrator to reset your password).")
    assert dialog.sentence.text() == said
    assert "certainly-wrong" not in dialog.sentence.text() and "Traceback" not in dialog.sentence.text()
    assert dialog.password.isVisible() and dialog.user.text() == ADMIN
    assert dialog.retry.text().replace("&", "") == "Sign in"
    assert not unnamed_widgets(dialog)

    qtbot.keyClicks(dialog.password, "still-wrong")
    qtbot.mouseClick(dialog.retry, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted and dialog.opened is None
    assert dialog.sentence.text() == said  # the same sentence, the dialog still there

    dialog.password.clear()
    qtbot.keyClicks(dialog.password, cluster.password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.opened is not None
    try:
        assert dialog.opened.db.url.password == cluster.password  # the typed password is what signs in
        assert "certainly-wrong" not in dialog.location.url
    finally:
        dialog.opened.db.dispose()


def test_a_server_that_is_down_says_so_and_retry_opens_it_once_up(qtbot, cluster: Cluster) -> None:  # noqa: ANN001
    cluster.create_database("sign_in_down", template=cluster.template)
    location = Location(url=cluster.url("sign_in_down"), path=None)
    cluster.stop()
    try:
        error = _refusal(location)
        assert getattr(error, "kind", "") == "unreachable"
        dialog = _dialog(qtbot, error, location)
        said = (f"The team server 127.0.0.1:{cluster.port} cannot be reached: it is down, or this computer's network "
                "or VPN is not connected; check the connection (or ask its administrator), then press Retry.")
        assert dialog.sentence.text() == said
        assert not dialog.password.isVisible() and dialog.retry.text().replace("&", "") == "Retry"
        assert cluster.password not in dialog.sentence.text()
        qtbot.mouseClick(dialog.retry, Qt.MouseButton.LeftButton)  # still down: still the same sentence
        assert dialog.isVisible() and dialog.opened is None and dialog.sentence.text() == said
    finally:
        cluster.start()
    qtbot.mouseClick(dialog.retry, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.opened is not None
    dialog.opened.db.dispose()


def test_the_start_up_path_hands_the_dialog_the_fault_and_opens_after_it(qtbot, cluster: Cluster) -> None:  # noqa: ANN001
    name = "sign_in_start"
    cluster.create_database(name, template=cluster.template)
    wrong = Location(url=cluster.url(name, password="nope"), path=None)
    shown: list[str] = []

    def run(dialog: ServerSignInDialog) -> bool:
        shown.append(dialog.sentence.text())
        dialog.password.setText(cluster.password)
        dialog.retry.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    opened, location = sign_in_to_server(_refusal(wrong), wrong, run=run)
    try:
        assert opened is not None and "refused the sign-in" in shown[0]
        assert location.url == cluster.url(name)
    finally:
        opened.db.dispose()
