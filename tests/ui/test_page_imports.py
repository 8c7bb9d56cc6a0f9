"""Opening the Team or People page loads no roster importer: the people models name the roster preview's rows only
for type checking and read the roster's action words when a preview is shown; the People page opens the roster
dialog's module when a roster is opened."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from coachdesk.domain.enums import Role
from coachdesk.importers.roster import RosterRow
from coachdesk.services import people as people_api
from coachdesk.ui.models.people_models import RosterRowsModel


@pytest.mark.parametrize("page", ["team_page", "people_page"])
def test_the_page_module_imports_no_roster_importer(page: str) -> None:
    code = (f"import sys, coachdesk.ui.pages.{page}; print(sorted(m for m in sys.modules if m.endswith("
            "('importers.roster', 'people.roster_import', 'dialogs.roster_dialog'))))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "[]"


def test_the_roster_preview_still_words_its_actions(qapp) -> None:  # noqa: ANN001
    row = RosterRow(line=3, display_name="Amelia Brown", role=Role.AGENT)
    planned = [people_api.PlannedRow(row=row, action=action, matched_by="e-mail") for action in
               (people_api.CREATE, people_api.UNCHANGED, people_api.UPDATE)]
    model = RosterRowsModel(planned)
    texts = [model.index(r, RosterRowsModel.ACTION).data() for r in range(3)]
    assert texts == ["New person", "No change", "Update (matched by e-mail)"]
    assert [model.dimmed(p) for p in planned] == [False, True, False]
