"""A save that fails on the machine's fault (a read-only database file) shows its sentence in the editor's banner,
and the editor stays open with everything typed; the same save succeeds once the file is writable again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coachdesk.services import people as pa
from coachdesk.ui.dialogs.person_dialog import PersonDialog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="chattr/chmod")


def _read_only(path: Path, on: bool) -> None:
    if os.geteuid() == 0:  # root ignores permission bits: the immutable attribute
        subprocess.run(["chattr", "+i" if on else "-i", str(path)], check=True)
    else:
        path.chmod(0o444 if on else 0o644)


def test_a_save_on_a_read_only_file_shows_the_sentence_and_keeps_the_typing(qtbot, ctx, sample) -> None:  # noqa: ANN001
    uuid = sample.agent_uuids["Farah Khan"]
    path = ctx.db.sqlite_path
    dialog = PersonDialog(ctx, uuid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes_edit.setPlainText("Prefers feedback in the morning")
    ctx.db.dispose()  # the next save opens a new connection, as after a while idle
    _read_only(path, True)
    try:
        dialog.accept()
        assert dialog.isVisible()
        shown = dialog.banner.text()
        assert str(path) in shown and "is read-only" in shown and "nothing was saved" in shown, shown
        assert "Traceback" not in shown and "OperationalError" not in shown
        assert dialog.notes_edit.toPlainText() == "Prefers feedback in the morning"
    finally:
        _read_only(path, False)
    dialog.accept()  # the same press once the file is writable: saved
    assert not dialog.isVisible()
    assert pa.person_detail(ctx.db, uuid).notes == "Prefers feedback in the morning"
