"""The conflict dialog: both versions side by side with the differences marked, and each choice doing what it says
in the person and objective editors (keep mine = audited overwrite, take theirs = reload, cancel = typing kept)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from coachdesk.domain.errors import ConflictError
from coachdesk.services import goals as svc
from coachdesk.services import people as pa
from coachdesk.storage.models import AuditEntry, Objective
from coachdesk.ui.dialogs.objective_dialog import ObjectiveDialog
from coachdesk.ui.dialogs.person_dialog import PersonDialog
from coachdesk.ui.kit.conflicts import CANCEL, KEEP_MINE, TAKE_THEIRS, ConflictDialog
from tests.ui.naming import unnamed_widgets

BUTTONS = {KEEP_MINE: "conflictKeepMine", TAKE_THEIRS: "conflictTakeTheirs", CANCEL: "conflictCancel"}


def answer_conflict(choice: str, seen: list[ConflictDialog]) -> None:
    """Click ``choice`` in the conflict dialog once it is up (it runs modally inside the editor's save)."""
    tries = [300]  # about 3 s, then give up (the test then fails on what the editor did without it)

    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(10, click)
            return
        seen.append(dialog)
        dialog.findChild(type(dialog.keep_mine), BUTTONS[choice]).click()

    QTimer.singleShot(0, click)


def error() -> ConflictError:
    return ConflictError("changed", kind="person", label="Ann Lee's record", their_version=3, my_version=2,
                         theirs={"Name": "Ann Lee", "E-mail": "theirs@example.com", "Notes": ""},
                         mine={"Name": "Ann Lee", "E-mail": "mine@example.com", "Notes": "Mine"})


def test_dialog_marks_exactly_the_differing_fields(qtbot) -> None:  # noqa: ANN001
    dialog = ConflictDialog(error())
    qtbot.addWidget(dialog)
    assert unnamed_widgets(dialog) == []
    assert dialog.differing_fields() == ["E-mail", "Notes"]
    table = dialog.table
    assert [table.item(0, c).text() for c in range(4)] == ["", "Name", "Ann Lee", "Ann Lee"]
    assert [table.item(1, c).text() for c in range(4)] == ["≠", "E-mail", "theirs@example.com", "mine@example.com"]
    base = dialog.palette().color(QPalette.ColorRole.Base)
    assert table.item(1, 2).background().color() != base and table.item(1, 2).font().bold()
    assert not table.item(0, 2).font().bold()
    assert dialog.cancel.isDefault() and not dialog.keep_mine.isDefault()


@pytest.mark.parametrize("choice", [KEEP_MINE, TAKE_THEIRS, CANCEL])
def test_each_button_sets_its_choice(qtbot, choice: str) -> None:  # noqa: ANN001
    dialog = ConflictDialog(error())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.findChild(type(dialog.keep_mine), BUTTONS[choice]).click()
    assert dialog.choice == choice and not dialog.isVisible()


def open_person(qtbot, ctx, uuid: str) -> PersonDialog:  # noqa: ANN001
    dialog = PersonDialog(ctx, uuid)
    qtbot.addWidget(dialog)
    dialog.show()
    other = pa.person_detail(ctx.db, uuid)  # someone else saves meanwhile
    theirs = other.to_input()
    theirs.email = "farah.k@example.com"
    pa.update_person(ctx.db, uuid, theirs, other.version)
    dialog.notes_edit.setPlainText("Works late shifts")
    return dialog


def test_person_keep_mine_overwrites_and_audits(qtbot, ctx, sample) -> None:  # noqa: ANN001
    uuid = sample.agent_uuids["Farah Khan"]
    dialog = open_person(qtbot, ctx, uuid)
    seen: list[ConflictDialog] = []
    answer_conflict(KEEP_MINE, seen)
    dialog.accept()
    assert seen and seen[0].differing_fields() == ["E-mail", "Notes"]
    assert not dialog.isVisible()
    stored = pa.person_detail(ctx.db, uuid)
    assert stored.notes == "Works late shifts" and stored.email != "farah.k@example.com"  # mine, whole
    with ctx.db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.summary.like("%saved over a change%"))).one()
    assert json.loads(entry.details_json)["overwrote"]["E-mail"] == "farah.k@example.com"


def test_person_take_theirs_reloads_the_form(qtbot, ctx, sample) -> None:  # noqa: ANN001
    uuid = sample.agent_uuids["Farah Khan"]
    dialog = open_person(qtbot, ctx, uuid)
    answer_conflict(TAKE_THEIRS, [])
    dialog.accept()
    assert dialog.isVisible() and "your changes were discarded" in dialog.banner.text()
    assert dialog.email_edit.text() == "farah.k@example.com" and dialog.notes_edit.toPlainText() == ""
    assert pa.person_detail(ctx.db, uuid).notes is None
    dialog.accept()  # saving now is based on their version: no second conflict
    assert not dialog.isVisible()


def test_person_cancel_keeps_the_typing_and_saves_nothing(qtbot, ctx, sample) -> None:  # noqa: ANN001
    uuid = sample.agent_uuids["Farah Khan"]
    dialog = open_person(qtbot, ctx, uuid)
    answer_conflict(CANCEL, [])
    dialog.accept()
    assert dialog.isVisible() and "changed by someone else" in dialog.banner.text()
    assert dialog.notes_edit.toPlainText() == "Works late shifts"
    assert pa.person_detail(ctx.db, uuid).notes is None


def test_objective_keep_mine_and_take_theirs(qtbot, ctx, sample) -> None:  # noqa: ANN001
    with ctx.db.session() as s:
        uuid = s.scalar(select(Objective.uuid))
    start = svc.objective_detail(ctx.db, uuid)
    data = start.to_input()
    data.kpi_code = next(m.code for m in svc.measure_choices(ctx.db) if m.code == "AHT")
    data.target, data.commit, data.stretch = "5:00", None, None
    svc.update_objective(ctx.db, uuid, data, expected_version=start.version)
    for choice in (TAKE_THEIRS, KEEP_MINE):
        dialog = ObjectiveDialog(ctx, uuid)
        qtbot.addWidget(dialog)
        dialog.show()
        other = svc.objective_detail(ctx.db, uuid)
        theirs = other.to_input()
        theirs.statement = f"Their wording ({choice}): handle time under five minutes"
        svc.update_objective(ctx.db, uuid, theirs, expected_version=other.version)
        dialog.fields.statement.setPlainText("My wording: bring handle time under five minutes")
        answer_conflict(choice, [])
        dialog.accept()
        stored = svc.objective_detail(ctx.db, uuid).statement
        if choice == TAKE_THEIRS:
            assert dialog.isVisible() and stored.startswith("Their wording")
            assert dialog.fields.statement.toPlainText() == stored
            dialog.reject()
        else:
            assert not dialog.isVisible() and stored == "My wording: bring handle time under five minutes"
