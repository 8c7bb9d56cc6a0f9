"""Help ▸ About: CoachDesk's icon, version and licence, and the licences of the libraries and fonts it ships with."""

from __future__ import annotations

import html
import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coachdesk import __version__
from coachdesk.ui.kit import a11y

APP_LICENCE = "MIT"


@dataclass(frozen=True)
class Component:
    """One library or font shipped with CoachDesk and the licence it comes under."""

    name: str
    version: str
    licence: str
    licence_file: Path | None = None


def _tr(text: str) -> str:
    return QCoreApplication.translate("AboutDialog", text)


def _requirement_name(requirement: str) -> str | None:
    """The distribution a runtime requirement names; None for extras (``; extra == 'test'``)."""
    if re.search(r"\bextra\s*==", requirement):
        return None
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return match.group(1) if match else None


def _licence_of(dist: metadata.Distribution) -> str:
    """SPDX expression when given; else a one-line License field; else the licence classifier."""
    meta = dist.metadata
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 80:
        return field
    classifiers = [c.rsplit("::", 1)[-1].strip() for c in (meta.get_all("Classifier") or []) if c.startswith("License ::")]
    if classifiers:
        return " / ".join(classifiers)
    return _tr("see its licence file") if field else _tr("not stated")


def bundled_libraries(root: str = "coachdesk") -> list[Component]:
    """CoachDesk's runtime dependencies, followed transitively, from the installed (or bundled) metadata."""
    found: dict[str, Component] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if key != root:
            found[key] = Component(dist.metadata["Name"], dist.version, _licence_of(dist))
        else:
            found[key] = Component("", "", "")  # marks the root as seen
        todo.extend(n for n in map(_requirement_name, dist.requires or []) if n)
    found.pop(root, None)
    return sorted(found.values(), key=lambda c: c.name.lower())


def _font_licence(text: str) -> str:
    """The licence named in a font's licence file (Debian copyright format ``License:``, or its wording)."""
    match = re.search(r"^License:\s*(\S.*)$", text, re.M)
    if match:  # a short name ("OFL-1.1"), or the first clause of a sentence ("Fonts are free for any use; ...")
        return re.split(r";|\.\s", match.group(1).strip())[0][:60]
    for pattern, name in (("Bitstream Vera", "Bitstream Vera"), ("Apache License", "Apache-2.0"),
                          ("SIL Open Font", "OFL-1.1"), ("free for any use", "free for any use")):
        if pattern.lower() in text.lower():
            return name
    return _tr("see its licence file")


def bundled_fonts() -> list[Component]:
    """Fonts in resources/fonts, one entry per ``LICENSE-<font>.txt`` file found there."""
    from coachdesk.paths import resource

    try:
        folder = resource("fonts")
    except FileNotFoundError:
        return []
    if not folder.is_dir():
        return []
    fonts = []
    for path in sorted(folder.glob("*LICENSE*")):
        name = re.sub(r"^LICENSE[-_]?", "", path.stem, flags=re.I) or path.stem
        name = re.sub(r"-(OFL|Apache|GPL)$", "", name)
        fonts.append(Component(name, "", _font_licence(path.read_text(encoding="utf-8", errors="replace")), path))
    return fonts


def _row(component: Component, with_version: bool = True) -> str:
    name = html.escape(component.name)
    if component.licence_file is not None:
        url = QUrl.fromLocalFile(str(component.licence_file)).toString()
        licence = f'<a href="{html.escape(url)}">{html.escape(component.licence)}</a>'
    else:
        licence = html.escape(component.licence)
    version = f"<td>{html.escape(component.version)}</td>" if with_version else ""
    return f"<tr><td>{name}</td>{version}<td>{licence}</td></tr>"


def credits_html() -> str:
    """The third-party part: runtime, libraries (from their metadata) and fonts (from their licence files)."""
    runtime = [
        Component("Qt", qVersion(), "LGPL-3.0-only"),
        Component("Python", platform.python_version(), "PSF-2.0"),
    ]
    table = '<table cellspacing="0" cellpadding="3" width="100%">'
    head = "<tr><th align='left'>{}</th><th align='left'>{}</th><th align='left'>{}</th></tr>".format(
        _tr("Component"), _tr("Version"), _tr("Licence"))
    parts = [f"<h3>{_tr('Libraries')}</h3>", table, head]
    parts += [_row(c) for c in runtime + bundled_libraries()]
    parts.append("</table>")
    fonts = bundled_fonts()
    if fonts:
        font_head = "<tr><th align='left'>{}</th><th align='left'>{}</th></tr>".format(_tr("Font"), _tr("Licence"))
        parts += [f"<h3>{_tr('Fonts in PDF reports')}</h3>", table, font_head,
                  *(_row(font, with_version=False) for font in fonts), "</table>"]
    parts.append("<p>" + _tr("Qt and PySide6 are used under the GNU LGPL version 3: you may replace these "
                             "libraries in the installed folder with versions of your own.") + "</p>")
    return "".join(parts)


def about_text() -> str:
    """The heading part: name, version, what it is, its licence, and the Qt/PySide6/Python it runs on."""
    return "".join([
        f"<h2>CoachDesk {html.escape(__version__)}</h2>",
        "<p>" + _tr("A desktop coaching workbench for contact-centre coaches and team leaders: "
                    "goals, observations, one-to-ones and KPI trends.") + "</p>",
        "<p>" + _tr("Licence: {licence}. Copyright © CoachDesk developers.").format(licence=APP_LICENCE) + "</p>",
        "<p>" + _tr("Qt {qt} · PySide6 {pyside} · Python {python}").format(
            qt=qVersion(), pyside=PySide6.__version__, python=platform.python_version()) + "</p>",
    ])


def _app_icon(parent: QWidget | None) -> QIcon:
    """The window's icon, else the application's, else the one drawn from resources/icons/coachdesk.svg."""
    for icon in (parent.windowIcon() if parent is not None else QIcon(), QApplication.windowIcon()):
        if not icon.isNull():
            return icon
    from coachdesk.paths import resource

    try:
        return QIcon(str(resource("icons", "coachdesk.svg")))
    except FileNotFoundError:
        return QIcon()


class AboutDialog(QDialog):
    """The About window: icon and heading on top, the scrollable credits below, Close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_tr("About CoachDesk"))
        self.setAccessibleName(_tr("About CoachDesk"))
        self.icon_label = QLabel(self)
        self.icon_label.setObjectName("aboutIcon")
        icon = _app_icon(parent)
        if not icon.isNull():
            self.icon_label.setPixmap(icon.pixmap(72, 72))
        self.icon_label.setAccessibleName(_tr("CoachDesk icon"))
        self.heading = QLabel(about_text(), self)
        self.heading.setObjectName("aboutHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.credits = QTextBrowser(self)
        self.credits.setObjectName("aboutCredits")
        self.credits.setAccessibleName(_tr("Licences of the libraries and fonts CoachDesk ships with"))
        self.credits.setOpenExternalLinks(True)
        self.credits.setHtml(credits_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("aboutButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("aboutClose")
        close.setAccessibleName(_tr("Close"))
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.heading, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.credits, 1)
        layout.addWidget(buttons)
        self.resize(620, 560)
        close.setFocus()

    def text(self) -> str:
        """Everything the dialog says, as rich text (heading and credits)."""
        return self.heading.text() + self.credits.toHtml()


def build_about_box(parent: QWidget | None = None) -> AboutDialog:
    return AboutDialog(parent)


def show_about(parent: QWidget | None = None) -> AboutDialog:
    box = build_about_box(parent)
    a11y.delete_when_closed(box).open()
    return box
