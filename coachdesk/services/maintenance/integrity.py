"""The "Check database" action: a full ``integrity_check`` and foreign-key check, said in plain words with what to do."""

from __future__ import annotations

import time
from dataclasses import dataclass

from coachdesk.domain import date_words
from coachdesk.services.common import Location
from coachdesk.services.maintenance.backups import BackupRow, newest_good_backup
from coachdesk.storage.errors import BackupError


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    problems: tuple[str, ...]
    #: one or two plain sentences: what was found
    summary: str
    #: what to do about it ("" when all is well)
    advice: str
    #: the backup to offer when damage was found (itself checked first)
    backup: BackupRow | None
    seconds: float


def check_database(location: Location, progress=None) -> IntegrityReport:  # noqa: ANN001 - tasks' progress
    """Read-only; seconds to minutes on a large file, so the GUI runs it through ``ui/tasks``."""
    from coachdesk.storage.inspect import integrity_problems

    if location.path is None:
        raise BackupError("The integrity check is for database files; a database server checks itself (ask its "
                          "administrator).")
    if not location.path.exists():
        raise BackupError(f"{location.path} does not exist.")
    if progress is not None:
        progress(0, "Reading every page of the database…")
    start = time.perf_counter()
    problems = tuple(integrity_problems(location.path))
    seconds = time.perf_counter() - start
    if not problems:
        return IntegrityReport(True, (), "No problems found: every page and index of the database is intact, and "
                               "every link between records points at a record that exists.", "", None, seconds)
    if progress is not None:
        progress(90, "Looking for a good backup…")
    backup = newest_good_backup(location)
    count = len(problems)
    summary = (f"The database is damaged: {count}{'+' if count >= 20 else ''} problem{'s' if count > 1 else ''} "
               "found. Some records may be missing or wrong, and saving more may make it worse.")
    if backup is not None:
        when = date_words.when_words(backup.taken_at)
        advice = (f"Restore the newest good backup, from {when} ({backup.reason_text}); anything saved after it "
                  "is lost, and the damaged file is kept in the backups folder first.")
    else:
        advice = ("There is no intact backup to restore. Make a copy of the database file now, then export what "
                  "you can and ask for help; the file is kept as it is.")
    return IntegrityReport(False, problems, summary, advice, backup, seconds)
