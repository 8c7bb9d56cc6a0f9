"""Keeping a database well: start-up checks, backups and restore, integrity, copies, the team server.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.maintenance.backups import (
        AUTO_BACKUP_AGE,
        REASON_TEXT,
        BackupRow,
        StartupCheck,
        after_start,
        auto_backup_if_due,
        back_up_now,
        backup_due,
        backup_problems,
        backups_folder,
        list_rows,
        newest_good_backup,
        recover_damaged,
        restore,
    )
    from coachdesk.services.maintenance.db_copy import (
        BATCH,
        CopyError,
        CopyReport,
        copy_database,
        read_snapshot,
        target_url,
    )
    from coachdesk.services.maintenance.integrity import IntegrityReport, check_database
    from coachdesk.services.maintenance.maintenance import (
        COUNTED,
        CheckResult,
        backup,
        backup_infos,
        check,
        restore_file,
        upgrade,
    )
    from coachdesk.services.maintenance.startup import ready_without_migration
    from coachdesk.services.maintenance.team_server import LoginGranted, grant_login

_EXPORTS = {
    "AUTO_BACKUP_AGE": "backups", "BackupRow": "backups", "REASON_TEXT": "backups", "StartupCheck": "backups",
    "after_start": "backups", "auto_backup_if_due": "backups", "back_up_now": "backups", "backup_due": "backups",
    "backup_problems": "backups", "backups_folder": "backups", "list_rows": "backups", "newest_good_backup": "backups",
    "recover_damaged": "backups", "restore": "backups",
    "BATCH": "db_copy", "CopyError": "db_copy", "CopyReport": "db_copy", "copy_database": "db_copy",
    "read_snapshot": "db_copy", "target_url": "db_copy",
    "IntegrityReport": "integrity", "check_database": "integrity",
    "COUNTED": "maintenance", "CheckResult": "maintenance", "backup": "maintenance", "backup_infos": "maintenance",
    "check": "maintenance", "restore_file": "maintenance", "upgrade": "maintenance",
    "ready_without_migration": "startup",
    "LoginGranted": "team_server", "grant_login": "team_server",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

