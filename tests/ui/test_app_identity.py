"""The app's identity: its name, version, desktop file name and icon (from resources/icons/coachdesk.svg)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from coachdesk import __version__
from coachdesk.app import create_application


def test_application_has_name_icon_and_desktop_file(qapp) -> None:  # noqa: ANN001
    app = create_application(None, offscreen=True)
    assert app is qapp
    assert app.applicationName() == "CoachDesk"
    assert app.applicationDisplayName() == "CoachDesk"
    assert app.applicationVersion() == __version__
    assert QGuiApplication.desktopFileName() == "coachdesk"  # matches installer/linux/coachdesk.desktop
    icon = app.windowIcon()
    assert not icon.isNull()
    for size in (16, 32, 48, 256):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # the SVG is really drawn at every size


def test_main_window_shows_the_app_icon(window) -> None:  # noqa: ANN001
    create_application(None, offscreen=True)  # what the app does before building its window
    assert window.windowTitle() == "CoachDesk"
    assert not window.windowIcon().isNull()
    assert window.windowIcon().cacheKey() == QGuiApplication.windowIcon().cacheKey()
