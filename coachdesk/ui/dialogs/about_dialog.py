"""Help ▸ About: CoachDesk's version, licence, and the Qt and PySide6 versions it runs on."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from coachdesk import __version__


def about_text() -> str:
    tr = QCoreApplication.translate
    lines = [
        f"<h2>CoachDesk {__version__}</h2>",
        "<p>" + tr("AboutDialog", "A desktop coaching workbench for contact-centre coaches and team leaders: "
                   "goals, observations, one-to-ones and KPI trends.") + "</p>",
        "<p>" + tr("AboutDialog", "Licence: MIT") + "</p>",
        "<p>" + tr("AboutDialog", "Qt {qt} · PySide6 {pyside} · Python {python}").format(
            qt=qVersion(), pyside=PySide6.__version__, python=platform.python_version()) + "</p>",
    ]
    return "".join(lines)


def build_about_box(parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutDialog")
    box.setAccessibleName(QCoreApplication.translate("AboutDialog", "About CoachDesk"))
    box.setWindowTitle(QCoreApplication.translate("AboutDialog", "About CoachDesk"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text())
    if parent is not None and not parent.windowIcon().isNull():
        box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def show_about(parent: QWidget | None = None) -> QMessageBox:
    box = build_about_box(parent)
    box.open()
    return box
