"""Signing in: on a local file, choose who is using the app ("Signed in as…": the Today lists, the coach and actor
of what is recorded); on a team server at start, say whether the server is unreachable (Retry) or refused the
user name or password (type them again), in one sentence each."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import Role
from coachdesk.domain.errors import CoachDeskError
from coachdesk.services import common as common_api
from coachdesk.services.common import AppContext, Location
from coachdesk.ui.actions import people
from coachdesk.ui.kit import forms, ops

log = logging.getLogger(__name__)

LEADING_ROLES = (Role.TEAM_LEADER, Role.COACH, Role.QUALITY_SPECIALIST, Role.OPERATIONS_MANAGER, Role.INSTRUCTOR)


class SignInDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: common_api.PersonRef | None = None
        forms.titled(self, "signInDialog", self.tr("Signed in as…"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Who is using CoachDesk on this computer? The Today page lists their teams, and "
                               "one-to-ones and audit entries name them."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.person = forms.named(QComboBox(self), "signInPerson", self.tr("Person"))
        self.person.addItem(self.tr("Nobody (show every team)"), None)
        self.offered: str | None = None  # a person to choose once the list is in (``offer``)
        form = QFormLayout()
        form.addRow(forms.buddy_label(self.tr("&Person"), self.person, self), self.person)
        layout.addLayout(form)
        self.buttons, ok = forms.dialog_buttons(self, "signIn", ok=QDialogButtonBox.StandardButton.Ok)
        ok.setObjectName("signInOK")  # its name before the kit (the laptop walk presses it by that name)
        layout.addWidget(self.buttons)
        self.listing = people.sign_in_choices(self, ctx, LEADING_ROLES, self._show_choices, busy=[self.person, self.buttons])

    def _show_choices(self, choices: people.SignInChoices) -> None:
        for row in choices.people:
            self.person.addItem(f"{row.display_name} ({row.team or self.tr('no team')})", row.uuid)
        wanted = self.offered or choices.current
        if wanted is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(wanted)))

    def offer(self, uuid: str) -> None:
        """Choose ``uuid`` (the first run's suggestion), now or once the list has come."""
        self.offered = uuid
        if self.listing.finished:
            self.person.setCurrentIndex(max(0, self.person.findData(uuid)))

    def accept(self) -> None:
        """Sign in as the chosen person off the GUI thread; the dialog closes once that is saved (an error is shown
        over it, and it stays open)."""
        people.sign_in_as(self, self.ctx, self.person.currentData(), self._signed_in, busy=[self.buttons])

    def _signed_in(self, who: common_api.PersonRef | None) -> None:
        self.chosen = who
        QDialog.accept(self)


class ServerSignInDialog(QDialog):
    """At start, when the team server could not be opened: which it is (down, or a wrong user name or password),
    with Retry or the sign-in fields; ``opened`` and ``location`` hold the store once a try succeeds."""

    def __init__(self, error: BaseException, location: Location, parent: QWidget | None = None,
                 open_store: Any = None) -> None:
        super().__init__(parent)
        self.location = location
        self.opened: Any = None
        self.open_store = open_store or common_api.open_server
        self.server, user = common_api.server_and_user(location.url)
        self.setObjectName("serverSignInDialog")
        self.setWindowTitle(self.tr("CoachDesk: team server"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(min(520, QGuiApplication.primaryScreen().availableGeometry().width() - 40))
        layout = QVBoxLayout(self)
        top = QLabel(self)
        top.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32))
        self.sentence = QLabel(self)
        self.sentence.setObjectName("serverSignInSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(top, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.sentence, 1)
        layout.addLayout(row)
        self.user = forms.named(QLineEdit(user, self), "serverSignInUser", self.tr("User name"))
        self.password = forms.named(QLineEdit(self), "serverSignInPassword", self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields = QWidget(self)
        form = QFormLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(forms.buddy_label(self.tr("&User name"), self.user, self.fields), self.user)
        form.addRow(forms.buddy_label(self.tr("&Password"), self.password, self.fields), self.password)
        layout.addWidget(self.fields)
        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("serverSignInButtons")
        self.buttons.setAccessibleName(self.tr("Dialog buttons"))
        self.retry = forms.button(self, self.tr("&Retry"), "serverSignInRetry", self.try_again,
                                  box=self.buttons, role=QDialogButtonBox.ButtonRole.AcceptRole)
        self.retry.setDefault(True)
        forms.button(self, self.tr("&Quit"), "serverSignInQuit", self.reject, box=self.buttons,
                     role=QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)
        self.show_error(error)

    def show_error(self, error: BaseException) -> None:
        kind = getattr(error, "kind", "")
        user = self.user.text().strip() or self.tr("(no user name)")
        if kind == "auth":
            text = self.tr("The team server {server} refused the sign-in for {user}: the user name or password is "
                           "wrong; type them again (or ask the server's administrator to reset your password)."
                           ).format(server=self.server, user=user)
        elif kind == "unreachable":
            text = self.tr("The team server {server} cannot be reached: it is down, or this computer's network or "
                           "VPN is not connected; check the connection (or ask its administrator), then press Retry."
                           ).format(server=self.server)
        else:
            if not isinstance(error, CoachDeskError):
                log.error("opening the team server failed: %r", error)
            text = ops.error_text(error)
        self.kind = kind
        self.sentence.setText(text)
        self.sentence.setAccessibleName(text)
        self.fields.setVisible(kind == "auth")
        self.retry.setText(self.tr("&Sign in") if kind == "auth" else self.tr("&Retry"))
        self.retry.setAccessibleName(self.retry.text().replace("&", ""))
        (self.password if kind == "auth" else self.retry).setFocus()
        self.adjustSize()

    def try_again(self) -> None:
        url = self.location.url
        if self.kind == "auth":
            url = common_api.with_login(url, self.user.text().strip(), self.password.text())
        location = Location(url=url, path=None)
        # off the GUI thread (a server that is down can take seconds to say so); its error comes back through the
        # kit to this dialog's own sentence, which is how this dialog shows every fault (there is no window yet)
        self.trying = ops.read(self, None, self.open_store, location, done=lambda store: self._opened(store, location),
                               failed=self.show_error, busy=[self.retry, self.fields])

    def _opened(self, store: Any, location: Location) -> None:
        self.opened = store
        self.location = location
        self.accept()
