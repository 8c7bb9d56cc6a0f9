"""Help ▸ About: version, CoachDesk's licence, and the licences of the libraries and fonts it ships with."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTextBrowser

from coachdesk import __version__
from coachdesk.ui.dialogs import about_dialog
from tests.ui.naming import unnamed_widgets


def test_about_is_reached_from_the_help_menu(window) -> None:  # noqa: ANN001
    action = window.findChild(type(window.menuBar().actions()[0]), "actionAbout")
    assert action is not None
    action.trigger()
    box = window.about_box
    assert isinstance(box, about_dialog.AboutDialog) and box.isVisible()
    assert box.windowTitle() == "About CoachDesk"
    assert not unnamed_widgets(box)
    box.close()


def test_about_names_version_licence_libraries_and_fonts(window) -> None:  # noqa: ANN001
    box = window.show_about()
    assert f"CoachDesk {__version__}" in box.heading.text()
    assert "Licence: MIT" in box.heading.text()
    credits = box.findChild(QTextBrowser, "aboutCredits").toPlainText()
    for name in ("Qt", "Python", "SQLAlchemy", "alembic", "matplotlib", "reportlab", "PySide6_Essentials"):
        assert name in credits, name
    assert "LGPL-3.0" in credits and "MIT" in credits
    assert not box.icon_label.pixmap().isNull()  # the app icon is shown
    box.close()


def test_library_licences_come_from_each_distributions_metadata() -> None:
    libraries = {c.name.lower(): c for c in about_dialog.bundled_libraries()}
    assert libraries["sqlalchemy"].licence == "MIT"
    assert "LGPL-3.0" in libraries["pyside6_essentials"].licence
    assert "BSD" in libraries["reportlab"].licence
    assert libraries["matplotlib"].version
    assert "pytest" not in libraries  # test extras are not shipped
    assert "coachdesk" not in libraries


def test_fonts_are_listed_from_their_licence_files(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "LICENSE-Example.txt").write_text("Files: *\nLicense: OFL-1.1\n full text\n")
    (fonts / "LICENSE-Other.txt").write_text("Licensed under the Apache License, Version 2.0\n")
    monkeypatch.setattr("coachdesk.paths.resources_dir", lambda: tmp_path)
    listed = about_dialog.bundled_fonts()
    assert [(f.name, f.licence) for f in listed] == [("Example", "OFL-1.1"), ("Other", "Apache-2.0")]
    assert listed[0].licence_file == fonts / "LICENSE-Example.txt"
