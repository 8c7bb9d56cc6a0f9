"""Every filesystem location the app uses: data, logs, backups, bundled resources and migrations."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from coachdesk import APP_NAME, ORG_NAME

#: Environment variable that points every writable location at one folder (tests, development, portable use).
DATA_DIR_ENV = "COACHDESK_DATA_DIR"
#: Environment variable naming the SQLite database file (same as ``--db``).
DB_ENV = "COACHDESK_DB"
#: Environment variable holding an SQLAlchemy URL (same as ``--db-url``).
DB_URL_ENV = "COACHDESK_DB_URL"

DB_FILE_NAME = "coachdesk.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    """Writable locations of one running app."""

    data_dir: Path
    log_dir: Path

    @property
    def default_db(self) -> Path:
        return self.data_dir / DB_FILE_NAME

    def ensure(self) -> AppPaths:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return self


def app_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Return the app's folders: the override (argument or ``COACHDESK_DATA_DIR``) or the platform's user dirs."""
    override = data_dir or os.environ.get(DATA_DIR_ENV)
    if override:
        root = Path(override).expanduser().resolve()
        return AppPaths(data_dir=root, log_dir=root / "logs")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, ORG_NAME)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, ORG_NAME)),
    )


def backups_dir_for(db_file: Path) -> Path:
    """Backups live in a ``backups/`` folder next to the database file they protect."""
    return db_file.parent / "backups"


def _bundled(name: str) -> Path:
    """Find a folder shipped with the app: frozen bundle, installed wheel, or source/editable checkout."""
    package_dir = Path(__file__).resolve().parent
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    candidates.append(package_dir / f"_{name}")  # wheel: force-included as coachdesk/_<name>
    candidates.append(package_dir.parent / name)  # source tree or editable install
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"CoachDesk's {name!r} folder is missing; looked in: " + ", ".join(map(str, candidates)))


def resources_dir() -> Path:
    return _bundled("resources")


def migrations_dir() -> Path:
    return _bundled("migrations")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
