"""Choose who is using the app ("Signed in as…"): it sets the Today lists, and the coach and actor of what is
recorded."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from coachdesk.domain.enums import Role
from coachdesk.services import common as common_api
from coachdesk.services import people as people_api
from coachdesk.services.common import AppContext

LEADING_ROLES = (Role.TEAM_LEADER, Role.COACH, Role.QUALITY_SPECIALIST, Role.OPERATIONS_MANAGER, Role.INSTRUCTOR)


class SignInDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: common_api.PersonRef | None = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Signed in as…"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Who is using CoachDesk on this computer? The Today page lists their teams, and "
                               "one-to-ones and audit entries name them."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.person = QComboBox(self)
        self.person.setObjectName("signInPerson")
        self.person.setAccessibleName(self.tr("Person"))
        self.person.addItem(self.tr("Nobody (show every team)"), None)
        current = common_api.signed_in_person(ctx.db)
        for row in people_api.list_people(ctx.db):
            if any(r in row.roles for r in LEADING_ROLES):
                self.person.addItem(f"{row.display_name} ({row.team or self.tr('no team')})", row.uuid)
        if current is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(current.uuid)))
        form = QFormLayout()
        form.addRow(self.tr("&Person"), self.person)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("signInButtons")
        buttons.setAccessibleName(self.tr("Dialog buttons"))
        for button in buttons.buttons():
            button.setObjectName(f"signIn{button.text().replace('&', '')}")
            button.setAccessibleName(button.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.chosen = common_api.sign_in_as(self.ctx.db, self.person.currentData())
        super().accept()
