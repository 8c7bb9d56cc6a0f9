"""Window geometry, splitter positions and the last page, remembered with QSettings in an INI file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

#: The INI file, kept in the data folder so that one ``COACHDESK_DATA_DIR`` override isolates it too.
SETTINGS_FILE = "window-state.ini"


class WindowState:
    """Thin typed wrapper over ``QSettings``; only look-and-place state goes here, never coaching data."""

    def __init__(self, file: Path | None = None) -> None:
        if file is None:
            self._settings = QSettings()  # organisation and application names come from the QApplication
        else:
            file.parent.mkdir(parents=True, exist_ok=True)
            self._settings = QSettings(str(file), QSettings.Format.IniFormat)

    @classmethod
    def in_folder(cls, folder: Path) -> WindowState:
        return cls(folder / SETTINGS_FILE)

    @property
    def file_name(self) -> str:
        return self._settings.fileName()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        return None

    def save_geometry(self, key: str, widget: QWidget) -> None:
        self._settings.setValue(f"{key}/geometry", widget.saveGeometry())

    def restore_geometry(self, key: str, widget: QWidget) -> bool:
        data = self._bytes(f"{key}/geometry")
        return bool(data is not None and widget.restoreGeometry(data))

    def save_splitter(self, key: str, splitter: QSplitter) -> None:
        self._settings.setValue(f"splitters/{key}", splitter.saveState())

    def restore_splitter(self, key: str, splitter: QSplitter) -> bool:
        data = self._bytes(f"splitters/{key}")
        return bool(data is not None and splitter.restoreState(data))

    def text(self, key: str, default: str = "") -> str:
        value = self._settings.value(key, default)
        return value if isinstance(value, str) else default

    def set_text(self, key: str, value: str) -> None:
        self._settings.setValue(key, value)

    def sync(self) -> None:
        self._settings.sync()
