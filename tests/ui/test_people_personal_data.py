"""The People page's personal-data actions: export a person's data to a file, and erase it only once the name is
typed exactly; real widgets offscreen, tasks run synchronously."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from coachdesk.services import people  # noqa: E402
from coachdesk.ui.dialogs.erase_person_dialog import ErasePersonDialog  # noqa: E402
from coachdesk.ui.pages.people_page import PeoplePage  # noqa: E402
from tests.ui.naming import unnamed_widgets  # noqa: E402


@pytest.fixture
def page(qtbot, ctx):  # noqa: ANN001, ANN201
    widget = PeoplePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_actions_follow_the_selection(page: PeoplePage, sample) -> None:  # noqa: ANN001
    assert not page.export_person_action.isEnabled() and not page.erase_person_action.isEnabled()
    assert page.select_person(sample.agent_uuids["Amelia Brown"])
    assert page.export_person_action.isEnabled() and page.erase_person_action.isEnabled()
    assert page.data_button.menu().actions() == [page.export_person_action, page.erase_person_action]
    assert unnamed_widgets(page) == []


def test_export_writes_the_persons_document(page: PeoplePage, sample, tmp_path: Path) -> None:  # noqa: ANN001
    page.select_person(sample.agent_uuids["Amelia Brown"])
    target = tmp_path / "amelia.json"
    page.export_person_data(str(target))
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["scope"] == {"kind": "person", "person": sample.agent_uuids["Amelia Brown"], "not_included": {}}
    assert [p["display_name"] for p in doc["records"]["person"]] == ["Amelia Brown"]
    assert "Exported the data held about Amelia Brown" in page.message.text()


def test_erase_needs_the_exact_name_typed(page: PeoplePage, sample, qtbot, ctx) -> None:  # noqa: ANN001
    uuid = sample.agent_uuids["Chloé Martin"]
    page.select_person(uuid)
    dialog = page.erase_person_data()
    assert isinstance(dialog, ErasePersonDialog)
    qtbot.waitExposed(dialog)
    assert unnamed_widgets(dialog) == []
    if os.environ.get("COACHDESK_SHOT_DIR"):  # to look at it
        dialog.grab().save(str(Path(os.environ["COACHDESK_SHOT_DIR"]) / "erase_dialog.png"))
        page.grab().save(str(Path(os.environ["COACHDESK_SHOT_DIR"]) / "people_page.png"))
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "chloe martin")  # close is not enough
    assert not dialog.erase_button.isEnabled()
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Chlo")  # QTest types ASCII only
    dialog.name_edit.insert("é")
    qtbot.keyClicks(dialog.name_edit, " Martin")
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None and dialog.report.removed["person"] == 1
    assert all(row.uuid != uuid for row in people.list_people(ctx.db, include_inactive=True))
    assert "Chloé Martin" not in [page.table.model().index(r, 0).data() for r in range(page.table.model().rowCount())]
    assert page.message.text().startswith("Erased ")
